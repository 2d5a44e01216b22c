/**
 * The bottom layer of the Python parser: a cursor over the tokens (lookahead, eat, expect), the error
 * positions CPython reports (a generic "invalid syntax" at the furthest token read, unexpected
 * indents and dedents, the end of the file), compile-phase errors that wait for the whole file to
 * parse, and the parser's output. The parser is one class built in layers, a file each:
 * TokenCursor < ExpressionParser (expressions.ts) < AtomParser (atoms.ts) < StatementParser (statements.ts).
 */
import { PySyntaxError, TRUNCATION_MARK, TruncationReached } from './errors.js';
import type { PyToken } from './tokens.js';
import type { PyModule } from './tree.js';

/** Python 3's reserved words: never a name, an atom only for None, True and False. */
export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

export abstract class TokenCursor {
  protected pos = 0;
  /** > 0 while parsing a def body (yield and await are legal there). */
  protected fnDepth = 0;
  protected readonly out: PyModule = { assigns: [], notEvaluated: [], xmVars: [], warnings: [] };

  constructor(
    protected readonly toks: PyToken[],
    protected readonly text: string,
  ) {}

  /** First error of CPython's compile phase; raised only if the whole file parses. */
  protected compileError: PySyntaxError | undefined;
  protected compileFail(t: PyToken, message: string): void {
    if (this.compileError) return;
    const e = new PySyntaxError(message, t.start, 'python-syntax');
    e.stage = 'compile';
    this.compileError = e;
  }

  // ---- token helpers ----
  /** Furthest token looked at: CPython reports a generic syntax error at the last token it read. */
  private furthest = 0;

  protected peek(k = 0): PyToken {
    const at = Math.min(this.pos + k, this.toks.length - 1);
    if (at > this.furthest) this.furthest = at;
    const t = this.toks[at] as PyToken;
    if (t.type === 'ENDMARKER' && t.text === TRUNCATION_MARK) throw new TruncationReached();
    return t;
  }
  protected next(): PyToken {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  protected isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'OP' && t.text === v;
  }
  protected isKw(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'NAME' && t.text === v;
  }
  protected eatOp(v: string): boolean {
    if (this.isOp(v)) {
      this.pos++;
      return true;
    }
    return false;
  }
  protected eatKw(v: string): boolean {
    if (this.isKw(v)) {
      this.pos++;
      return true;
    }
    return false;
  }
  protected fail(token: PyToken = this.peek(), message = 'invalid syntax', code = 'python-syntax'): never {
    let t = token;
    if (message === 'invalid syntax') {
      const far = this.toks[this.furthest];
      if (far && far.start > t.start && far.text !== TRUNCATION_MARK) t = far;
    }
    if (t.type === 'INDENT') throw new PySyntaxError('unexpected indent', t.start, 'indentation');
    if (t.type === 'ENDMARKER') {
      // CPython points at the last line of the file.
      const at = this.text.endsWith('\n') ? this.text.length - 1 : this.text.length;
      throw new PySyntaxError(message, Math.max(0, at), 'unexpected-eof');
    }
    if (t.type === 'DEDENT') {
      // ... and at the end of the previous line for an unexpected dedent.
      let k = this.toks.indexOf(t) - 1;
      while (k > 0 && (this.toks[k]?.type === 'DEDENT' || this.toks[k]?.type === 'NEWLINE')) k--;
      const at = this.toks[k]?.end ?? t.start;
      throw new PySyntaxError(message, Math.max(0, at - 1), code);
    }
    throw new PySyntaxError(message, t.start, code);
  }

  protected expectOp(v: string): PyToken {
    if (!this.isOp(v)) {
      if (v === ':' && this.peek().type === 'NEWLINE') this.fail(this.peek(), "expected ':'");
      this.fail();
    }
    return this.next();
  }
  protected expectKw(v: string): void {
    if (!this.eatKw(v)) this.fail();
  }
  protected name(): PyToken {
    const t = this.peek();
    if (t.type !== 'NAME' || KEYWORDS.has(t.text)) this.fail();
    return this.next();
  }
  protected prevEnd(): number {
    return this.toks[this.pos - 1]?.end ?? 0;
  }
  protected atStmtEnd(): boolean {
    const t = this.peek();
    return t.type === 'NEWLINE' || t.type === 'ENDMARKER' || (t.type === 'OP' && t.text === ';');
  }
  protected warnPy2(offset: number, message: string): void {
    this.out.warnings.push({ message, offset, code: 'python2-only-syntax' });
  }
}
