/**
 * The tree the parser keeps: a small expression tree for assignment values and targets, the
 * module-level assignments, the statements that are not evaluated, and the names declared with
 * xm_vars.var(). Offsets are into the source text.
 */
import type { PyWarning } from './errors.js';

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
  /** The parser's warnings; readPython puts the tokenizer's first. */
  warnings: PyWarning[];
}
