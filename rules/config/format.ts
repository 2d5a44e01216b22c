/**
 * Safe literal emitter for the fixer: turns plain data into text that is a valid Python literal and,
 * where the grammar allows, a valid libxlu literal with the same meaning. Input that cannot be
 * written safely in the target dialect throws ConfigFormatError instead of producing text.
 */
import type { Dialect, PlainValue } from './types.js';

export class ConfigFormatError extends Error {
  constructor(
    message: string,
    readonly code: 'unrepresentable-string' | 'unrepresentable-number' | 'bad-quote' | 'too-deep',
  ) {
    super(message);
    this.name = 'ConfigFormatError';
  }
}

/** Escapes both grammars decode identically (libxlu_cfg.c xlu__cfgl_dequote; Python string literals). */
const SHARED_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** True when every character is printable ASCII: such a string can be written in both dialects. */
export function isSafeConfigString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

function formatString(s: string, dialect: Dialect, quote: string): string {
  const q = quote === "'" ? "'" : '"';
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const esc = SHARED_ESCAPES[ch];
    if (esc) {
      out += esc;
    } else if (ch === q) {
      out += `\\${q}`;
    } else if (c >= 0x20 && c <= 0x7e) {
      out += ch;
    } else if (c >= 0x80 && c !== 0x2028 && c !== 0x2029 && !(c >= 0x80 && c <= 0x9f) && dialect === 'xl') {
      // libxlu copies 8-bit bytes through; xl reads the file as UTF-8 text.
      out += ch;
    } else {
      // NUL, other control characters, and (for xm, Python 2 source is ASCII) non-ASCII text have no
      // spelling that Python and libxlu decode alike: libxlu rejects \x escapes and drops \NNN ones.
      throw new ConfigFormatError(
        `cannot write U+${c.toString(16).toUpperCase().padStart(4, '0')} safely in an ${dialect} config string`,
        'unrepresentable-string',
      );
    }
  }
  return out + q;
}

function formatNumber(v: number | { number: string }, dialect: Dialect): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ConfigFormatError(`cannot write ${v} as a number`, 'unrepresentable-number');
    if (Number.isInteger(v)) {
      if (v < 0 && dialect === 'xl') throw new ConfigFormatError('libxlu numbers cannot be negative', 'unrepresentable-number');
      if (!Number.isSafeInteger(v)) throw new ConfigFormatError(`${v} is not a safe integer`, 'unrepresentable-number');
      return String(v);
    }
    if (dialect === 'xl') throw new ConfigFormatError('libxlu has no fractional numbers', 'unrepresentable-number');
    return String(v);
  }
  const tok = v.number;
  if (dialect === 'xl') {
    if (/^[0-9][0-9a-fx]{0,63}$/.test(tok)) return tok;
    throw new ConfigFormatError(`${JSON.stringify(tok)} is not a libxlu number token`, 'unrepresentable-number');
  }
  // xm: write the value Python 3 and Python 2 both read the same way.
  if (/^0[xX][0-9a-fA-F]{1,32}$/.test(tok) || /^(0|[1-9][0-9]{0,40})$/.test(tok)) return tok;
  if (/^0[0-7]{1,30}$/.test(tok)) return BigInt(`0o${tok.slice(1)}`).toString();
  if (/^[0-9]{1,20}\.[0-9]{1,20}$/.test(tok)) return tok;
  throw new ConfigFormatError(`${JSON.stringify(tok)} is not a number xm can read`, 'unrepresentable-number');
}

/**
 * Formats a value as a config literal. `quote` picks the string quote: `'` or `"` (default `"`);
 * a prefixed or triple quote from an existing value falls back to its plain quote character.
 */
export function formatValue(value: PlainValue, dialect: Dialect, quote = '"'): string {
  const q = quote.includes("'") ? "'" : quote.includes('"') || quote === '' ? '"' : undefined;
  if (q === undefined) throw new ConfigFormatError(`unsupported quote ${JSON.stringify(quote)}`, 'bad-quote');
  const emit = (v: PlainValue, depth: number): string => {
    if (depth > 50) throw new ConfigFormatError('list nesting too deep', 'too-deep');
    if (typeof v === 'string') return formatString(v, dialect, q);
    if (Array.isArray(v)) return `[${v.map((i) => emit(i, depth + 1)).join(', ')}]`;
    return formatNumber(v, dialect);
  };
  return emit(value, 0);
}
