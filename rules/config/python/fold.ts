/**
 * Safe constant folding for xm config values: literals, names bound earlier in the file (or given as
 * `xm create` variables), `+`, `*`, `-`, `%` (including printf-style string formatting) and unary
 * minus. Nothing is executed; anything else is "unknown". Results are size-capped so `'a' * 10**9`
 * cannot exhaust memory.
 */
import type { PlainValue } from '../types.js';
import type { Expr } from './tree.js';

export type PyVal =
  | { k: 'str'; v: string }
  | { k: 'int'; v: bigint }
  | { k: 'float'; v: number }
  | { k: 'list' | 'tuple'; items: PyVal[] };

export type Env = Map<string, PyVal | undefined>;

const MAX_RESULT = 64 * 1024;

function size(v: PyVal): number {
  switch (v.k) {
    case 'str':
      return v.v.length;
    case 'int':
    case 'float':
      return 1;
    default:
      return v.items.reduce((n, i) => n + size(i), 1);
  }
}

export function foldExpr(e: Expr, env: Env, depth = 0): PyVal | undefined {
  if (depth > 200) return undefined;
  switch (e.t) {
    case 'str':
      return e.value === undefined ? undefined : { k: 'str', v: e.value };
    case 'num':
      if (e.isFloat) return e.value === undefined ? undefined : { k: 'float', v: e.value };
      if (e.big !== undefined) return { k: 'int', v: BigInt(e.big) };
      return e.value === undefined ? undefined : { k: 'int', v: BigInt(e.value) };
    case 'list':
    case 'tuple': {
      const items: PyVal[] = [];
      for (const it of e.items) {
        const v = foldExpr(it, env, depth + 1);
        if (!v) return undefined;
        items.push(v);
      }
      return { k: e.t, items };
    }
    case 'name':
      return env.get(e.id);
    case 'unary': {
      const v = foldExpr(e.v, env, depth + 1);
      if (!v) return undefined;
      if (e.op === '-' && v.k === 'int') return { k: 'int', v: -v.v };
      if (e.op === '-' && v.k === 'float') return { k: 'float', v: -v.v };
      if (e.op === '+' && (v.k === 'int' || v.k === 'float')) return v;
      return undefined;
    }
    case 'binop': {
      const l = foldExpr(e.l, env, depth + 1);
      const r = foldExpr(e.r, env, depth + 1);
      if (!l || !r) return undefined;
      const out = binop(e.op, l, r);
      return out && size(out) <= MAX_RESULT ? out : undefined;
    }
    default:
      return undefined;
  }
}

function binop(op: string, l: PyVal, r: PyVal): PyVal | undefined {
  if (op === '+') {
    if (l.k === 'str' && r.k === 'str') return { k: 'str', v: l.v + r.v };
    if ((l.k === 'list' && r.k === 'list') || (l.k === 'tuple' && r.k === 'tuple')) return { k: l.k, items: [...l.items, ...r.items] };
    if (l.k === 'int' && r.k === 'int') return { k: 'int', v: l.v + r.v };
    if (isNum(l) && isNum(r)) return { k: 'float', v: toNum(l) + toNum(r) };
    return undefined;
  }
  if (op === '-') {
    if (l.k === 'int' && r.k === 'int') return { k: 'int', v: l.v - r.v };
    if (isNum(l) && isNum(r)) return { k: 'float', v: toNum(l) - toNum(r) };
    return undefined;
  }
  if (op === '*') {
    if (l.k === 'int' && r.k === 'int') return { k: 'int', v: l.v * r.v };
    const [seq, n] = l.k === 'int' ? [r, l.v] : r.k === 'int' ? [l, r.v] : [undefined, 0n];
    if (seq && n <= BigInt(MAX_RESULT)) {
      const times = n < 0n ? 0 : Number(n);
      if (seq.k === 'str' && seq.v.length * times <= MAX_RESULT) return { k: 'str', v: seq.v.repeat(times) };
      if ((seq.k === 'list' || seq.k === 'tuple') && seq.items.length * times <= MAX_RESULT) {
        return { k: seq.k, items: Array.from({ length: times }, () => seq.items).flat() };
      }
    }
    if (isNum(l) && isNum(r) && (l.k === 'float' || r.k === 'float')) return { k: 'float', v: toNum(l) * toNum(r) };
    return undefined;
  }
  if (op === '%') {
    if (l.k === 'str') {
      const s = formatPercent(l.v, r.k === 'tuple' ? r.items : [r]);
      return s === undefined ? undefined : { k: 'str', v: s };
    }
    if (l.k === 'int' && r.k === 'int' && r.v !== 0n) {
      const m = l.v % r.v;
      return { k: 'int', v: m !== 0n && m < 0n !== r.v < 0n ? m + r.v : m };
    }
    return undefined;
  }
  return undefined;
}

const isNum = (v: PyVal): v is { k: 'int'; v: bigint } | { k: 'float'; v: number } => v.k === 'int' || v.k === 'float';
const toNum = (v: { k: 'int'; v: bigint } | { k: 'float'; v: number }): number => (v.k === 'int' ? Number(v.v) : v.v);

/** Python's `str % args` for the conversions configs use (%s %d %i %x %X %o %%); else undefined. */
export function formatPercent(fmt: string, args: PyVal[]): string | undefined {
  let out = '';
  let ai = 0;
  // Bounded flags and widths: a longer spec is not a config's, and unbounded runs of 0 backtrack quadratically.
  const re = /%([-+ 0#]{0,8})(\d{0,4})(?:\.(\d{1,4}))?([sdixXo%])/y;
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    re.lastIndex = pct;
    const m = re.exec(fmt);
    if (!m) return undefined;
    i = re.lastIndex;
    const [, flags = '', width = '', prec, conv = ''] = m;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const arg = args[ai++];
    if (!arg) return undefined;
    let body: string;
    if (conv === 's') {
      const s = pyStr(arg);
      if (s === undefined) return undefined;
      body = prec !== undefined ? s.slice(0, Number(prec)) : s;
    } else {
      if (arg.k !== 'int') return undefined;
      const neg = arg.v < 0n;
      const abs = neg ? -arg.v : arg.v;
      const digits = conv === 'x' ? abs.toString(16) : conv === 'X' ? abs.toString(16).toUpperCase() : conv === 'o' ? abs.toString(8) : abs.toString();
      const padded = prec !== undefined ? digits.padStart(Number(prec), '0') : digits;
      const alt = flags.includes('#') ? (conv === 'x' ? '0x' : conv === 'X' ? '0X' : conv === 'o' ? '0o' : '') : '';
      const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const w = Number(width || '0');
      if (flags.includes('0') && !flags.includes('-')) {
        body = sign + alt + padded.padStart(Math.max(0, w - sign.length - alt.length), '0');
      } else {
        body = sign + alt + padded;
      }
    }
    const w = Number(width || '0');
    if (w > MAX_RESULT) return undefined;
    body = flags.includes('-') ? body.padEnd(w) : body.padStart(w);
    out += body;
    if (out.length > MAX_RESULT) return undefined;
  }
  if (ai !== args.length) return undefined;
  return out;
}

function pyStr(v: PyVal): string | undefined {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'int':
      return v.v.toString();
    default:
      return undefined;
  }
}

/** The PlainValue xm would keep: str, int, float, and lists of those (tuples inside lists too). */
export function toPlain(v: PyVal): PlainValue | undefined {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'int':
      return v.v >= BigInt(Number.MIN_SAFE_INTEGER) && v.v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v.v) : { number: v.v.toString() };
    case 'float':
      return Number.isFinite(v.v) ? v.v : undefined;
    default: {
      const items: PlainValue[] = [];
      for (const it of v.items) {
        const p = toPlain(it);
        if (p === undefined) return undefined;
        items.push(p);
      }
      return items;
    }
  }
}

export function fromPlain(v: PlainValue): PyVal {
  if (typeof v === 'string') return { k: 'str', v };
  if (typeof v === 'number') return Number.isInteger(v) ? { k: 'int', v: BigInt(v) } : { k: 'float', v };
  if (Array.isArray(v)) return { k: 'list', items: v.map(fromPlain) };
  return /^-?\d+$/.test(v.number) ? { k: 'int', v: BigInt(v.number) } : { k: 'float', v: Number(v.number) };
}
