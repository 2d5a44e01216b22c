/**
 * A paste -> its logical lines: CR/LF normalised, IRC nick prefixes removed, pastes that lost
 * their newlines cut back at the places where a new line of tool output evidently began,
 * and every line bounded so that no rule ever sees an unbounded string.
 */
import { CODE_FENCE_END, CODE_FENCE_START, CONTROL_CHARS, IRC_PREFIX, IRC_PREFIX_PIPE, LINE_BREAK, LOST_NEWLINE_BREAK, QUESTION_CUE } from '../patterns/logs.js';

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

/**
 * A mail's or forum's quote marks (`> `, `>> `, `> > `): the quoted log is what was pasted. A string scan, at most
 * four levels.
 */
function stripMailQuote(text: string): string {
  let i = 0;
  while (i < 3 && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== '>') return text;
  for (let level = 0; level < 4 && text[i] === '>'; level++) {
    i++;
    while (text[i] === ' ' && i < text.length) i++;
  }
  return text.slice(i);
}

/** One physical line as the paste meant it: no control characters, no mail quote marks, no IRC `[hh:mm] <nick>` prefix, no code fence. */
export function cleanPasteLine(raw: string): string {
  return stripCodeFences(stripIrcPrefix(stripMailQuote(stripControls(raw))));
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

/** A libxl or libxc message, the kind a mail client wraps. */
const WRAPPED_TOOL_MESSAGE = /^(?:libxl|xc): (?:error|warning|debug|verbose|detail): /;
/** How the wrapped rest of such a message starts: a quote, a bracket, a digit or a lower-case word, flush left. */
const WRAP_CONTINUATION = /^['"(\d]|^[a-z]/;
/** A person's words after the paste ("any idea", "so i ran it again"): not the rest of a message. */
const PROSE_START = /^(?:any|so|i|it|but|and|then|now|same|still|tried|thanks|thx|ok)\b/i;
/** A line that is a message of its own (`program: `, `file.c:123:`), a shell prompt (`root@dom0:~# `) or aligned output. */
const PROGRAM_PREFIX = /^[\w./-]{1,64}: |^[\w./-]{1,64}:\d{1,6}:|^[\w.-]{1,64}@[\w.-]{1,64}:|\S {2}/;

export function pasteLines(text: string): PasteLine[] {
  const out: PasteLine[] = [];
  const physical = text.split(LINE_BREAK);
  // Past MAX_LINES, the first fifth and the end are read: a long log's decisive lines come last.
  const headLines = physical.length > MAX_LINES ? Math.floor(MAX_LINES / 5) : physical.length;
  const tailFrom = physical.length > MAX_LINES ? physical.length - (MAX_LINES - headLines) : physical.length;
  let previousWasChat = false;
  for (let i = 0; i < physical.length && out.length < MAX_LINES; i = i + 1 === headLines ? Math.max(tailFrom, i + 1) : i + 1) {
    const raw = (physical[i] ?? '').slice(0, MAX_LINE_CHARS * 8);
    const unquoted = stripMailQuote(stripControls(raw));
    const unprefixed = stripIrcPrefix(unquoted);
    const chat = unprefixed.length !== unquoted.length;
    // An IRC log wraps a long message onto indented lines without the nick: those continue the previous line
    // ("...with \"warning: nsec" / "      0x0000... < lastnsec ..."), so a message split by the wrap is read whole.
    const last = out[out.length - 1];
    if (!chat && previousWasChat && last && /^\s{2,}\S/.test(raw) && last.text.length + raw.length < MAX_LINE_CHARS) {
      last.text = `${last.text} ${raw.trim()}`;
      continue;
    }
    previousWasChat = chat;
    const clean = stripCodeFences(unprefixed);
    // A mail client or a narrow terminal wraps a long libxl / libxc message at a word: the rest starts the next
    // line with no prefix of its own ("...failed to open file" / "'/usr/lib/xen/boot/pvgrub32.bin': No such file").
    // (when the wrap fell right after the function's colon, "...:device_hotplug_child_death_cb: script:", the message
    // itself starts the next line, capital and all: "Cannot rename interface ...")
    const continues = WRAP_CONTINUATION.test(clean) || (last !== undefined && last.text.endsWith(':') && /^[A-Z]/.test(clean));
    if (last && !chat && WRAPPED_TOOL_MESSAGE.test(last.text) && continues && !PROGRAM_PREFIX.test(clean) && !QUESTION_CUE.test(clean) && !PROSE_START.test(clean) && last.text.length + clean.length < MAX_LINE_CHARS) {
      last.text = `${last.text} ${clean.trim()}`;
      continue;
    }
    for (const part of recoverLostNewlines(clean)) {
      if (out.length >= MAX_LINES) break;
      out.push({ line: i + 1, text: part.slice(0, MAX_LINE_CHARS).trimEnd() });
    }
  }
  return out;
}
