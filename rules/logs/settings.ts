/**
 * The config settings a log rule can cite: from the config pasted along with the log (with its
 * line numbers), or else from `key = value` lines inside the paste itself (e.g. `grep` output).
 */
import type { PlainValue } from '../config/types.js';
import { LIST_ITEM_SPLIT, PLAIN_INTEGER } from '../patterns/logs.js';
import type { LogContext } from '../types.js';

/**
 * Where the config of the context came from: the paste itself (a config and a log in one message,
 * parsed whole), the paste's `key = value` lines gathered into a config by the caller (their line
 * numbers are not the paste's), or a separate file (line numbers are the file's).
 */
export type ConfigOrigin = 'none' | 'paste' | 'embedded' | 'separate';

function normalise(text: string): string {
  return text.split('\r\n').join('\n').trimEnd();
}

/** The origin per config and paste: every rule asks, and the answer reads the whole paste. */
const origins = new WeakMap<object, { text: string; origin: ConfigOrigin }>();

export function configOrigin(ctx: LogContext): ConfigOrigin {
  const config = ctx.config;
  if (!config) return 'none';
  const known = origins.get(config);
  if (known && known.text === ctx.text) return known.origin;
  const origin = originOf(config.source, ctx.text);
  origins.set(config, { text: ctx.text, origin });
  return origin;
}

function originOf(source: string, text: string): ConfigOrigin {
  if (normalise(source) === normalise(text)) return 'paste';
  const pasteLines = new Set(text.split('\n').map((l) => l.trim()));
  const configLines = source.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return configLines.length > 0 && configLines.every((l) => pasteLines.has(l)) ? 'embedded' : 'separate';
}

export interface Setting {
  key: string;
  /** The statement as written, e.g. `memory = 1024`. */
  text: string;
  value: PlainValue | undefined;
  /** Line in the config file, when a separate config came along. */
  configLine?: number;
  /** Line in the paste, when the setting was seen in the log text. */
  pasteLine?: number;
}

function plainFromText(raw: string): PlainValue | undefined {
  const t = raw.trim();
  if (PLAIN_INTEGER.test(t)) return Number(t);
  const q = t[0];
  if ((q === '"' || q === "'") && t.endsWith(q) && t.length >= 2) return t.slice(1, -1);
  if (t.startsWith('[')) {
    const items: PlainValue[] = [];
    for (const part of t.slice(1, t.endsWith(']') ? -1 : undefined).split(LIST_ITEM_SPLIT)) {
      const v = plainFromText(part.trim());
      if (v !== undefined && v !== '') items.push(v);
    }
    return items;
  }
  return undefined;
}

/** The last item that matches, without copying the list (Array#findLast needs ES2023). */
function lastWhere<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

export function setting(ctx: LogContext, key: string): Setting | undefined {
  const config = ctx.config;
  const origin = configOrigin(ctx);
  if (config && (origin === 'paste' || origin === 'separate')) {
    const assignment = lastWhere(config.assignments, (a) => a.key === key);
    if (assignment) {
      return {
        key,
        text: config.source.slice(assignment.span.start, assignment.span.end),
        value: config.values[key] ?? assignment.value.value,
        ...(origin === 'paste' ? { pasteLine: assignment.span.line } : { configLine: assignment.span.line }),
      };
    }
  }
  const pasted = lastWhere(ctx.events, (e) => e.type === 'config-line' && e.data.key === key);
  if (pasted) return { key, text: pasted.text.trim(), value: plainFromText(pasted.data.value ?? ''), pasteLine: pasted.line };
  return undefined;
}

/** `line 3 of your config (\`memory = 1024\`)`, `line 2 of your paste (\`memory = 1024\`)`. */
export function cite(s: Setting): string {
  if (s.configLine !== undefined) return `line ${s.configLine} of your config (\`${s.text}\`)`;
  if (s.pasteLine !== undefined) return `line ${s.pasteLine} of your paste (\`${s.text}\`)`;
  return `your \`${s.text}\``;
}

export function stringValue(s: Setting | undefined): string | undefined {
  if (!s) return undefined;
  if (typeof s.value === 'string') return s.value;
  return undefined;
}

export function numberValue(s: Setting | undefined): number | undefined {
  if (!s) return undefined;
  if (typeof s.value === 'number') return s.value;
  if (typeof s.value === 'string' && PLAIN_INTEGER.test(s.value.trim())) return Number(s.value.trim());
  return undefined;
}

/** The strings of a list setting (disk, vif), or the single string. */
export function listValue(s: Setting | undefined): string[] {
  if (!s || s.value === undefined) return [];
  if (typeof s.value === 'string') return [s.value];
  if (Array.isArray(s.value)) return s.value.filter((v): v is string => typeof v === 'string');
  return [];
}
