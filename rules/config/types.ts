/**
 * The contract of the Xen config language module (rules/config/).
 * Parsers never evaluate anything: they read text and return data.
 */

/** The two config dialects: xm (Xen 3.x, Python source) and xl (Xen >= 4, libxlu grammar). */
export type Dialect = 'xm' | 'xl';
/** Which tools accept a file. */
export type SyntaxVerdict = Dialect | 'both';

/**
 * A value as the real tool sees it, as plain JSON.
 * libxlu keeps numbers as text: a plain decimal is a number, any other number token
 * (hex, octal, leading zero, float) is `{ number: token }`. Lists are arrays; xm tuples are arrays too
 * (the node kind says it was a tuple).
 */
export type PlainValue = string | number | { number: string } | PlainValue[];

/** Half-open byte range [start, end) into the source string (UTF-16 offsets of the JS string). */
export interface Span {
  start: number;
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
}

export interface ValueNode {
  kind: 'string' | 'number' | 'list' | 'tuple' | 'expression';
  /** Plain value; for 'expression' (Python the bot does not evaluate) undefined. */
  value: PlainValue | undefined;
  /** The exact source text of the value. */
  raw: string;
  span: Span;
  /** Elements of a list/tuple, each with its own span. */
  items?: ValueNode[];
  /** For strings: the quote used, e.g. "'", '"', "'''", 'r"'. */
  quote?: string;
}

export interface Assignment {
  key: string;
  op: '=' | '+=';
  value: ValueNode;
  /** Span of the whole statement `key = value` (without trailing comment/newline). */
  span: Span;
  keySpan: Span;
}

export interface ParseError {
  message: string;
  line: number;
  column: number;
  /** Stable machine code, e.g. 'unterminated-string', 'unbalanced-bracket', 'lexical', 'python-syntax'. */
  code: string;
}

/** Per-dialect verdict: does the real tool accept this file? */
export interface DialectResult {
  ok: boolean;
  error?: ParseError;
  /** Warnings the real tool would print (e.g. libxlu's "looks like it contains Python code"). */
  warnings: ParseError[];
}

/** A line of xm Python the bot did not evaluate (import, if, calls, arithmetic, ...). */
export interface NotEvaluated {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedConfig {
  source: string;
  /** Which tools accept the file; null when neither does. */
  syntax: SyntaxVerdict | null;
  xm: DialectResult;
  xl: DialectResult;
  /** Every plain assignment in file order (both dialects' view merged: the lossless tree's statements). */
  assignments: Assignment[];
  /** key -> value, last assignment wins (`+=` appends for xl lists). Only plain data. */
  values: Record<string, PlainValue>;
  /** key -> lines where it was assigned with '=' more than once. */
  duplicates: Record<string, number[]>;
  notEvaluated: NotEvaluated[];
  /** Line ending style detected ('\n' or '\r\n'), and whether the file ends with a newline. */
  eol: '\n' | '\r\n';
  finalNewline: boolean;
  /** xm only: names declared with xm_vars.var() (command-line variables, not unknown keys). Added compatibly. */
  declaredVars?: string[];
  /** Each accepting dialect's own view of the values (xl keeps non-decimal numbers as text, xm evaluates them). Added compatibly. */
  valuesByDialect?: { xm?: Record<string, PlainValue>; xl?: Record<string, PlainValue> };
}

/** A text edit on the source; edits applied together must not overlap. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface DiskSpec {
  raw: string;
  form: 'legacy' | 'xl';
  /** e.g. 'phy:sda4' in legacy form, or the target path. */
  target?: string;
  /** Prefix of the target in legacy form: phy, file, tap:aio, tap:qcow, tap2:..., ... */
  prefix?: string;
  vdev?: string;
  access?: string;
  format?: string;
  devtype?: string;
  backendtype?: string;
  script?: string;
  /** field name -> [start, end) offset inside `raw` */
  positions: Record<string, [number, number]>;
  errors: { message: string; offset: number; code: string }[];
}

export interface VifSpec {
  raw: string;
  fields: Record<string, string>;
  mac?: string;
  bridge?: string;
  positions: Record<string, [number, number]>;
  errors: { message: string; offset: number; code: string }[];
}
