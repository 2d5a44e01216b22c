/**
 * Reply → IRC lines. IRC has hard limits the other renderers do not: a line is at most LINELEN bytes (512 by
 * default) including the prefix the server adds when it relays the message, CR/LF end a command (so any CR
 * or LF in the text would start a new one), and a busy channel tolerates only a few lines per answer.
 *
 * So every piece of text is sanitized (C0/C1 controls, DEL, Unicode line separators), split on grapheme
 * boundaries under the byte budget, capped at a few lines per reply with the rest kept for "more", and long
 * code (a corrected config) goes by private message.
 */
import type { Block, Reply } from '../brain/reply.js';
import { blockLines } from './text.js';

export const DEFAULT_LINELEN = 512;
/** Longest host and user parts assumed when the bot does not know how others see it (cloaks, ident). */
const WORST_HOST = 63;
const WORST_USER = 10;
/** Characters of reply text rendered at all; more than this is never useful on IRC. */
const MAX_RENDER_CHARS = 64 * 1024;

 
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * One line of plain text safe for the trailing parameter of PRIVMSG/NOTICE: no CR, LF, NUL or other control
 * characters (including IRC colour/bold codes and CTCP's \x01), tabs as spaces, lone surrogates replaced.
 */
export function sanitizeIrcText(text: string): string {
  return text
    .slice(0, MAX_RENDER_CHARS)
    .replace(/[\t\r\n]/g, ' ')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\ufffd');
}

export function utf8Bytes(text: string): number {
  if (text.length > 16) return Buffer.byteLength(text, 'utf8');
  // Short strings (single graphemes in the split loop) are counted inline: far cheaper than a Buffer call.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export interface BudgetInput {
  /** LINELEN from ISUPPORT, when the server announced one. */
  lineLen?: number;
  nick: string;
  /** The bot's user and host as others see them; unknown → the longest plausible. */
  user?: string;
  host?: string;
  target: string;
  command?: 'PRIVMSG' | 'NOTICE';
}

/** Bytes of text that fit in one message as relayed: LINELEN − ":nick!user@host CMD target :" − CRLF. */
export function messageBudget(b: BudgetInput): number {
  const lineLen = b.lineLen && b.lineLen > 0 ? b.lineLen : DEFAULT_LINELEN;
  const user = b.user ? utf8Bytes(b.user) : WORST_USER;
  const host = b.host ? utf8Bytes(b.host) : WORST_HOST;
  const prefix = 1 + utf8Bytes(b.nick) + 1 + user + 1 + host + 1;
  const overhead = prefix + utf8Bytes(b.command ?? 'PRIVMSG') + 1 + utf8Bytes(b.target) + 2 + 2;
  // Never below a usable minimum, even for absurd targets.
  return Math.max(32, lineLen - overhead);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** V8's segmenter is quadratic on long strings, so it sees windows of about this many code units. */
const SEGMENT_WINDOW = 512;

/** Windows of the text that end just before a space (a grapheme boundary), or at a code point boundary. */
function* windows(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + SEGMENT_WINDOW);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start + SEGMENT_WINDOW / 2) end = space;
      else if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end -= 1;
    }
    yield text.slice(start, end);
    start = end;
  }
}

/** Units that must not be split: graphemes, or code points for a grapheme too long to fit on its own. */
function* units(text: string, maxBytes: number): Generator<string> {
  for (const win of windows(text)) {
    for (const { segment } of graphemes.segment(win)) {
      if (utf8Bytes(segment) <= maxBytes) yield segment;
      else yield* segment;
    }
  }
}

/**
 * Split one sanitized line into pieces of at most `maxBytes` UTF-8 bytes, never inside a character (nor a
 * grapheme when it fits), preferring to break at a space in the second half of a piece.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (utf8Bytes(text) <= maxBytes) return text === '' ? [] : [text];
  const out: string[] = [];
  let cur: string[] = [];
  let curBytes = 0;
  let lastSpace = -1;
  for (const unit of units(text, maxBytes)) {
    const b = utf8Bytes(unit);
    if (curBytes + b > maxBytes) {
      if (lastSpace > cur.length / 2) {
        out.push(cur.slice(0, lastSpace).join(''));
        cur = cur.slice(lastSpace + 1);
      } else {
        out.push(cur.join(''));
        cur = [];
      }
      curBytes = utf8Bytes(cur.join(''));
      lastSpace = cur.lastIndexOf(' ');
    }
    if (unit === ' ') lastSpace = cur.length;
    cur.push(unit);
    curBytes += b;
  }
  if (cur.length > 0) out.push(cur.join(''));
  return out.map((p) => p.trimEnd()).filter((p) => p !== '');
}

/** Sanitized, split, non-empty IRC lines for some blocks. */
export function blocksToLines(blocks: readonly Block[], budget: number): string[] {
  const out: string[] = [];
  let chars = 0;
  for (const block of blocks) {
    for (const raw of blockLines(block)) {
      if (chars > MAX_RENDER_CHARS) return out;
      chars += raw.length;
      out.push(...splitUtf8(sanitizeIrcText(raw), budget));
    }
  }
  return out;
}

export function moreMarker(left: number): string {
  return `… ${left} more line${left === 1 ? '' : 's'}: say 'more'`;
}

/** Say that `left` lines wait for "more": on the last line when it fits, else on a line of its own. */
export function withMoreMarker(lines: readonly string[], left: number, budget: number): string[] {
  if (left <= 0) return [...lines];
  const marker = moreMarker(left);
  const last = lines[lines.length - 1];
  if (last !== undefined && utf8Bytes(`${last} ${marker}`) <= budget) return [...lines.slice(0, -1), `${last} ${marker}`];
  return [...lines, marker];
}

/**
 * Cap `lines` at `maxLines`, ending with a "say 'more'" marker when some are held back (appended to the last
 * line when it fits). Returns what to send now and what to keep.
 */
export function capLines(lines: readonly string[], maxLines: number, budget: number): { send: string[]; rest: string[] } {
  const cap = Math.max(1, maxLines);
  if (lines.length <= cap) return { send: [...lines], rest: [] };
  const send = lines.slice(0, cap);
  const rest = lines.slice(cap);
  const last = send[send.length - 1] ?? '';
  if (utf8Bytes(`${last} ${moreMarker(rest.length)}`) <= budget) return { send: withMoreMarker(send, rest.length, budget), rest };
  // A one-line reply keeps its answer: the marker never takes the only line's place ("more" still has the rest).
  if (cap === 1) return { send, rest };
  // The marker takes the last line's place; that line waits with the rest.
  const held = [last, ...rest];
  return { send: [...send.slice(0, -1), moreMarker(held.length)], rest: held };
}

export interface IrcRenderOptions {
  /** Byte budget of one line to the reply's target (see messageBudget). */
  budget: number;
  /** Byte budget of one line in a private message to the addressee. */
  privateBudget?: number;
  /** Lines per reply in the target before "say 'more'". */
  maxLines: number;
  /** Nick named at the start of a channel answer. */
  addressee?: string;
  /** Whether the reply goes to a channel (long code then goes to private). */
  inChannel: boolean;
  /** "more" keeps long code in the channel behind "more" instead of sending it privately (default "private"). */
  longOutput?: 'private' | 'more';
}

export interface IrcRendering {
  /** Lines to send to the target now. */
  lines: string[];
  /** Lines held back for "more". */
  rest: string[];
  /** Lines to send to the addressee privately (long configs and diffs). */
  privately: string[];
}

const PRIVATE_NOTE = '(the full text is in a private message to you)';

function startsWithAddress(line: string, nick: string): boolean {
  const l = line.toLowerCase();
  const n = nick.toLowerCase();
  return l.startsWith(`${n}:`) || l.startsWith(`${n},`);
}

/** Render a reply for IRC. Code and diffs longer than `maxLines` go privately when answering in a channel. */
export function renderIrc(reply: Reply, opts: IrcRenderOptions): IrcRendering {
  const addressee = opts.addressee ? sanitizeIrcText(opts.addressee).replace(/\s/g, '') : '';
  const privateBudget = opts.privateBudget ?? opts.budget;
  const publicBlocks: Block[] = [];
  const privateBlocks: Block[] = [];
  for (const block of reply.blocks) {
    const long = (block.type === 'code' || block.type === 'diff') && block.text.split('\n').length > opts.maxLines;
    if (opts.inChannel && long && addressee && opts.longOutput !== 'more') privateBlocks.push(block);
    else publicBlocks.push(block);
  }
  if (privateBlocks.length > 0) publicBlocks.push({ type: 'text', text: PRIVATE_NOTE });

  const prefix = addressee ? `${addressee}: ` : '';
  const body = blocksToLines(publicBlocks, opts.budget);
  const first = body[0];
  if (prefix && first !== undefined && !startsWithAddress(first, addressee)) {
    // Re-split the first line with the prefix so the budget still holds.
    body.splice(0, 1, ...splitUtf8(prefix + first, opts.budget));
  }
  const { send, rest } = capLines(body, opts.maxLines, opts.budget);
  // The reply's detail (`more`) follows the lines that did not fit: "more" gives both, in order.
  return { lines: send, rest: [...rest, ...blocksToLines(reply.more, opts.budget)], privately: blocksToLines(privateBlocks, privateBudget) };
}
