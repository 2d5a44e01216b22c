/**
 * The Python (xm) config parser: the only door into python/. It reproduces CPython's verdicts and
 * error positions (xm executed configs with Python 2; Python-2-only syntax is accepted with a
 * warning) and evaluates nothing. Hand-written on purpose: no maintained JS parser gives CPython's
 * verdicts and messages. The parser is a recogniser: it checks syntax (what compile() checks, for
 * the subset real configs use and the usual mistakes) and keeps a small expression tree of
 * assignment values.
 *
 * `readPython` is the one entry to the parser. The two other ideas in this folder work on what it
 * gives or on the same tokens and are exported here too: safe constant folding of the values it
 * parsed (fold.ts), and counting what a text would execute (code.ts, the fixer's safety check).
 *
 * Inside: errors.ts (PySyntaxError and friends), escapes.ts (string escapes), tokens.ts (tokenizer),
 * tree.ts (what the parser keeps), checks.ts (assignment target rules), and the parser in layers:
 * cursor.ts < expressions.ts < atoms.ts < statements.ts.
 */
import type { ParseError } from '../types.js';
import type { LineIndex } from '../text.js';
import { PySyntaxError, TRUNCATION_MARK, TruncationReached, toParseError } from './errors.js';
import { parseModule } from './statements.js';
import { tokenizePython } from './tokens.js';
import type { PyModule } from './tree.js';

export type { Expr, PyAssign, PyModule, PyNotEvaluated } from './tree.js';
export type { PyWarning } from './errors.js';
export { foldExpr, fromPlain, toPlain, type Env, type PyVal } from './fold.js';
export { executableConstructs, newExecutableConstructs } from './code.js';

/** What compile() would say of a file: the module (warnings: the tokenizer's, then the parser's), or the first error. */
export type PyRead = { ok: true; module: PyModule } | { ok: false; error: ParseError };

/** Tokenizes and parses a config as CPython would; never throws a syntax error (it is returned). */
export function readPython(text: string, lines: LineIndex): PyRead {
  let failure: PySyntaxError;
  try {
    const tokenized = tokenizePython(text, lines);
    const module = parseModule(tokenized.tokens, text);
    return { ok: true, module: { ...module, warnings: [...tokenized.warnings, ...module.warnings] } };
  } catch (e) {
    if (e instanceof RangeError) {
      // Stack exhaustion on absurd input: reject like CPython's "too complex" rather than crash.
      return { ok: false, error: { message: 'expression too complex', line: 1, column: 1, code: 'too-deep' } };
    }
    if (!(e instanceof PySyntaxError)) throw e;
    failure = e;
  }
  return { ok: false, error: toParseError(firstError(failure, text, lines), lines) };
}

/**
 * CPython tokenizes on demand, so a grammar error before a bad token is reported first. Replays
 * the parser over the tokens read before a tokenizer error to find out which came first.
 */
function firstError(e: PySyntaxError, text: string, lines: LineIndex): PySyntaxError {
  if (!e.partial) return e;
  const marker = { type: 'ENDMARKER' as const, start: e.offset, end: e.offset, text: TRUNCATION_MARK };
  let parserError: PySyntaxError;
  try {
    parseModule([...e.partial, marker], text);
    return e;
  } catch (inner) {
    if (inner instanceof TruncationReached) return e;
    if (!(inner instanceof PySyntaxError)) throw inner;
    parserError = inner;
  }
  // CPython (pegen_errors.c): an "unexpected indent" from the parser is final; otherwise the rest of
  // the file is tokenized and a tokenizer error replaces the parser's, except that an unclosed
  // bracket only does so when it was opened on an earlier line than the parser error.
  if (parserError.message === 'unexpected indent') return parserError;
  // Dedent and depth errors only set the tokenizer's status; they never replace a parser error.
  if (/^(unindent does not match|too many levels of indentation|unexpected EOF)/.test(e.message)) return parserError;
  if (/was never closed$/.test(e.message)) {
    return lines.line(e.offset) < lines.line(parserError.offset) ? e : parserError;
  }
  return e;
}
