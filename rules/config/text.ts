/**
 * Position bookkeeping shared by both dialect parsers: offsets -> 1-based line/column,
 * line-ending detection, and the input cap that keeps every parser bounded.
 */
import type { Span } from './types.js';

/** Inputs above this size are not parsed (the bot answers with a "too large" error instead). */
export const MAX_CONFIG_CHARS = 1024 * 1024;

/**
 * Lone carriage returns (old Mac line ends, or a paste tool's) as line feeds. Python reads a lone CR as a line end,
 * libxlu as a lexical error; every checker and the fixer read the text this way, so what is a line is the same on
 * every path (and the fixer cannot add a quote to a "line" that Python ends earlier). CRLF is left alone.
 */
export function loneCrAsNewline(text: string): { text: string; loneCr: number } {
  let loneCr = 0;
  const out = text.replace(/\r(?!\n)/g, () => {
    loneCr++;
    return '\n';
  });
  return { text: out, loneCr };
}

/** Maps offsets to 1-based line/column. A line ends at '\n' (libxlu and Python agree on that). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** End of the line's content (before '\n'), for a 1-based line. */
  lineEnd(line: number): number {
    const next = this.starts[line];
    return next === undefined ? this.text.length : next - 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(this.line(offset)) + 1;
  }

  span(start: number, end: number): Span {
    const line = this.line(start);
    return { start, end, line, column: start - this.lineStart(line) + 1 };
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line)).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** The dominant line ending: CRLF when most line breaks are CRLF. */
export function detectEol(text: string): '\n' | '\r\n' {
  let lf = 0;
  let crlf = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
      else lf++;
    }
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function endsWithNewline(text: string): boolean {
  return text.endsWith('\n');
}

/** A short, printable excerpt of source text for error messages. */
export function excerpt(text: string, max = 40): string {
   
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}
