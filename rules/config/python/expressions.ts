/**
 * The expression layer of the Python parser: tuples and starred items, lambda, conditional and named
 * expressions, boolean and comparison operators, the binary operator levels, unary operators, power
 * and await, trailers (calls, subscripts, attributes) with CPython's argument-order errors,
 * comprehensions, and the parameters of def and lambda. Atoms come from the next layer (atoms.ts).
 */
import { PySyntaxError } from './errors.js';
import { checkTarget } from './checks.js';
import { TokenCursor } from './cursor.js';
import type { PyToken } from './tokens.js';
import type { Expr } from './tree.js';

/** Augmented assignment operators: they make an augmented assignment statement and end a bare tuple. */
export const AUGOPS = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '|=', '^=', '@=']);
const COMPARE = new Set(['<', '>', '==', '>=', '<=', '!=', '<>', 'in', 'is']);
const BINARY_LEVELS: string[][] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%', '@']];
/** Recursion guard: CPython gives up on absurdly nested expressions too ("too complex"). */
const MAX_DEPTH = 400;

export abstract class ExpressionParser extends TokenCursor {
  private depth = 0;

  /** A literal, name or display: the atom layer (atoms.ts). */
  protected abstract atom(): Expr;

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new PySyntaxError('too many nested expressions', this.peek().start, 'too-deep');
  }
  private leave(): void {
    this.depth--;
  }

  protected yieldOrTestList(): Expr {
    return this.isKw('yield') ? this.yieldExpr() : this.testList();
  }
  protected yieldOrTestListStar(): Expr {
    return this.isKw('yield') ? this.yieldExpr() : this.testListStar();
  }
  protected yieldExpr(): Expr {
    const t = this.next();
    // Python rejects yield outside a function at compile time.
    if (!this.isOp(')') && !this.atStmtEnd()) {
      if (this.eatKw('from')) this.test();
      else this.testListStar();
    }
    if (this.fnDepth === 0) this.compileFail(t, "'yield' outside function");
    return { t: 'other', s: t.start, e: this.prevEnd(), what: 'yield expression' };
  }

  protected testList(): Expr {
    return this.sequence(() => this.test(), false);
  }
  protected testListStar(): Expr {
    return this.sequence(() => this.testOrStar(), false);
  }
  protected exprList(): Expr {
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

  protected starExpr(): Expr {
    const s = this.next().start;
    const v = this.expr();
    return { t: 'starred', s, e: v.e, v };
  }

  protected namedTest(): Expr {
    const e = this.test();
    if (this.isOp(':=')) {
      if (e.t !== 'name') this.fail(this.peek(), 'cannot use assignment expressions with this target');
      this.next();
      const v = this.test();
      return { t: 'other', s: e.s, e: v.e, what: 'named expression' };
    }
    return e;
  }

  protected test(): Expr {
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
  protected argList(closer: string): Expr[] {
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
  protected compFor(): void {
    for (;;) {
      if (this.eatKw('async')) {
        /* async comprehension */
      }
      if (this.eatKw('for')) {
        checkTarget(this.exprList(), 'assign');
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
  protected expr(): Expr {
    return this.binary(0);
  }

  /** Parameters of def (closer ')') or lambda (closer ':'). */
  protected params(closer: string): void {
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
}
