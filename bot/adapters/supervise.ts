/**
 * Each configured network runs on its own: it starts, fails and retries without touching the others, and the
 * process ends only when every configured network has failed for good (a bad token), not when one is down.
 */
import { reconnectDelay } from './backoff.js';

export type NetworkState = 'starting' | 'connected' | 'reconnecting' | 'failed';

export interface NetworkHandle {
  stop(): Promise<void>;
  state(): 'connected' | 'reconnecting';
}

export interface SupervisedNetwork {
  readonly name: string;
  state(): NetworkState;
  /** Why it failed for good, or the last start error while it retries. */
  lastError(): string | undefined;
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  start: () => Promise<NetworkHandle>;
  /** A start error that retrying cannot cure (an invalid token): the network fails for good. */
  isFatal: (e: unknown) => boolean;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (attempt: number, delayMs: number, error: string) => void;
  onFailed?: (error: string) => void;
  random?: () => number;
}

export function supervise(opts: SuperviseOptions): SupervisedNetwork {
  const base = opts.baseDelayMs ?? 2000;
  const max = opts.maxDelayMs ?? 5 * 60_000;
  let handle: NetworkHandle | undefined;
  let failed = false;
  let stopped = false;
  let lastError: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const tryStart = (): void => {
    opts.start().then(
      (h) => {
        if (stopped) {
          void h.stop();
          return;
        }
        handle = h;
        lastError = undefined;
      },
      (e: unknown) => {
        lastError = e instanceof Error ? e.message : String(e);
        if (stopped) return;
        if (opts.isFatal(e)) {
          failed = true;
          opts.onFailed?.(lastError);
          return;
        }
        const delay = reconnectDelay(attempt++, base, max, (opts.random ?? Math.random)());
        opts.onRetry?.(attempt, delay, lastError);
        timer = setTimeout(tryStart, delay);
      },
    );
  };
  tryStart();

  return {
    name: opts.name,
    state: () => (failed ? 'failed' : handle ? handle.state() : lastError ? 'reconnecting' : 'starting'),
    lastError: () => lastError,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await handle?.stop();
    },
  };
}

/** Every network failed for good: nothing left to run. */
export function allFailed(networks: readonly SupervisedNetwork[]): boolean {
  return networks.length > 0 && networks.every((n) => n.state() === 'failed');
}
