/**
 * A paste -> its logical lines: CR/LF normalised, IRC nick prefixes removed, pastes that lost
 * their newlines cut back at the places where a new line of tool output evidently began,
 * and every line bounded so that no rule ever sees an unbounded string.
 */
import { CODE_FENCE_END, CODE_FENCE_START, CONTROL_CHARS, IRC_PREFIX, IRC_PREFIX_PIPE, LINE_BREAK, LOST_NEWLINE_BREAK } from '../patterns/logs.js';

export const MAX_LINE_CHARS = 2000;
export const MAX_LINES = 5000;

export interface PasteLine {
  /** 1-based line of the original paste. */
  line: number;
  text: string;
}

/** Removes control characters other than tab (binary garbage, ANSI colours). */
function stripControls(text: string): string {
  CONTROL_CHARS.lastIndex = 0;
  return text.replace(CONTROL_CHARS, '');
}

function stripIrcPrefix(text: string): string {
  // a quoted log is often indented (mail, wiki): the prefix may follow a few blanks
  let start = 0;
  while (start < 8 && (text[start] === ' ' || text[start] === '\t')) start++;
  const body = start > 0 ? text.slice(start) : text;
  const m = IRC_PREFIX.exec(body) ?? IRC_PREFIX_PIPE.exec(body);
  return m ? body.slice(m[0].length) : text;
}

/** One physical line as the paste meant it: no control characters, no IRC `[hh:mm] <nick>` prefix, no code fence. */
export function cleanPasteLine(raw: string): string {
  return stripCodeFences(stripIrcPrefix(stripControls(raw)));
}

function stripCodeFences(text: string): string {
  const start = CODE_FENCE_START.exec(text);
  const body = start ? text.slice(start[0].length) : text;
  return CODE_FENCE_END.test(body) ? body.slice(0, -3) : body;
}

/** Splits one physical line where the paste evidently lost newlines. */
function recoverLostNewlines(text: string): string[] {
  if (text.length < 40) return [text];
  LOST_NEWLINE_BREAK.lastIndex = 0;
  const parts = text.split(LOST_NEWLINE_BREAK);
  return parts.length > 1 ? parts : [text];
}

export function pasteLines(text: string): PasteLine[] {
  const out: PasteLine[] = [];
  const physical = text.split(LINE_BREAK);
  // Past MAX_LINES, the first fifth and the end are read: a long log's decisive lines come last.
  const headLines = physical.length > MAX_LINES ? Math.floor(MAX_LINES / 5) : physical.length;
  const tailFrom = physical.length > MAX_LINES ? physical.length - (MAX_LINES - headLines) : physical.length;
  let previousWasChat = false;
  for (let i = 0; i < physical.length && out.length < MAX_LINES; i = i + 1 === headLines ? Math.max(tailFrom, i + 1) : i + 1) {
    const raw = (physical[i] ?? '').slice(0, MAX_LINE_CHARS * 8);
    const unprefixed = stripIrcPrefix(stripControls(raw));
    const chat = unprefixed.length !== stripControls(raw).length;
    // An IRC log wraps a long message onto indented lines without the nick: those continue the previous line
    // ("...with \"warning: nsec" / "      0x0000... < lastnsec ..."), so a message split by the wrap is read whole.
    const last = out[out.length - 1];
    if (!chat && previousWasChat && last && /^\s{2,}\S/.test(raw) && last.text.length + raw.length < MAX_LINE_CHARS) {
      last.text = `${last.text} ${raw.trim()}`;
      continue;
    }
    previousWasChat = chat;
    const clean = stripCodeFences(unprefixed);
    for (const part of recoverLostNewlines(clean)) {
      if (out.length >= MAX_LINES) break;
      out.push({ line: i + 1, text: part.slice(0, MAX_LINE_CHARS).trimEnd() });
    }
  }
  return out;
}
