/**
 * parseConfig: runs both dialect parsers over a pasted config and merges their views.
 * Values come from libxlu's view when xl accepts the file (it keeps numbers as text), else from
 * the xm (Python) view, else from libxlu's error-recovering parse so rules still see something.
 */
import type { DialectResult, ParsedConfig, PlainValue, SyntaxVerdict } from './types.js';
import { LineIndex, MAX_CONFIG_CHARS, detectEol, endsWithNewline } from './text.js';
import type { DialectParse } from './dialect.js';
import { parseXl } from './xl.js';
import { parseXm, type XmOptions } from './xm.js';

export type ParseOptions = XmOptions;

export function parseConfig(text: string, opts: ParseOptions = {}): ParsedConfig {
  const source = typeof text === 'string' ? text : String(text);
  const eol = detectEol(source);
  const finalNewline = endsWithNewline(source);
  if (source.length > MAX_CONFIG_CHARS) {
    const tooLarge: DialectResult = {
      ok: false,
      error: { message: `config too large (${source.length} characters, limit ${MAX_CONFIG_CHARS})`, line: 1, column: 1, code: 'too-large' },
      warnings: [],
    };
    return {
      source,
      syntax: null,
      xm: tooLarge,
      xl: tooLarge,
      assignments: [],
      values: {},
      duplicates: {},
      notEvaluated: [],
      eol,
      finalNewline,
    };
  }
  const lines = new LineIndex(source);
  const xl = guarded(() => parseXl(source, lines));
  // When libxlu accepts the file its view is the tree; xm then only needs its verdict and values.
  const xm = guarded(() => parseXm(source, lines, { ...opts, tree: !xl.result.ok }));
  const syntax: SyntaxVerdict | null =
    xl.result.ok && xm.result.ok ? 'both' : xl.result.ok ? 'xl' : xm.result.ok ? 'xm' : null;
  const primary = xl.result.ok ? xl : xm.result.ok ? xm : xl;
  const values: Record<string, PlainValue> = { ...primary.values };
  return {
    source,
    syntax,
    xm: xm.result,
    xl: xl.result,
    assignments: primary.assignments,
    values,
    duplicates: primary.duplicates,
    notEvaluated: xm.result.ok && !xl.result.ok ? xm.notEvaluated : [],
    eol,
    finalNewline,
    ...(xm.xmVars.length > 0 ? { declaredVars: xm.xmVars } : {}),
    valuesByDialect: {
      ...(xm.result.ok ? { xm: xm.values } : {}),
      ...(xl.result.ok ? { xl: xl.values } : {}),
    },
  };
}

/** A parser bug must not take the bot down: it becomes an 'internal-error' verdict instead. */
function guarded<T extends DialectParse>(run: () => T): T | (DialectParse & { xmVars: string[] }) {
  try {
    return run();
  } catch (e) {
    const message = `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    return {
      result: { ok: false, error: { message, line: 1, column: 1, code: 'internal-error' }, warnings: [] },
      assignments: [],
      values: {},
      duplicates: {},
      notEvaluated: [],
      xmVars: [],
    };
  }
}

/** Prints the tree back: the statements and the text between them, byte for byte. */
export function printConfig(cfg: ParsedConfig): string {
  const src = cfg.source;
  const spans = cfg.assignments.map((a) => a.span).sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    if (s.start < cursor) continue;
    out += src.slice(cursor, s.start) + src.slice(s.start, s.end);
    cursor = s.end;
  }
  return out + src.slice(cursor);
}
