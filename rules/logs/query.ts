/** Small questions the log rules ask of the parsed events. */
import type { LogEvent } from './types.js';

export function hasKind(event: LogEvent, kind: string): boolean {
  return (' ' + (event.data.kinds ?? '') + ' ').includes(' ' + kind + ' ');
}

export function eventsWithKind(events: readonly LogEvent[], kind: string): LogEvent[] {
  return events.filter((e) => hasKind(e, kind));
}

export function firstWithKind(events: readonly LogEvent[], kind: string): LogEvent | undefined {
  return events.find((e) => hasKind(e, kind));
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
