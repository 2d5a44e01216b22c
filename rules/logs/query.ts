/** Small questions the log rules ask of the parsed events. */
import type { LogContext } from '../types.js';
import { pasteLines, type PasteLine } from './lines.js';
import type { LogEvent } from './types.js';

/** The paste's lines, as the engine hands them to every rule (or cut here when a rule runs on its own). */
export function linesOf(ctx: LogContext): readonly PasteLine[] {
  return ctx.lines ?? pasteLines(ctx.text);
}

/** Whether `kind` is one of the event's space-separated kinds. Allocates nothing: every rule asks it of every event. */
export function hasKind(event: LogEvent, kind: string): boolean {
  const kinds = event.data.kinds;
  if (!kinds) return false;
  for (let at = kinds.indexOf(kind); at >= 0; at = kinds.indexOf(kind, at + 1)) {
    const end = at + kind.length;
    if ((at === 0 || kinds.charCodeAt(at - 1) === 32) && (end === kinds.length || kinds.charCodeAt(end) === 32)) return true;
  }
  return false;
}

/**
 * Events by kind, built in one pass the first time a rule asks about a paste's events and shared by every rule of
 * that diagnosis (the events array is the key): dozens of rules asking for a kind cost one scan, not one each.
 */
const byKind = new WeakMap<readonly LogEvent[], Map<string, LogEvent[]>>();

function kindIndex(events: readonly LogEvent[]): Map<string, LogEvent[]> {
  let index = byKind.get(events);
  if (!index) {
    index = new Map();
    for (const e of events) {
      const kinds = e.data.kinds;
      if (!kinds) continue;
      // most events carry one kind: split only when there are several
      for (const k of kinds.includes(' ') ? kinds.split(' ') : [kinds]) {
        if (k === '') continue;
        const list = index.get(k);
        if (!list) index.set(k, [e]);
        else if (list[list.length - 1] !== e) list.push(e);
      }
    }
    byKind.set(events, index);
  }
  return index;
}

export function eventsWithKind(events: readonly LogEvent[], kind: string): LogEvent[] {
  return [...(kindIndex(events).get(kind) ?? [])];
}

/** Whether any event has one of `kinds`. */
export function hasAnyKind(events: readonly LogEvent[], kinds: readonly string[]): boolean {
  const index = kindIndex(events);
  return kinds.some((k) => index.has(k));
}

export function firstWithKind(events: readonly LogEvent[], kind: string): LogEvent | undefined {
  return kindIndex(events).get(kind)?.[0];
}

export function commandArgv(event: LogEvent): string[] {
  try {
    const parsed: unknown = JSON.parse(event.data.argv ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

export function commands(events: readonly LogEvent[], program?: string): LogEvent[] {
  return events.filter((e) => e.type === 'command' && (program === undefined || e.data.program === program));
}

/** Which toolstack produced the paste, as far as it shows. */
export function toolstackOf(events: readonly LogEvent[]): 'xm' | 'xl' | undefined {
  let xm = 0;
  let xl = 0;
  for (const e of events) {
    if (e.type === 'command' && e.data.program === 'xm') xm += 2;
    if (e.type === 'command' && e.data.program === 'xl') xl += 2;
    if (hasKind(e, 'using-config') || e.type === 'xm-error' || hasKind(e, 'xm-errors-at-line') || hasKind(e, 'xend-unreachable')) xm++;
    if (e.data.tool === 'xl' || e.data.tool === 'libxc' || hasKind(e, 'parsing-config')) xl++;
  }
  if (xm === xl) return undefined;
  return xm > xl ? 'xm' : 'xl';
}

export function isErrorish(event: LogEvent): boolean {
  return event.data.errorish === 'yes';
}
