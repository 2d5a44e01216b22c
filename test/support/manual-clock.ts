/** A manual clock for the paste assembler and the outgoing queue: timers fire only when the test advances time. */
import type { Clock } from '../../bot/chat/paste.js';

export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** Current time. */
  t(): number;
  /** Timers still pending. */
  timers(): number;
}

export function manualClock(): ManualClock {
  let t = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    t: () => t,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: t + ms, fn });
      return id;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        t = due[1].at;
        due[1].fn();
      }
      t = end;
    },
    timers: () => timers.size,
  };
}
