/**
 * How the Python parser reports failure: PySyntaxError (message, offset, error code and the CPython phase
 * that raises it), the end marker that stands for "the tokenizer failed here", the signal that the parser
 * reached it, and the conversion to the config module's ParseError (line and column).
 */
import type { ParseError } from '../types.js';
import type { LineIndex } from '../text.js';
import type { PyToken } from './tokens.js';

/** A warning from the tokenizer or the parser (`python2-only-syntax`, `number-leading-zero`, ...). */
export interface PyWarning {
  message: string;
  offset: number;
  code: string;
}

/** A syntax error as CPython would raise it, at a source offset. */
export class PySyntaxError extends Error {
  /** Tokenizer errors: the tokens read before the error (CPython's parser may fail on those first). */
  partial?: PyToken[];
  /** Which CPython phase raises it: tokenizer, parser, or the compiler after a successful parse. */
  stage: 'tokenize' | 'parse' | 'compile' = 'parse';

  constructor(
    message: string,
    readonly offset: number,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Text of the end marker that stands for "the tokenizer failed here". */
export const TRUNCATION_MARK = '\u0000truncated';

/** Thrown when the parser needs the token where the tokenizer failed: the tokenizer's error wins. */
export class TruncationReached extends Error {}

/** The config module's ParseError (line and column) for an error, its offset clamped to the text. */
export function toParseError(e: PySyntaxError, lines: LineIndex): ParseError {
  const offset = Math.min(Math.max(0, e.offset), lines.text.length);
  return { message: e.message, line: lines.line(offset), column: lines.column(offset), code: e.code };
}
