/**
 * The checks CPython makes on what stands left of `=`, `+=`, `:` and after `del`, `for`, `with ... as`
 * and `except E, e` (its invalid_assignment / invalid_del rules): no literals, calls, operators,
 * True/False/None or __debug__; no tuple or list for augmented assignment or an annotation; a starred
 * target only in an assignment. A bad target is an immediate syntax error at its start.
 */
import { PySyntaxError } from './errors.js';
import type { Expr } from './tree.js';

/** Which statement the target belongs to: it decides the message and what is allowed. */
export type TargetKind = 'assign' | 'augassign' | 'del' | 'annotate';

export function checkTarget(e: Expr, kind: TargetKind): void {
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
      for (const it of e.items) checkTarget(it, kind);
      return;
    case 'starred':
      if (kind !== 'assign') bad('starred');
      checkTarget(e.v, kind);
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
