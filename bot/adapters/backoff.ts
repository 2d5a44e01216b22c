/**
 * Delay before reconnect attempt `attempt` (0-based): doubling from `baseMs`, capped at `maxMs`, plus up to
 * a second of jitter (`random` in [0, 1)) so a netsplit does not bring every bot back at the same instant.
 * There is no attempt limit: the caller keeps trying at the cap.
 */
export function reconnectDelay(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const delay = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return delay + Math.floor(random * Math.min(1000, delay / 2));
}
