/**
 * A recogniser for the Python statement language xm configs are written in. It checks syntax
 * (what compile() checks, for the subset real configs use and the usual mistakes) and keeps a small
 * expression tree of assignment values. It evaluates nothing.
 */
import { PySyntaxError, TRUNCATION_MARK, type PyToken } from './py-tokens.js';

/** Thrown when the parser needs the token where the tokenizer failed: the tokenizer's error wins. */
export class TruncationReached extends Error {}

interface Base {
  s: number;
  e: number;
}
export type Expr =
  | (Base & { t: 'str'; value?: string; quote: string; prefix: string })
  | (Base & { t: 'num'; value?: number; big?: string; isFloat: boolean })
  | (Base & { t: 'list' | 'tuple'; items: Expr[] })
  | (Base & { t: 'name'; id: string })
  | (Base & { t: 'binop'; op: string; l: Expr; r: Expr })
  | (Base & { t: 'unary'; op: string; v: Expr })
  | (Base & { t: 'call'; fn: Expr; args: Expr[] })
  | (Base & { t: 'attr'; base: Expr; name: string })
  | (Base & { t: 'sub'; base: Expr })
  | (Base & { t: 'starred'; v: Expr })
  | (Base & { t: 'other'; what: string });

export interface PyAssign {
  targets: Expr[];
  value: Expr;
  op: string;
  /** Statement start/end offsets. */
  start: number;
  end: number;
  /** Inside an if/for/while/try/with block at module level (not a def or class body). */
  nested: boolean;
}

export interface PyNotEvaluated {
  offset: number;
  end: number;
  reason: string;
}

export interface PyModule {
  assigns: PyAssign[];
  notEvaluated: PyNotEvaluated[];
  /** Names declared with xm_vars.var('name', ...). */
  xmVars: string[];
  warnings: { message: string; offset: number; code: string }[];
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
const AUGOPS = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '|=', '^=', '@=']);
const COMPARE = new Set(['<', '>', '==', '>=', '<=', '!=', '<>', 'in', 'is']);
const BINARY_LEVELS: string[][] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%', '@']];
/** Recursion guard: CPython gives up on absurdly nested expressions too ("too complex"). */
const MAX_DEPTH = 400;

interface Ctx {
  inFunction: boolean;
  inLoop: boolean;
  /** 0 at module level; > 0 inside module-level compound statements. */
  nesting: number;
  moduleScope: boolean;
}

export function parsePython(tokens: PyToken[], text: string): PyModule {
  return new Parser(tokens, text).module();
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** > 0 while parsing a def body (yield and await are legal there). */
  private fnDepth = 0;
  private readonly out: PyModule = { assigns: [], notEvaluated: [], xmVars: [], warnings: [] };

  constructor(
    private readonly toks: PyToken[],
    private readonly text: string,
  ) {}

  module(): PyModule {
    const ctx: Ctx = { inFunction: false, inLoop: false, nesting: 0, moduleScope: true };
    while (this.peek().type !== 'ENDMARKER') this.statement(ctx);
    if (this.compileError) throw this.compileError;
    return this.out;
  }

  /** First error of CPython's compile phase; raised only if the whole file parses. */
  private compileError: PySyntaxError | undefined;
  private compileFail(t: PyToken, message: string): void {
    if (this.compileError) return;
    const e = new PySyntaxError(message, t.start, 'python-syntax');
    e.stage = 'compile';
    this.compileError = e;
  }

  // ---- token helpers ----
  /** Furthest token looked at: CPython reports a generic syntax error at the last token it read. */
  private furthest = 0;

  private peek(k = 0): PyToken {
    const at = Math.min(this.pos + k, this.toks.length - 1);
    if (at > this.furthest) this.furthest = at;
    const t = this.toks[at] as PyToken;
    if (t.type === 'ENDMARKER' && t.text === TRUNCATION_MARK) throw new TruncationReached();
    return t;
  }
  private next(): PyToken {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  private isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'OP' && t.text === v;
  }
  private isKw(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'NAME' && t.text === v;
  }
  private eatOp(v: string): boolean {
    if (this.isOp(v)) {
      this.pos++;
      return true;
    }
    return false;
  }
  private eatKw(v: string): boolean {
    if (this.isKw(v)) {
      this.pos++;
      return true;
    }
    return false;
  }
  private fail(token: PyToken = this.peek(), message = 'invalid syntax', code = 'python-syntax'): never {
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

  private expectOp(v: string): PyToken {
    if (!this.isOp(v)) {
      if (v === ':' && this.peek().type === 'NEWLINE') this.fail(this.peek(), "expected ':'");
      this.fail();
    }
    return this.next();
  }
  private expectKw(v: string): void {
    if (!this.eatKw(v)) this.fail();
  }
  private name(): PyToken {
    const t = this.peek();
    if (t.type !== 'NAME' || KEYWORDS.has(t.text)) this.fail();
    return this.next();
  }
  private prevEnd(): number {
    return this.toks[this.pos - 1]?.end ?? 0;
  }
  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new PySyntaxError('too many nested expressions', this.peek().start, 'too-deep');
  }
  private leave(): void {
    this.depth--;
  }
  private note(start: number, end: number, reason: string, ctx: Ctx): void {
    if (ctx.moduleScope && ctx.nesting === 0) this.out.notEvaluated.push({ offset: start, end, reason });
  }

  // ---- statements ----
  private statement(ctx: Ctx): void {
    const t = this.peek();
    if (t.type === 'INDENT') this.fail(t);
    if (t.type === 'DEDENT') this.fail(t);
    if (t.type === 'NAME') {
      switch (t.text) {
        case 'if':
          return this.compound(ctx, 'conditional not evaluated; assignments inside are read as written', () => this.ifStmt(ctx));
        case 'while':
          return this.compound(ctx, 'loop not evaluated', () => this.whileStmt(ctx));
        case 'for':
          return this.compound(ctx, 'loop not evaluated', () => this.forStmt(ctx));
        case 'try':
          return this.compound(ctx, 'try block not evaluated', () => this.tryStmt(ctx));
        case 'with':
          return this.compound(ctx, 'with block not evaluated', () => this.withStmt(ctx));
        case 'def':
          return this.compound(ctx, 'function definition not evaluated', () => this.defStmt(ctx));
        case 'async':
          if (this.isKw('def', 1)) {
            return this.compound(ctx, 'function definition not evaluated', () => {
              this.next();
              this.defStmt(ctx);
            });
          }
          if ((this.isKw('for', 1) || this.isKw('with', 1)) && this.fnDepth > 0) {
            this.next();
            return this.statement(ctx);
          }
          this.fail(t);
          break;
        case 'class':
          return this.compound(ctx, 'class definition not evaluated', () => this.classStmt(ctx));
        default:
          break;
      }
    }
    if (t.type === 'OP' && t.text === '@') {
      return this.compound(ctx, 'decorated definition not evaluated', () => {
        while (this.eatOp('@')) {
          this.namedTest();
          if (this.peek().type !== 'NEWLINE') this.fail();
          this.next();
        }
        if (this.isKw('def')) this.defStmt(ctx);
        else if (this.isKw('class')) this.classStmt(ctx);
        else this.fail();
      });
    }
    this.simpleStatements(ctx);
  }

  private compound(ctx: Ctx, reason: string, body: () => void): void {
    const start = this.peek().start;
    const headerEnd = this.lineEndOf(start);
    body();
    this.note(start, headerEnd, reason, ctx);
  }

  private lineEndOf(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl < 0 ? this.text.length : nl;
  }

  private suite(ctx: Ctx): void {
    if (this.peek().type === 'NEWLINE') {
      this.next();
      const t = this.peek();
      if (t.type !== 'INDENT') {
        // At the end of the file CPython points at the last line.
        const at = t.type === 'ENDMARKER' ? Math.max(0, this.text.endsWith('\n') ? this.text.length - 1 : this.text.length) : t.start;
        throw new PySyntaxError('expected an indented block', at, 'indentation');
      }
      this.next();
      while (this.peek().type !== 'DEDENT' && this.peek().type !== 'ENDMARKER') this.statement(ctx);
      if (this.peek().type === 'DEDENT') this.next();
    } else {
      this.simpleStatements(ctx);
    }
  }

  private child(ctx: Ctx, over: Partial<Ctx>): Ctx {
    return { ...ctx, nesting: ctx.nesting + 1, ...over };
  }

  private ifStmt(ctx: Ctx): void {
    this.next();
    this.namedTest();
    this.expectOp(':');
    this.suite(this.child(ctx, {}));
    while (this.isKw('elif')) {
      this.next();
      this.namedTest();
      this.expectOp(':');
      this.suite(this.child(ctx, {}));
    }
    if (this.eatKw('else')) {
      this.expectOp(':');
      this.suite(this.child(ctx, {}));
    }
  }

  private whileStmt(ctx: Ctx): void {
    this.next();
    this.namedTest();
    this.expectOp(':');
    this.suite(this.child(ctx, { inLoop: true }));
    if (this.eatKw('else')) {
      this.expectOp(':');
      this.suite(this.child(ctx, {}));
    }
  }

  private forStmt(ctx: Ctx): void {
    this.next();
    const target = this.exprList();
    this.checkTarget(target, 'assign');
    this.expectKw('in');
    this.testList();
    this.expectOp(':');
    this.suite(this.child(ctx, { inLoop: true }));
    if (this.eatKw('else')) {
      this.expectOp(':');
      this.suite(this.child(ctx, {}));
    }
  }

  private tryStmt(ctx: Ctx): void {
    this.next();
    this.expectOp(':');
    this.suite(this.child(ctx, {}));
    let handlers = 0;
    while (this.isKw('except')) {
      this.next();
      handlers++;
      if (!this.isOp(':')) {
        this.test();
        if (this.eatKw('as')) this.name();
        else if (this.isOp(',')) {
          this.warnPy2(this.peek().start, "'except X, e' is Python 2 only syntax");
          this.next();
          this.checkTarget(this.test(), 'assign');
        }
      }
      this.expectOp(':');
      this.suite(this.child(ctx, {}));
    }
    let fin = false;
    if (handlers > 0 && this.eatKw('else')) {
      this.expectOp(':');
      this.suite(this.child(ctx, {}));
    }
    if (this.eatKw('finally')) {
      fin = true;
      this.expectOp(':');
      this.suite(this.child(ctx, {}));
    }
    if (handlers === 0 && !fin) this.fail(this.peek(), "expected 'except' or 'finally' block");
  }

  private withStmt(ctx: Ctx): void {
    this.next();
    do {
      this.test();
      if (this.eatKw('as')) this.checkTarget(this.expr(), 'assign');
    } while (this.eatOp(','));
    this.expectOp(':');
    this.suite(this.child(ctx, {}));
  }

  private defStmt(ctx: Ctx): void {
    this.next();
    this.name();
    this.expectOp('(');
    this.params(')');
    this.expectOp(')');
    if (this.eatOp('->')) this.test();
    this.expectOp(':');
    this.fnDepth++;
    try {
      this.suite({ inFunction: true, inLoop: false, nesting: ctx.nesting + 1, moduleScope: false });
    } finally {
      this.fnDepth--;
    }
  }

  private classStmt(ctx: Ctx): void {
    this.next();
    this.name();
    if (this.eatOp('(')) {
      if (!this.isOp(')')) this.argList(')');
      this.expectOp(')');
    }
    this.expectOp(':');
    this.suite({ inFunction: false, inLoop: false, nesting: ctx.nesting + 1, moduleScope: false });
  }

  /** Parameters of def (closer ')') or lambda (closer ':'). */
  private params(closer: string): void {
    let sawDefault = false;
    let sawStar = false;
    while (!this.isOp(closer)) {
      if (this.eatOp('**')) {
        this.name();
        if (closer === ')' && this.eatOp(':')) this.test();
        this.eatOp(',');
        break;
      }
      if (this.isOp('*')) {
        const star = this.next();
        sawStar = true;
        if (this.peek().type === 'NAME') {
          this.name();
          if (closer === ')' && this.eatOp(':')) this.test();
        } else if (this.isOp(closer) || (this.isOp(',') && (this.isOp(closer, 1) || this.isOp('**', 1)))) {
          this.fail(star, 'named arguments must follow bare *');
        }
      } else if (this.eatOp('/')) {
        // positional-only marker
      } else if (this.isOp('(')) {
        // Python 2 tuple parameter
        this.warnPy2(this.peek().start, 'tuple parameters are Python 2 only syntax');
        this.next();
        this.params(')');
        this.expectOp(')');
      } else {
        this.name();
        if (closer === ')' && this.eatOp(':')) this.test();
        if (this.eatOp('=')) {
          this.test();
          sawDefault = true;
        } else if (sawDefault && !sawStar) {
          this.fail(this.toks[this.pos - 1], 'non-default argument follows default argument');
        }
      }
      if (!this.eatOp(',')) break;
    }
  }

  private simpleStatements(ctx: Ctx): void {
    for (;;) {
      this.smallStatement(ctx);
      if (!this.eatOp(';')) break;
      if (this.peek().type === 'NEWLINE') break;
    }
    const t = this.peek();
    if (t.type !== 'NEWLINE') this.fail(t);
    this.next();
  }

  private smallStatement(ctx: Ctx): void {
    const t = this.peek();
    const start = t.start;
    if (t.type === 'NAME') {
      switch (t.text) {
        case 'pass':
          this.next();
          return;
        case 'break':
        case 'continue':
          if (!ctx.inLoop) this.compileFail(t, `'${t.text}' ${t.text === 'continue' ? 'not properly in loop' : 'outside loop'}`);
          this.next();
          return;
        case 'return':
          if (!ctx.inFunction) this.compileFail(t, "'return' outside function");
          this.next();
          if (!this.atStmtEnd()) this.testListStar();
          return;
        case 'yield':
          this.yieldExpr();
          return;
        case 'raise':
          this.next();
          if (!this.atStmtEnd()) {
            this.test();
            if (this.eatKw('from')) this.test();
            else if (this.isOp(',')) {
              this.warnPy2(this.peek().start, "'raise E, V' is Python 2 only syntax");
              this.next();
              this.test();
              if (this.eatOp(',')) this.test();
            }
          }
          this.note(start, this.prevEnd(), 'raise not evaluated', ctx);
          return;
        case 'global':
        case 'nonlocal':
          this.next();
          if (t.text === 'nonlocal' && !ctx.inFunction) this.compileFail(t, 'nonlocal declaration not allowed at module level');
          do {
            const n = this.name();
            // A function defined at module level has no enclosing function scope to bind to.
            if (t.text === 'nonlocal' && this.fnDepth === 1) this.compileFail(n, `no binding for nonlocal '${n.text}' found`);
          } while (this.eatOp(','));
          return;
        case 'del':
          this.next();
          {
            const target = this.exprList();
            this.checkTarget(target, 'del');
            this.recordAssign([target], target, 'del', start, ctx);
          }
          return;
        case 'assert':
          this.next();
          this.test();
          if (this.eatOp(',')) this.test();
          this.note(start, this.prevEnd(), 'assert not evaluated', ctx);
          return;
        case 'import':
          this.next();
          do {
            this.dottedName();
            if (this.eatKw('as')) this.name();
          } while (this.eatOp(','));
          this.note(start, this.prevEnd(), 'import not evaluated', ctx);
          return;
        case 'from':
          this.fromImport();
          this.note(start, this.prevEnd(), 'import not evaluated', ctx);
          return;
        case 'print':
          if (this.isPy2Statement()) {
            this.warnPy2(start, "the print statement is Python 2 only syntax (Python 3 needs print(...))");
            this.next();
            if (this.eatOp('>>')) {
              this.test();
              if (!this.eatOp(',')) return;
            }
            while (!this.atStmtEnd()) {
              this.test();
              if (!this.eatOp(',')) break;
            }
            this.note(start, this.prevEnd(), 'print not evaluated', ctx);
            return;
          }
          break;
        case 'exec':
          if (this.isPy2Statement()) {
            this.warnPy2(start, 'the exec statement is Python 2 only syntax');
            this.next();
            this.expr();
            if (this.eatKw('in')) {
              this.test();
              if (this.eatOp(',')) this.test();
            }
            this.note(start, this.prevEnd(), 'exec not evaluated', ctx);
            return;
          }
          break;
        default:
          break;
      }
    }
    this.exprStatement(ctx);
  }

  /** `print x` / `exec x`: the name is followed by something that cannot continue an expression. */
  private isPy2Statement(): boolean {
    const n = this.peek(1);
    if (n.type === 'NEWLINE' || n.type === 'ENDMARKER') return false;
    if (n.type === 'OP') return n.text === '>>' || n.text === '`' || n.text === '-' || n.text === '+' || n.text === '~' || n.text === '[' || n.text === '{';
    if (n.type === 'NAME') return !['if', 'and', 'or', 'in', 'is', 'not', 'for'].includes(n.text) || n.text === 'not';
    return true;
  }

  private atStmtEnd(): boolean {
    const t = this.peek();
    return t.type === 'NEWLINE' || t.type === 'ENDMARKER' || (t.type === 'OP' && t.text === ';');
  }

  private dottedName(): void {
    this.name();
    while (this.eatOp('.')) this.name();
  }

  private fromImport(): void {
    this.next();
    let dots = 0;
    while (this.isOp('.') || this.isOp('...')) dots += this.next().text.length;
    if (!this.isKw('import')) this.dottedName();
    else if (dots === 0) this.fail();
    this.expectKw('import');
    if (this.eatOp('*')) return;
    const paren = this.eatOp('(');
    do {
      if (paren && this.isOp(')')) break;
      this.name();
      if (this.eatKw('as')) this.name();
    } while (this.eatOp(','));
    if (paren) this.expectOp(')');
  }

  private exprStatement(ctx: Ctx): void {
    const start = this.peek().start;
    const first = this.testListStar();
    if (this.isOp(':') && !this.isOp('=', 1)) {
      // annotated assignment
      this.next();
      this.checkTarget(first, 'annotate');
      this.test();
      if (this.eatOp('=')) this.yieldOrTestListStar();
      this.note(start, this.prevEnd(), 'annotated assignment not evaluated', ctx);
      return;
    }
    const aug = this.peek();
    if (aug.type === 'OP' && AUGOPS.has(aug.text)) {
      this.next();
      this.checkTarget(first, 'augassign');
      const value = this.yieldOrTestList();
      this.recordAssign([first], value, aug.text, start, ctx);
      return;
    }
    if (this.isOp('=')) {
      // Like CPython's invalid_assignment rule, a bad target is reported as soon as its '=' is seen.
      const targets: Expr[] = [];
      let value: Expr = first;
      while (this.isOp('=')) {
        if (value.t === 'starred') throw new PySyntaxError('starred assignment target must be in a list or tuple', value.s, 'python-syntax');
        this.checkTarget(value, 'assign');
        targets.push(value);
        this.next();
        value = this.yieldOrTestListStar();
      }
      this.recordAssign(targets, value, '=', start, ctx);
      return;
    }
    if (first.t === 'starred') this.compileFail(this.toks[this.pos - 1] as PyToken, "can't use starred expression here");
    // A bare expression statement: a call such as xm_vars.var(...) or xm_vars.check().
    this.noteXmVar(first);
    this.note(start, this.prevEnd(), first.t === 'call' ? 'call not evaluated' : 'expression not evaluated', ctx);
  }

  private noteXmVar(e: Expr): void {
    if (e.t !== 'call' || e.fn.t !== 'attr' || e.fn.name !== 'var') return;
    if (e.fn.base.t !== 'name' || e.fn.base.id !== 'xm_vars') return;
    const arg = e.args[0];
    if (arg && arg.t === 'str' && arg.value !== undefined) this.out.xmVars.push(arg.value);
  }

  private recordAssign(targets: Expr[], value: Expr, op: string, start: number, ctx: Ctx): void {
    if (!ctx.moduleScope) return;
    this.out.assigns.push({ targets, value, op, start, end: this.prevEnd(), nested: ctx.nesting > 0 });
  }

  private checkTarget(e: Expr, kind: 'assign' | 'augassign' | 'del' | 'annotate'): void {
    const bad = (what: string): never => {
      const verb = kind === 'del' ? 'delete' : 'assign to';
      if (kind === 'augassign') throw new PySyntaxError(`'${what}' is an illegal expression for augmented assignment`, e.s, 'python-syntax');
      throw new PySyntaxError(`cannot ${verb} ${what}`, e.s, 'python-syntax');
    };
    switch (e.t) {
      case 'name':
        if (e.id === 'True' || e.id === 'False' || e.id === 'None') bad(e.id);
        if (e.id === '__debug__') bad('__debug__');
        return;
      case 'attr':
      case 'sub':
        return;
      case 'list':
      case 'tuple':
        if (kind === 'augassign' || kind === 'annotate') bad(e.t);
        for (const it of e.items) this.checkTarget(it, kind);
        return;
      case 'starred':
        if (kind !== 'assign') bad('starred');
        this.checkTarget(e.v, kind);
        return;
      case 'str':
      case 'num':
        return bad('literal');
      case 'call':
        return bad('function call');
      case 'other':
        return bad(e.what);
      default:
        return bad('expression');
    }
  }

  // ---- expressions ----
  private yieldOrTestList(): Expr {
    return this.isKw('yield') ? this.yieldExpr() : this.testList();
  }
  private yieldOrTestListStar(): Expr {
    return this.isKw('yield') ? this.yieldExpr() : this.testListStar();
  }
  private yieldExpr(): Expr {
    const t = this.next();
    // Python rejects yield outside a function at compile time.
    if (!this.isOp(')') && !this.atStmtEnd()) {
      if (this.eatKw('from')) this.test();
      else this.testListStar();
    }
    if (this.fnDepth === 0) this.compileFail(t, "'yield' outside function");
    return { t: 'other', s: t.start, e: this.prevEnd(), what: 'yield expression' };
  }

  private testList(): Expr {
    return this.sequence(() => this.test(), false);
  }
  private testListStar(): Expr {
    return this.sequence(() => this.testOrStar(), false);
  }
  private exprList(): Expr {
    return this.sequence(() => (this.isOp('*') ? this.starExpr() : this.expr()), false);
  }

  /** item (',' item)* [','] -> a bare tuple when there is a comma. */
  private sequence(item: () => Expr, _inBrackets: boolean): Expr {
    const first = item();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.eatOp(',')) {
      if (this.sequenceEnds()) break;
      items.push(item());
    }
    return { t: 'tuple', s: first.s, e: this.prevEnd(), items };
  }

  private sequenceEnds(): boolean {
    const t = this.peek();
    if (t.type !== 'OP') return t.type === 'NEWLINE' || t.type === 'ENDMARKER' || (t.type === 'NAME' && t.text === 'in');
    return ['=', ')', ']', '}', ';', ':'].includes(t.text) || AUGOPS.has(t.text);
  }

  private testOrStar(): Expr {
    return this.isOp('*') ? this.starExpr() : this.test();
  }

  private starExpr(): Expr {
    const s = this.next().start;
    const v = this.expr();
    return { t: 'starred', s, e: v.e, v };
  }

  private namedTest(): Expr {
    const e = this.test();
    if (this.isOp(':=')) {
      if (e.t !== 'name') this.fail(this.peek(), 'cannot use assignment expressions with this target');
      this.next();
      const v = this.test();
      return { t: 'other', s: e.s, e: v.e, what: 'named expression' };
    }
    return e;
  }

  private test(): Expr {
    this.enter();
    try {
      if (this.isKw('lambda')) {
        const s = this.next().start;
        this.params(':');
        this.expectOp(':');
        const body = this.test();
        return { t: 'other', s, e: body.e, what: 'lambda' };
      }
      const cond = this.orTest();
      if (this.isKw('if') && !this.noTernary) {
        this.next();
        this.orTest();
        this.expectKw('else');
        const alt = this.test();
        return { t: 'other', s: cond.s, e: alt.e, what: 'conditional expression' };
      }
      return cond;
    } finally {
      this.leave();
    }
  }

  /** Inside comprehension conditions `if` belongs to the comprehension. */
  private noTernary = false;

  private orTest(): Expr {
    let l = this.andTest();
    while (this.isKw('or')) {
      this.next();
      const r = this.andTest();
      l = { t: 'binop', op: 'or', l, r, s: l.s, e: r.e };
    }
    return l;
  }
  private andTest(): Expr {
    let l = this.notTest();
    while (this.isKw('and')) {
      this.next();
      const r = this.notTest();
      l = { t: 'binop', op: 'and', l, r, s: l.s, e: r.e };
    }
    return l;
  }
  private notTest(): Expr {
    const starts: number[] = [];
    while (this.isKw('not')) starts.push(this.next().start);
    let v = this.comparison();
    for (let k = starts.length - 1; k >= 0; k--) v = { t: 'unary', op: 'not', v, s: starts[k] ?? v.s, e: v.e };
    return v;
  }
  private comparison(): Expr {
    let l = this.binary(0);
    for (;;) {
      const t = this.peek();
      let op: string | undefined;
      if ((t.type === 'OP' || t.type === 'NAME') && COMPARE.has(t.text)) {
        op = t.text;
        this.next();
        if (op === 'is' && this.eatKw('not')) op = 'is not';
      } else if (this.isKw('not') && this.isKw('in', 1)) {
        this.next();
        this.next();
        op = 'not in';
      }
      if (!op) return l;
      const r = this.binary(0);
      l = { t: 'binop', op, l, r, s: l.s, e: r.e };
    }
  }
  private binary(level: number): Expr {
    if (level >= BINARY_LEVELS.length) return this.unary();
    const ops = BINARY_LEVELS[level] ?? [];
    let l = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.type !== 'OP' || !ops.includes(t.text)) return l;
      this.next();
      const r = this.binary(level + 1);
      l = { t: 'binop', op: t.text, l, r, s: l.s, e: r.e };
    }
  }
  private unary(): Expr {
    const ops: PyToken[] = [];
    while (this.isOp('-') || this.isOp('+') || this.isOp('~')) ops.push(this.next());
    let v = this.power();
    for (let k = ops.length - 1; k >= 0; k--) {
      const op = ops[k] as PyToken;
      v = { t: 'unary', op: op.text, v, s: op.start, e: v.e };
    }
    return v;
  }
  private power(): Expr {
    if (this.isKw('await')) {
      if (this.fnDepth === 0) this.compileFail(this.peek(), "'await' outside function");
      const s = this.next().start;
      const v = this.power();
      return { t: 'other', s, e: v.e, what: 'await' };
    }
    const base = this.atomExpr();
    if (this.isOp('**')) {
      this.next();
      this.enter();
      try {
        const r = this.unary();
        return { t: 'binop', op: '**', l: base, r, s: base.s, e: r.e };
      } finally {
        this.leave();
      }
    }
    return base;
  }
  private atomExpr(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.isOp('(')) {
        this.next();
        const args = this.isOp(')') ? [] : this.argList(')');
        this.expectOp(')');
        e = { t: 'call', fn: e, args, s: e.s, e: this.prevEnd() };
      } else if (this.isOp('[')) {
        this.next();
        this.subscripts();
        this.expectOp(']');
        e = { t: 'sub', base: e, s: e.s, e: this.prevEnd() };
      } else if (this.isOp('.')) {
        this.next();
        const n = this.name();
        e = { t: 'attr', base: e, name: n.text, s: e.s, e: n.end };
      } else {
        return e;
      }
    }
  }
  private subscripts(): void {
    if (this.isOp(']')) this.fail();
    do {
      if (this.isOp(']')) break;
      if (!this.isOp(':')) this.testOrStar();
      if (this.eatOp(':')) {
        if (!this.isOp(']') && !this.isOp(':') && !this.isOp(',')) this.test();
        if (this.eatOp(':') && !this.isOp(']') && !this.isOp(',')) this.test();
      }
    } while (this.eatOp(','));
  }
  private argList(closer: string): Expr[] {
    const startPos = this.pos;
    const args = this.argListInner(closer);
    const gen = args.find((a) => a.t === 'other' && a.what === 'generator expression' && this.text[a.s] !== '(');
    if (gen && this.toks.slice(startPos, this.pos).some((t) => t.type === 'OP' && t.text === ',' && t.start > gen.s - 1) && (args.length > 1 || this.prevWasComma(startPos))) {
      throw new PySyntaxError('Generator expression must be parenthesized', gen.s, 'python-syntax');
    }
    return args;
  }
  private prevWasComma(startPos: number): boolean {
    let depth = 0;
    for (let k = startPos; k < this.pos; k++) {
      const t = this.toks[k];
      if (!t || t.type !== 'OP') continue;
      if ('([{'.includes(t.text)) depth++;
      else if (')]}'.includes(t.text)) depth--;
      else if (t.text === ',' && depth === 0) return true;
    }
    return false;
  }
  private argListInner(closer: string): Expr[] {
    const args: Expr[] = [];
    let sawKeyword = false;
    let sawKwUnpack = false;
    while (!this.isOp(closer)) {
      if (this.eatOp('**')) {
        this.test();
        sawKwUnpack = true;
      } else if (this.eatOp('*')) {
        if (sawKwUnpack) this.fail(this.toks[this.pos - 1], 'iterable argument unpacking follows keyword argument unpacking');
        this.test();
      } else {
        const a = this.test();
        if (this.isOp('=')) {
          if (a.t !== 'name') this.fail(this.peek(), 'expression cannot contain assignment, perhaps you meant "=="?');
          this.next();
          this.test();
          sawKeyword = true;
        } else if (this.isKw('for') || this.isKw('async')) {
          this.compFor();
          args.push({ t: 'other', s: a.s, e: this.prevEnd(), what: 'generator expression' });
        } else if (this.isOp(':=')) {
          this.next();
          this.test();
        } else {
          if (sawKwUnpack) this.fail(this.toks[this.pos - 1], 'positional argument follows keyword argument unpacking');
          if (sawKeyword) this.fail(this.toks[this.pos - 1], 'positional argument follows keyword argument');
          args.push(a);
        }
      }
      if (!this.eatOp(',')) break;
    }
    return args;
  }
  private compFor(): void {
    for (;;) {
      if (this.eatKw('async')) {
        /* async comprehension */
      }
      if (this.eatKw('for')) {
        this.checkTarget(this.exprList(), 'assign');
        this.expectKw('in');
        this.orTest();
      } else if (this.isKw('if')) {
        this.next();
        const saved = this.noTernary;
        this.noTernary = true;
        try {
          this.orTestOrLambda();
        } finally {
          this.noTernary = saved;
        }
      } else {
        return;
      }
    }
  }
  private orTestOrLambda(): void {
    if (this.isKw('lambda')) this.test();
    else this.orTest();
  }

  private atom(): Expr {
    const t = this.peek();
    if (t.type === 'NAME') {
      if (KEYWORDS.has(t.text) && t.text !== 'None' && t.text !== 'True' && t.text !== 'False') this.fail(t);
      this.next();
      return { t: 'name', id: t.text, s: t.start, e: t.end };
    }
    if (t.type === 'NUMBER') {
      this.next();
      return t.bigText !== undefined
        ? { t: 'num', big: t.bigText, isFloat: false, s: t.start, e: t.end }
        : { t: 'num', ...(t.num !== undefined ? { value: t.num } : {}), isFloat: t.isFloat === true, s: t.start, e: t.end };
    }
    if (t.type === 'STRING') return this.strings();
    if (t.type !== 'OP') this.fail(t);
    switch (t.text) {
      case '(':
        return this.parenthesised();
      case '[':
        return this.bracketed();
      case '{':
        return this.braced();
      case '...':
        this.next();
        return { t: 'other', s: t.start, e: t.end, what: 'Ellipsis' };
      case '`': {
        this.warnPy2(t.start, 'backquote repr is Python 2 only syntax');
        this.next();
        this.testList();
        this.expectOp('`');
        return { t: 'other', s: t.start, e: this.prevEnd(), what: 'repr' };
      }
      default:
        return this.fail(t);
    }
  }

  private strings(): Expr {
    const first = this.next();
    if (first.escapeError) throw new PySyntaxError(first.escapeError.message, first.escapeError.offset, 'string-escape');
    let value: string | undefined = first.str;
    let last = first;
    let kind = first.prefix?.includes('b') ? 'b' : 's';
    while (this.peek().type === 'STRING') {
      const t = this.next();
      if (t.escapeError) throw new PySyntaxError(t.escapeError.message, t.escapeError.offset, 'string-escape');
      const k = t.prefix?.includes('b') ? 'b' : 's';
      if (k !== kind) throw new PySyntaxError('cannot mix bytes and nonbytes literals', t.start, 'python-syntax');
      kind = k;
      value = value !== undefined && t.str !== undefined ? value + t.str : undefined;
      last = t;
    }
    return {
      t: 'str',
      s: first.start,
      e: last.end,
      ...(value !== undefined ? { value } : {}),
      quote: `${first.prefix ?? ''}${first.quote ?? '"'}`,
      prefix: first.prefix ?? '',
    };
  }

  private parenthesised(): Expr {
    const open = this.next();
    if (this.isOp(')')) {
      this.next();
      return { t: 'tuple', items: [], s: open.start, e: this.prevEnd() };
    }
    if (this.isKw('yield')) {
      const y = this.yieldExpr();
      this.expectOp(')');
      return { ...y, s: open.start, e: this.prevEnd() } as Expr;
    }
    const first = this.isOp('*') ? this.starExpr() : this.namedTest();
    if (this.isKw('for') || this.isKw('async')) {
      this.compFor();
      this.expectOp(')');
      return { t: 'other', s: open.start, e: this.prevEnd(), what: 'generator expression' };
    }
    if (this.isOp(')')) {
      this.next();
      if (first.t === 'starred') this.fail(open, "can't use starred expression here");
      return { ...first, s: open.start, e: this.prevEnd() } as Expr;
    }
    const items = [first];
    while (this.eatOp(',')) {
      if (this.isOp(')')) break;
      items.push(this.isOp('*') ? this.starExpr() : this.namedTest());
    }
    this.expectOp(')');
    return { t: 'tuple', items, s: open.start, e: this.prevEnd() };
  }

  private bracketed(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    if (!this.isOp(']')) {
      const first = this.isOp('*') ? this.starExpr() : this.namedTest();
      if (this.isKw('for') || this.isKw('async')) {
        this.compFor();
        this.expectOp(']');
        return { t: 'other', s: open.start, e: this.prevEnd(), what: 'list comprehension' };
      }
      items.push(first);
      while (this.eatOp(',')) {
        if (this.isOp(']')) break;
        items.push(this.isOp('*') ? this.starExpr() : this.namedTest());
      }
    }
    this.expectOp(']');
    return { t: 'list', items, s: open.start, e: this.prevEnd() };
  }

  private braced(): Expr {
    const open = this.next();
    if (this.eatOp('}')) return { t: 'other', s: open.start, e: this.prevEnd(), what: 'dict display' };
    let isDict = false;
    let first = true;
    do {
      if (!first && this.isOp('}')) break;
      if (this.eatOp('**')) {
        isDict = true;
        this.expr();
      } else {
        if (this.isOp('*')) this.starExpr();
        else this.test();
        if (this.eatOp(':')) {
          if (!first && !isDict) this.fail(this.toks[this.pos - 1]);
          isDict = true;
          this.test();
        } else if (isDict) {
          this.fail(this.peek(), "':' expected after dictionary key");
        }
      }
      if (first && (this.isKw('for') || this.isKw('async'))) {
        this.compFor();
        break;
      }
      first = false;
    } while (this.eatOp(','));
    this.expectOp('}');
    return { t: 'other', s: open.start, e: this.prevEnd(), what: isDict ? 'dict display' : 'set display' };
  }

  private expr(): Expr {
    return this.binary(0);
  }

  private warnPy2(offset: number, message: string): void {
    this.out.warnings.push({ message, offset, code: 'python2-only-syntax' });
  }
}
