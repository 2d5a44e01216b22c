/**
 * The error-looking lines of a paste, for the honest "I don't recognise this" reply when no
 * rule matched. Follow-on noise of a failed `xl create` (destroy/cleanup lines) is left out so
 * that the line that names the real problem comes first.
 */
import type { LogEvent } from './types.js';

const FOLLOW_ON_NOISE = [
  'Non-existant domain',
  'Unable to destroy guest',
  'Destruction of domain failed',
  'unable to destroy guest',
  'destruction of domain',
  'non-existant domain',
  'cannot (re-)build domain',
  'Failed to parse config: Invalid argument',
  // pv-grub's Mini-OS block front end asks for optional backend features; their absence is normal
  '/feature-barrier',
  '/feature-flush-cache',
  '/feature-discard',
];

/** A follow-on message that names how the build ended, without why: when nothing else is there, it is the error. */
const BUILD_FAILED = 'cannot (re-)build domain';

export function unrecognisedErrorLines(events: readonly LogEvent[], max = 5): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  let buildFailed: string | undefined;
  for (const e of events) {
    if (e.data.errorish !== 'yes' || e.type === 'command') continue;
    if (FOLLOW_ON_NOISE.some((n) => e.text.includes(n))) {
      buildFailed ??= e.text.includes(BUILD_FAILED) ? e.text.trim().slice(0, 300) : undefined;
      continue;
    }
    const text = e.text.trim().slice(0, 300);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
    if (out.length >= max) break;
  }
  // (a paste that holds only "cannot (re-)build domain" and its cleanup lost the line that says why: it is still an
  // error, not a clean paste, and the fallback asks for the output that says why)
  return out.length === 0 && buildFailed !== undefined ? [buildFailed] : out;
}
