/** The bound on what any parser or regex of the rule engine reads of one paste. */

/** Inputs are capped before any regex sees them. */
export const MAX_INPUT_CHARS = 256 * 1024;

/**
 * At most `max` characters of a paste. The decisive lines of a long log are usually at its end (the error after
 * pages of `xl -vvv` debug output), so a long paste keeps its head (a quarter), its tail (the rest) and, from the
 * middle, up to MIDDLE_ERROR_LINES lines that look like errors; a marker line says how much was skipped.
 */
export function capInput(text: string, max = MAX_INPUT_CHARS): string {
  if (text.length <= max) return text;
  const headEnd = Math.max(text.lastIndexOf('\n', Math.floor(max / 4)), 0);
  const tailBudget = max - headEnd - 2048;
  const tailStart = Math.max(text.indexOf('\n', text.length - tailBudget), headEnd);
  const kept: string[] = [];
  let keptChars = 0;
  for (let at = headEnd + 1; at < tailStart && kept.length < MIDDLE_ERROR_LINES; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 || nl > tailStart ? tailStart : nl;
    const line = text.slice(at, Math.min(end, at + 400));
    if (MIDDLE_ERROR.test(line) && keptChars + line.length < 1536) {
      kept.push(line);
      keptChars += line.length + 1;
    }
    at = end + 1;
  }
  const skipped = tailStart - headEnd - keptChars;
  return `${text.slice(0, headEnd)}\n[... ${skipped} characters of the paste skipped ...]\n${kept.length ? `${kept.join('\n')}\n` : ''}${text.slice(tailStart + 1)}`;
}

const MIDDLE_ERROR_LINES = 20;
/** Literal alternation: linear. */
const MIDDLE_ERROR = /error|panic|fail|cannot|not found|invalid/i;
