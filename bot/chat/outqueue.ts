/**
 * One outgoing queue per IRC connection. Servers disconnect clients that send too fast ("Excess Flood"), so
 * lines leave through a token bucket (a short burst, then a steady rate under the server's limit). Lines wait
 * in one FIFO per target and targets take turns line by line, so a long private config to one user never
 * holds up a one-line answer in a channel, while the lines of one answer stay in order and together.
 *
 * Pure logic: the clock and timers are injected; the adapter supplies `send`.
 */
import type { Clock } from './paste.js';

export interface OutLine {
  target: string;
  text: string;
  notice?: boolean;
  /** A CTCP reply (VERSION, PING): `text` holds its parameters, sent as a CTCP NOTICE. */
  ctcp?: string;
}

export interface OutQueueOptions {
  /** Lines that may leave at once after a quiet spell. */
  burst: number;
  /** Sustained lines per second. */
  ratePerSec: number;
  send: (line: OutLine) => void;
  /** Lines held at most (all targets); later lines are dropped and reported. */
  maxQueued?: number;
  onDrop?: (line: OutLine) => void;
  clock?: Clock;
}

export interface OutQueue {
  /** Queue lines for their targets; they leave in order per target. */
  enqueue(lines: readonly OutLine[]): void;
  /** Hold every line (e.g. while disconnected); `resume` starts sending again. */
  pause(): void;
  resume(): void;
  /** Drop everything queued. */
  clear(): void;
  /** Lines waiting. */
  readonly size: number;
  /** Lines waiting for one target. */
  waiting(target: string): number;
  /** Whether `lines` more lines would leave at once (nothing waiting, enough tokens in the bucket). */
  canSendNow(lines: number): boolean;
  /** Resolves when nothing is waiting (immediately if empty). */
  idle(): Promise<void>;
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createOutQueue(opts: OutQueueOptions): OutQueue {
  const clock = opts.clock ?? systemClock;
  const burst = Math.max(1, opts.burst);
  const rate = opts.ratePerSec > 0 ? opts.ratePerSec : 1;
  const maxQueued = opts.maxQueued ?? 1000;
  /** Targets in turn order; each with its FIFO. Map iteration order is the round-robin order. */
  const queues = new Map<string, OutLine[]>();
  let size = 0;
  let tokens = burst;
  let refilledAt = clock.now();
  let timer: unknown;
  let paused = false;
  let waiters: Array<() => void> = [];

  function refill(): void {
    const now = clock.now();
    tokens = Math.min(burst, tokens + ((now - refilledAt) / 1000) * rate);
    refilledAt = now;
  }

  function settle(): void {
    if (size > 0) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  }

  function pump(): void {
    timer = undefined;
    if (paused) return;
    refill();
    while (size > 0 && tokens >= 1) {
      const next = queues.entries().next();
      if (next.done) break;
      const [target, lines] = next.value;
      const line = lines.shift();
      queues.delete(target);
      // The target goes to the back of the turn order if it has more to say.
      if (lines.length > 0) queues.set(target, lines);
      if (!line) continue;
      size--;
      tokens -= 1;
      try {
        opts.send(line);
      } catch {
        // A dead socket must not stop the queue; the adapter's reconnect handles the connection.
      }
    }
    settle();
    if (size > 0 && timer === undefined) {
      const waitMs = Math.max(1, Math.ceil(((1 - tokens) / rate) * 1000));
      timer = clock.setTimeout(pump, waitMs);
    }
  }

  return {
    enqueue(lines) {
      for (const line of lines) {
        if (size >= maxQueued) {
          opts.onDrop?.(line);
          continue;
        }
        const key = line.target.toLowerCase();
        const q = queues.get(key);
        if (q) q.push(line);
        else queues.set(key, [line]);
        size++;
      }
      if (timer === undefined) pump();
    },
    pause() {
      paused = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
    resume() {
      paused = false;
      if (timer === undefined) pump();
    },
    clear() {
      queues.clear();
      size = 0;
      settle();
    },
    get size() {
      return size;
    },
    canSendNow(lines) {
      refill();
      return size === 0 && tokens >= lines;
    },
    waiting(target) {
      return queues.get(target.toLowerCase())?.length ?? 0;
    },
    idle() {
      if (size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
