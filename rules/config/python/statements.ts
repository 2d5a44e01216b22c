/**
 * The statement layer of the Python parser, and its entry point: simple and compound statements,
 * suites and indentation, the compile-phase checks tied to where a statement stands (break and
 * continue outside a loop, return outside a function, nonlocal at module level), Python-2-only
 * statements (print, exec, `raise E, V`, `except E, e`) with a warning, and what the bot keeps:
 * module-level assignments, the statements it does not evaluate, and xm_vars.var() declarations.
 */
import { PySyntaxError } from './errors.js';
import { checkTarget } from './checks.js';
import { AUGOPS } from './expressions.js';
import { AtomParser } from './atoms.js';
import type { PyToken } from './tokens.js';
import type { Expr, PyModule } from './tree.js';

interface Ctx {
  inFunction: boolean;
  inLoop: boolean;
  /** 0 at module level; > 0 inside module-level compound statements. */
  nesting: number;
  moduleScope: boolean;
}

/** Parses a whole token stream (a file) into its module-level assignments, notes and warnings. */
export function parseModule(tokens: PyToken[], text: string): PyModule {
  return new StatementParser(tokens, text).module();
}

class StatementParser extends AtomParser {
  module(): PyModule {
    const ctx: Ctx = { inFunction: false, inLoop: false, nesting: 0, moduleScope: true };
    while (this.peek().type !== 'ENDMARKER') this.statement(ctx);
    if (this.compileError) throw this.compileError;
    return this.out;
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
    checkTarget(target, 'assign');
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
          checkTarget(this.test(), 'assign');
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
      if (this.eatKw('as')) checkTarget(this.expr(), 'assign');
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
            checkTarget(target, 'del');
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
      checkTarget(first, 'annotate');
      this.test();
      if (this.eatOp('=')) this.yieldOrTestListStar();
      this.note(start, this.prevEnd(), 'annotated assignment not evaluated', ctx);
      return;
    }
    const aug = this.peek();
    if (aug.type === 'OP' && AUGOPS.has(aug.text)) {
      this.next();
      checkTarget(first, 'augassign');
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
        checkTarget(value, 'assign');
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
}
