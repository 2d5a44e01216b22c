/**
 * On IRC a pasted config or log arrives as many one-line messages. This assembles consecutive lines from
 * the same person in the same channel into one paste, closed by a quiet window, so twelve config lines get
 * one diagnosis instead of twelve.
 *
 * Latency matters as much as assembly: an addressed line that ends a question ("bot: why does it hang?")
 * closes its paste at once instead of waiting for the window, and addressing the bot again closes the open
 * addressed paste (two questions in a row are two requests). Lines that follow such a question within the
 * window (the config the question was about) form a paste that counts as addressed when it has several lines.
 *
 * Pure logic: the clock and the timers are injected.
 */

export interface PasteLine<M = undefined> {
  channel: string;
  author: string;
  text: string;
  addressed: boolean;
  isPrivate?: boolean;
  /** Adapter data carried through (the paste keeps the latest line's). */
  meta: M;
}

export interface Paste<M = undefined> {
  channel: string;
  author: string;
  /** The lines joined with "\n". */
  text: string;
  lines: number;
  addressed: boolean;
  isPrivate: boolean;
  /** True when lines were dropped because the paste went over the size caps. */
  truncated: boolean;
  meta: M;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PasteOptions<M> {
  /** Quiet time that closes a paste. */
  quietMs: number;
  onPaste: (paste: Paste<M>) => void;
  /** Caps per paste; past them the paste closes at once. */
  maxLines?: number;
  maxChars?: number;
  clock?: Clock;
  /** Whether this line closes its paste at once (default: an addressed line ending in "?"). */
  closesPaste?: (line: PasteLine<M>) => boolean;
}

export interface PasteAssembler<M> {
  push(line: PasteLine<M>): void;
  /** Close every open paste now (shutdown). */
  flushAll(): void;
  /** Drop every open paste and timer without emitting. */
  close(): void;
  /** Open pastes (for tests and metrics). */
  readonly pending: number;
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function endsAQuestion(line: { text: string; addressed: boolean }): boolean {
  return line.addressed && /\?\s*$/.test(line.text.slice(-200));
}

interface Buffer<M> {
  channel: string;
  author: string;
  lines: string[];
  chars: number;
  addressed: boolean;
  /** Started within the window after an addressed question from the same person. */
  followsQuestion: boolean;
  isPrivate: boolean;
  truncated: boolean;
  meta: M;
  timer: unknown;
}

export function createPasteAssembler<M>(opts: PasteOptions<M>): PasteAssembler<M> {
  const clock = opts.clock ?? systemClock;
  const maxLines = opts.maxLines ?? 400;
  const maxChars = opts.maxChars ?? 64 * 1024;
  const closesPaste = opts.closesPaste ?? endsAQuestion;
  const open = new Map<string, Buffer<M>>();
  /** When each person last had an addressed paste closed (bounded). */
  const lastAddressed = new Map<string, number>();
  let closed = false;

  const keyOf = (channel: string, author: string) => `${channel.toLowerCase()}\u0000${author.toLowerCase()}`;

  function emit(key: string): void {
    const buf = open.get(key);
    if (!buf) return;
    open.delete(key);
    clock.clearTimeout(buf.timer);
    const addressed = buf.addressed || (buf.followsQuestion && buf.lines.length >= 2);
    if (addressed) {
      lastAddressed.delete(key);
      lastAddressed.set(key, clock.now());
      if (lastAddressed.size > 10_000) lastAddressed.delete(lastAddressed.keys().next().value as string);
    }
    opts.onPaste({
      channel: buf.channel,
      author: buf.author,
      text: buf.lines.join('\n'),
      lines: buf.lines.length,
      addressed,
      isPrivate: buf.isPrivate,
      truncated: buf.truncated,
      meta: buf.meta,
    });
  }

  return {
    push(line) {
      if (closed) return;
      const key = keyOf(line.channel, line.author);
      let buf = open.get(key);
      // Addressing the bot again starts a new request: "bot: a" then "bot: b" are two questions, not one paste.
      // Not in private, where every line counts as addressed: there the lines of a paste would split one by one.
      if (buf && buf.addressed && line.addressed && !line.isPrivate) {
        emit(key);
        buf = undefined;
      }
      if (!buf) {
        const last = lastAddressed.get(key);
        buf = {
          channel: line.channel,
          author: line.author,
          lines: [],
          chars: 0,
          addressed: false,
          followsQuestion: last !== undefined && clock.now() - last <= opts.quietMs,
          isPrivate: line.isPrivate === true,
          truncated: false,
          meta: line.meta,
          timer: undefined,
        };
        open.set(key, buf);
      }
      const room = maxChars - buf.chars;
      const text = line.text.length > room ? line.text.slice(0, Math.max(0, room)) : line.text;
      if (text.length < line.text.length) buf.truncated = true;
      buf.lines.push(text);
      buf.chars += text.length + 1;
      buf.addressed ||= line.addressed;
      buf.meta = line.meta;
      clock.clearTimeout(buf.timer);
      if (closesPaste(line) || buf.lines.length >= maxLines || buf.chars >= maxChars) {
        emit(key);
        return;
      }
      buf.timer = clock.setTimeout(() => emit(key), opts.quietMs);
    },
    flushAll() {
      for (const key of [...open.keys()]) emit(key);
    },
    close() {
      closed = true;
      for (const buf of open.values()) clock.clearTimeout(buf.timer);
      open.clear();
    },
    get pending() {
      return open.size;
    },
  };
}
