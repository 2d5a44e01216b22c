/**
 * What in a config would run as Python code under xm (which executed /etc/xen/* with Python on dom0).
 *
 * The fixer edits text; an edit that closes a quote in the wrong place can turn what was inside a string into
 * live code (issue 11: `on_crash = "destroy' # \` followed by a line of `__import__(...)`). So a corrected file is
 * compared with the original: every executable construct in it must already be executable in the original.
 * Constructs are counted from Python tokens (nothing is evaluated): a name read in an expression, a call, a
 * subscript, an attribute access, and the keywords that introduce code (import, lambda, comprehensions, ...).
 */
import { PySyntaxError } from './errors.js';
import { tokenizePython, type PyToken } from './tokens.js';
import { LineIndex } from '../text.js';

/** Names that are literals, not code. */
const LITERAL_NAMES = new Set(['True', 'False', 'None']);
/** Tokens after which `(` is a call and `[` a subscript (after anything else they open a tuple or a list). */
const CALLABLE_END = new Set(['NAME', 'STRING']);

/** Executable constructs of a Python text, counted by kind ("name os", "call", "attribute", ...). */
export function executableConstructs(text: string): Map<string, number> {
  let tokens: PyToken[];
  try {
    tokens = tokenizePython(text, new LineIndex(text)).tokens;
  } catch (e) {
    // What the tokenizer read before its error is what the user had as code up to there.
    tokens = e instanceof PySyntaxError ? (e.partial ?? []) : [];
  }
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  let statementStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (t.type === 'NEWLINE' || t.type === 'INDENT' || t.type === 'DEDENT' || (t.type === 'OP' && t.text === ';')) {
      statementStart = true;
      continue;
    }
    const atStart = statementStart;
    statementStart = false;
    if (t.type === 'NAME') {
      if (LITERAL_NAMES.has(t.text)) continue;
      const next = tokens[i + 1];
      // `key = ...` / `key += ...` at the start of a statement sets a config key: not code.
      if (atStart && next?.type === 'OP' && (next.text === '=' || next.text === '+=')) continue;
      add(`name ${t.text}`);
      continue;
    }
    if (t.type !== 'OP' || !prev) continue;
    const afterValue = CALLABLE_END.has(prev.type) || (prev.type === 'OP' && (prev.text === ')' || prev.text === ']'));
    if (t.text === '(' && afterValue && !(prev.type === 'NAME' && LITERAL_NAMES.has(prev.text))) add('call');
    else if (t.text === '[' && afterValue) add('subscript');
    else if (t.text === '.') add('attribute');
    else if (t.text === '@' || t.text === ':=' || t.text === '`') add(`operator ${t.text}`);
  }
  return counts;
}

/** The constructs `after` executes more often than `before` does ("call", "name os", ...); empty when none. */
export function newExecutableConstructs(before: string | Map<string, number>, after: string): string[] {
  const had = typeof before === 'string' ? executableConstructs(before) : before;
  const out: string[] = [];
  for (const [k, n] of executableConstructs(after)) if (n > (had.get(k) ?? 0)) out.push(k);
  return out;
}
