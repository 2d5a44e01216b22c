/**
 * The xm dialect: the file is Python that `xm create` executed. Here it is tokenized and recognised
 * (never run); plain assignments give the values, everything else is listed as not evaluated.
 */
import type { Assignment, NotEvaluated, ParseError, PlainValue, ValueNode } from './types.js';
import { collectDuplicates, type DialectParse } from './dialect.js';
import { type LineIndex } from './text.js';
import { foldExpr, fromPlain, readPython, toPlain, type Env, type Expr, type PyAssign, type PyVal } from './python/index.js';

export interface XmOptions {
  /** Variables given on the `xm create FILE name=value` command line (e.g. xm_vars). */
  vars?: Record<string, PlainValue>;
  /** Build assignments and value nodes (skipped when another view provides the tree). */
  tree?: boolean;
}

export interface XmParse extends DialectParse {
  /** Names declared with xm_vars.var(). */
  xmVars: string[];
}

export function parseXm(text: string, lines: LineIndex, opts: XmOptions = {}): XmParse {
  const read = readPython(text, lines);
  if (!read.ok) {
    return { result: { ok: false, error: read.error, warnings: [] }, assignments: [], values: {}, duplicates: {}, notEvaluated: [], xmVars: [] };
  }
  const module = read.module;

  const warnings: ParseError[] = [...module.warnings]
    .sort((a, b) => a.offset - b.offset)
    .map((w) => ({ message: w.message, line: lines.line(w.offset), column: lines.column(w.offset), code: w.code }));

  const notEvaluated: NotEvaluated[] = module.notEvaluated.map((n) => ({
    line: lines.line(n.offset),
    text: lines.lineText(lines.line(n.offset)).trim(),
    reason: n.reason,
  }));

  const env: Env = new Map();
  const everAssigned = new Set<string>(module.xmVars);
  for (const [k, v] of Object.entries(opts.vars ?? {})) {
    env.set(k, fromPlain(v));
    everAssigned.add(k);
  }
  const assignments: Assignment[] = [];
  const topLevel: { key: string; op: string; line: number }[] = [];

  for (const a of module.assigns) {
    const line = lines.line(a.start);
    for (const target of a.targets) {
      bindTarget(target, a.value, a, line);
    }
  }

  function bindTarget(target: Expr, value: Expr, a: PyAssign, line: number): void {
    if (a.op === 'del') {
      for (const n of namesIn(target)) {
        if (target.t === 'name' || (target.t === 'tuple' && target.items.some((i) => i.t === 'name' && i.id === n))) env.delete(n);
        else env.set(n, undefined);
      }
      notEvaluated.push({ line, text: lines.lineText(line).trim(), reason: 'del not evaluated' });
      return;
    }
    if (target.t === 'name') {
      const key = target.id;
      let folded: PyVal | undefined;
      if (a.op === '=') {
        folded = foldExpr(value, env);
      } else {
        if (a.op === '+=' && !everAssigned.has(key)) {
          warnings.push({
            message: `\`${key} += ...\` before any \`${key} = ...\`: Python raises NameError (xl would treat it as =)`,
            line,
            column: lines.column(a.start),
            code: 'plus-equals-undefined',
          });
        }
        const prev = env.get(key);
        const add = foldExpr(value, env);
        const op = a.op.slice(0, -1);
        folded = prev && add ? foldExpr({ t: 'binop', op, l: lit(prev), r: lit(add), s: 0, e: 0 }, new Map()) : undefined;
        if (folded === undefined) {
          notEvaluated.push({ line, text: lines.lineText(line).trim(), reason: `augmented assignment ${a.op} to ${key} not evaluated` });
        }
      }
      everAssigned.add(key);
      env.set(key, folded);
      if ((a.op === '=' || a.op === '+=') && opts.tree !== false) {
        const node = valueNode(value, env, folded);
        assignments.push({
          key,
          op: a.op,
          value: node,
          span: lines.span(target.s, value.e),
          keySpan: lines.span(target.s, target.e),
        });
      }
      if ((a.op === '=' || a.op === '+=') && !a.nested) topLevel.push({ key, op: a.op, line });
      if (folded === undefined && !isLiteral(value)) {
        notEvaluated.push({ line, text: lines.lineText(line).trim(), reason: `value of ${key} is a Python expression (not evaluated)` });
      }
      return;
    }
    if ((target.t === 'tuple' || target.t === 'list') && (value.t === 'tuple' || value.t === 'list') && value.items.length === target.items.length) {
      target.items.forEach((t, i) => {
        const v = value.items[i];
        if (v) bindTarget(t, v, a, line);
      });
      return;
    }
    // Unpacking from an expression, attribute or item assignment: the names involved become unknown.
    for (const n of namesIn(target)) {
      env.set(n, undefined);
      everAssigned.add(n);
    }
    notEvaluated.push({ line, text: lines.lineText(line).trim(), reason: 'assignment to a non-simple target (not evaluated)' });
  }

  function valueNode(e: Expr, envNow: Env, folded?: PyVal): ValueNode {
    const raw = text.slice(e.s, e.e);
    const span = lines.span(e.s, e.e);
    switch (e.t) {
      case 'str':
        // bytes and f-strings have no plain value: they are expressions to the bot.
        if (e.value === undefined) return { kind: 'expression', value: undefined, raw, span };
        return { kind: 'string', value: e.value, raw, span, quote: e.quote };
      case 'num': {
        const v = foldExpr(e, envNow);
        const plain = v ? toPlain(v) : undefined;
        return plain === undefined ? { kind: 'expression', value: undefined, raw, span } : { kind: 'number', value: plain, raw, span };
      }
      case 'list':
      case 'tuple': {
        const items = e.items.map((i) => valueNode(i, envNow));
        const all = items.every((i) => i.value !== undefined);
        return { kind: e.t, value: all ? items.map((i) => i.value as PlainValue) : undefined, raw, span, items };
      }
      default:
        return { kind: 'expression', value: folded ? toPlain(folded) : undefined, raw, span };
    }
  }

  const values: Record<string, PlainValue> = {};
  for (const [k, v] of env) {
    // xm keeps str, int, float and list values; tuples and anything else are dropped.
    if (!v || v.k === 'tuple') continue;
    const p = toPlain(v);
    if (p !== undefined) values[k] = p;
  }
  notEvaluated.sort((a, b) => a.line - b.line);
  return {
    result: { ok: true, warnings },
    assignments,
    values,
    duplicates: collectDuplicates(topLevel),
    notEvaluated: dedupe(notEvaluated),
    xmVars: module.xmVars,
  };
}

function lit(v: PyVal): Expr {
  // Re-wrap a folded value so `+=` can reuse the folding rules.
  switch (v.k) {
    case 'str':
      return { t: 'str', value: v.v, quote: '"', prefix: '', s: 0, e: 0 };
    case 'int':
      return v.v <= BigInt(Number.MAX_SAFE_INTEGER) && v.v >= BigInt(Number.MIN_SAFE_INTEGER)
        ? { t: 'num', value: Number(v.v), isFloat: false, s: 0, e: 0 }
        : { t: 'num', big: v.v.toString(), isFloat: false, s: 0, e: 0 };
    case 'float':
      return { t: 'num', value: v.v, isFloat: true, s: 0, e: 0 };
    default:
      return { t: v.k, items: v.items.map(lit), s: 0, e: 0 };
  }
}

function isLiteral(e: Expr): boolean {
  if (e.t === 'str' || e.t === 'num') return true;
  if (e.t === 'list' || e.t === 'tuple') return e.items.every(isLiteral);
  return false;
}

function namesIn(e: Expr): string[] {
  switch (e.t) {
    case 'name':
      return [e.id];
    case 'attr':
    case 'sub': {
      let b: Expr = e.base;
      while (b.t === 'attr' || b.t === 'sub') b = b.base;
      return b.t === 'name' ? [b.id] : [];
    }
    case 'starred':
      return namesIn(e.v);
    case 'list':
    case 'tuple':
      return e.items.flatMap(namesIn);
    default:
      return [];
  }
}

function dedupe(list: NotEvaluated[]): NotEvaluated[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const k = `${n.line}:${n.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
