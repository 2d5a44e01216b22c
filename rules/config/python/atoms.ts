/**
 * The atom layer of the Python parser: names, numbers, adjacent string literals (their escape errors
 * are raised here, where CPython builds the constant, and bytes cannot be mixed with str), `...`,
 * Python 2 backquotes, and the bracketed forms: tuples and generator expressions, lists and list
 * comprehensions, dict and set displays and comprehensions.
 */
import { PySyntaxError } from './errors.js';
import { KEYWORDS } from './cursor.js';
import { ExpressionParser } from './expressions.js';
import type { Expr } from './tree.js';

export abstract class AtomParser extends ExpressionParser {
  protected override atom(): Expr {
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
}
