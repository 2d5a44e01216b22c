/**
 * Text edits on a parsed config that leave every other byte alone and follow the file's own style
 * (quote character, spacing around '=', alignment, list layout, line ends).
 */
import type { Assignment, Dialect, Edit, ParsedConfig, PlainValue, ValueNode } from './types.js';
import { formatValue } from './format.js';

export class ConfigEditError extends Error {
  constructor(
    message: string,
    readonly code: 'overlapping-edits' | 'bad-edit' | 'no-such-key' | 'not-a-list' | 'no-such-item',
  ) {
    super(message);
    this.name = 'ConfigEditError';
  }
}

/** Applies non-overlapping edits (in any order). Insertions at the same offset keep their given order. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > source.length) {
      throw new ConfigEditError(`edit [${e.start}, ${e.end}) is outside the source`, 'bad-edit');
    }
    if (e.start < cursor) throw new ConfigEditError(`edit at ${e.start} overlaps the previous edit ending at ${cursor}`, 'overlapping-edits');
    out += source.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + source.slice(cursor);
}

/** The dialect edits should be written for: xl when libxlu accepts the file (or nobody does), else xm. */
export function editDialect(cfg: ParsedConfig): Dialect {
  return cfg.xl.ok || !cfg.xm.ok ? 'xl' : 'xm';
}

function lastAssignment(cfg: ParsedConfig, key: string): Assignment | undefined {
  for (let i = cfg.assignments.length - 1; i >= 0; i--) {
    const a = cfg.assignments[i];
    if (a && a.key === key && a.op === '=') return a;
  }
  for (let i = cfg.assignments.length - 1; i >= 0; i--) {
    const a = cfg.assignments[i];
    if (a && a.key === key) return a;
  }
  return undefined;
}

/** The quote character the file uses most for strings (double quote on a tie). */
function preferredQuote(cfg: ParsedConfig): string {
  let single = 0;
  let double = 0;
  const visit = (n: ValueNode): void => {
    if (n.kind === 'string' && n.quote) {
      if (n.quote.endsWith("'")) single++;
      else double++;
    }
    n.items?.forEach(visit);
  };
  cfg.assignments.forEach((a) => visit(a.value));
  return single > double ? "'" : '"';
}

function quoteOf(node: ValueNode | undefined, cfg: ParsedConfig): string {
  if (node?.kind === 'string' && node.quote) return node.quote.endsWith("'") ? "'" : '"';
  const first = node?.items?.find((i) => i.kind === 'string');
  if (first?.quote) return first.quote.endsWith("'") ? "'" : '"';
  return preferredQuote(cfg);
}

/** `key = ` in the file's style: the separator of the last assignment, aligned if the file aligns. */
function newLinePrefix(cfg: ParsedConfig, key: string): string {
  const src = cfg.source;
  const plain = cfg.assignments.filter((a) => a.op === '=' && !src.slice(a.keySpan.end, a.value.span.start).includes('\n'));
  const last = plain[plain.length - 1];
  if (!last) return `${key} = `;
  const sep = src.slice(last.keySpan.end, last.value.span.start);
  const eqAt = sep.indexOf('=');
  const after = sep.slice(eqAt + 1);
  const columns = new Set(plain.map((a) => a.keySpan.column + (src.slice(a.keySpan.end, a.value.span.start).indexOf('=') + a.key.length)));
  if (plain.length >= 2 && columns.size === 1 && eqAt > 1) {
    const eqColumn = [...columns][0] ?? 0;
    const pad = Math.max(1, eqColumn - 1 - key.length);
    return `${key}${' '.repeat(pad)}=${after}`;
  }
  return `${key}${sep}`;
}

/** Replaces the value of the last assignment of `key`, or appends `key = value` at the end. */
export function setKey(cfg: ParsedConfig, key: string, value: PlainValue, dialect: Dialect = editDialect(cfg)): Edit[] {
  const a = lastAssignment(cfg, key);
  if (a) {
    return [{ start: a.value.span.start, end: a.value.span.end, text: formatValue(value, dialect, quoteOf(a.value, cfg)) }];
  }
  const src = cfg.source;
  const eol = cfg.eol;
  const line = `${newLinePrefix(cfg, key)}${formatValue(value, dialect, preferredQuote(cfg))}${eol}`;
  const lead = src.length > 0 && !src.endsWith('\n') ? eol : '';
  return [{ start: src.length, end: src.length, text: lead + line }];
}

/** Removes every assignment of `key`: whole lines when the statement is alone on its line(s). */
export function removeKey(cfg: ParsedConfig, key: string): Edit[] {
  const src = cfg.source;
  const edits: Edit[] = [];
  for (const a of cfg.assignments) {
    if (a.key !== key) continue;
    const lineStart = src.lastIndexOf('\n', a.span.start - 1) + 1;
    const nl = src.indexOf('\n', a.span.end);
    const lineEnd = nl < 0 ? src.length : nl + 1;
    const before = src.slice(lineStart, a.span.start);
    const after = src.slice(a.span.end, nl < 0 ? src.length : nl);
    if (/^[ \t]*$/.test(before) && /^[ \t;]*(#.*)?\r?$/.test(after)) {
      edits.push({ start: lineStart, end: lineEnd, text: '' });
    } else {
      // Shares its line with other statements: drop the statement and one following `;`.
      const m = /^[ \t]*;[ \t]*/.exec(after);
      edits.push({ start: a.span.start, end: a.span.end + (m ? m[0].length : 0), text: '' });
    }
  }
  // Chained Python assignments share a line; keep one edit per range.
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.start}:${e.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function listNode(cfg: ParsedConfig, key: string): ValueNode {
  const a = lastAssignment(cfg, key);
  if (!a) throw new ConfigEditError(`no assignment of ${key}`, 'no-such-key');
  if ((a.value.kind !== 'list' && a.value.kind !== 'tuple') || !a.value.items) {
    throw new ConfigEditError(`${key} is not a list`, 'not-a-list');
  }
  return a.value;
}

/** Appends an item to the list `key` (creating `key = [item]` when absent), in the list's layout. */
export function addListItem(cfg: ParsedConfig, key: string, value: PlainValue, dialect: Dialect = editDialect(cfg)): Edit[] {
  if (!lastAssignment(cfg, key)) return setKey(cfg, key, [value], dialect);
  const list = listNode(cfg, key);
  const items = list.items ?? [];
  const src = cfg.source;
  const text = formatValue(value, dialect, quoteOf(list, cfg));
  const last = items[items.length - 1];
  if (!last) {
    // Empty list: put the item between the brackets, keeping inner spacing like `[ ]`.
    const inner = src.slice(list.span.start + 1, list.span.end - 1);
    const pad = /^[ \t]+$/.test(inner) ? ' ' : '';
    return [{ start: list.span.start + 1, end: list.span.end - 1, text: `${pad}${text}${pad}` }];
  }
  const first = items[0];
  const multiLine = first !== undefined && last.span.line !== list.span.line;
  if (multiLine) {
    const lineStart = src.lastIndexOf('\n', last.span.start - 1) + 1;
    const indent = src.slice(lineStart, last.span.start).match(/^[ \t]*/)?.[0] ?? '';
    return [{ start: last.span.end, end: last.span.end, text: `,${cfg.eol}${indent}${text}` }];
  }
  // Same separator as between the first two items, else ", ".
  let sep = ', ';
  const second = items[1];
  if (first && second) {
    const between = src.slice(first.span.end, second.span.start);
    if (!between.includes('\n')) sep = between;
  }
  return [{ start: last.span.end, end: last.span.end, text: `${sep}${text}` }];
}

/** Removes item `index` of list `key` with its separating comma. */
export function removeListItem(cfg: ParsedConfig, key: string, index: number): Edit[] {
  const list = listNode(cfg, key);
  const items = list.items ?? [];
  const item = items[index];
  if (!item) throw new ConfigEditError(`${key} has no item ${index}`, 'no-such-item');
  const next = items[index + 1];
  const prev = items[index - 1];
  if (next) return [{ start: item.span.start, end: next.span.start, text: '' }];
  // Last item: remove it with the comma before it; a trailing comma after it stays in place.
  if (prev) return [{ start: prev.span.end, end: item.span.end, text: '' }];
  // Only item: empty the list but keep the brackets.
  return [{ start: list.span.start + 1, end: list.span.end - 1, text: '' }];
}

/** Replaces item `index` of list `key`, keeping that item's quote style. */
export function replaceListItem(cfg: ParsedConfig, key: string, index: number, value: PlainValue, dialect: Dialect = editDialect(cfg)): Edit[] {
  const list = listNode(cfg, key);
  const item = (list.items ?? [])[index];
  if (!item) throw new ConfigEditError(`${key} has no item ${index}`, 'no-such-item');
  return [{ start: item.span.start, end: item.span.end, text: formatValue(value, dialect, quoteOf(item, cfg)) }];
}
