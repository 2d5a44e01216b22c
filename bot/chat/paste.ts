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
  /**
   * True when the paste came within the window after this person's question and counts as addressed only for that
   * reason: it is the rest of the question ("... the console floods with" + what it printed).
   */
  followsQuestion: boolean;
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
  /**
   * Whether this line closes its paste at once. Default: an addressed line that is a request on its own
   * (completeOnItsOwn) when it starts the paste, or an addressed question ending a paste.
   */
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

/**
 * What one chat line is, for assembly: part of a paste (a config setting, tool output, a prompt, a list line, a
 * code fence), an announcement that a paste follows ("here's my config:", `!check` alone), or chat.
 * Literal alternations and bounded classes only: linear.
 */
export type LineRole = 'paste' | 'announce' | 'chat';

const PASTE_SHAPE =
  /^(?:[A-Za-z_][\w.]{0,63}[ \t]{0,8}\+?=|#|\[|\]|['"][^'"]{0,200}['"][ \t]{0,4},?[ \t]{0,4}\]?$|```|~~~|[a-z][a-z0-9_]{1,40}[ \t]{1,40}:[ \t]|(?:[Ee]rror|[Ww]arning|WARNING|ERROR|[Ff]atal|FATAL):|libxl: |libxlu|xc: |xc_dom|Using config file|Parsing config from|Started domain|Traceback|File "|GNU Mach|Running on xen|AT386|start ext2fs|ext2fs: |\(XEN\)|\[\s*\d{1,8}\.\d{1,8}\]|hd\d: |eth\d: |panic|[\w.-]{1,64}@[\w.-]{1,64}:\S{0,200}[#$]|[\w.-]{1,64}:[^\s#$]{0,200}[#$][ \t]|[#$] )/;
/** A line that says a paste follows: it ends in ":" or names the paste, or it is a paste command with nothing after it. */
const ANNOUNCES = /:\s*$|\b(?:here(?:'s| is) my|my (?:config|log|cfg|paste|xen config|\/etc\/xen\/\S{1,40})|pasting|paste follows|see below|output below)\b|^\s*\S{0,3}(?:check|fix|diagnose)\s*$/i;

export function lineRole(text: string): LineRole {
  // trimmed first: the patterns then need no leading or trailing blank runs (which backtrack)
  const t = text.slice(0, 400).trim();
  if (PASTE_SHAPE.test(t)) return 'paste';
  if (ANNOUNCES.test(t)) return 'announce';
  return 'chat';
}

/**
 * Whether an addressed line is a request on its own, to be answered at once: a question in any form, a command,
 * a remark. Only a line that starts or announces a paste waits for the rest.
 */
export function completeOnItsOwn(line: { text: string; addressed: boolean }): boolean {
  return line.addressed && lineRole(line.text) === 'chat';
}

interface Buffer<M> {
  channel: string;
  author: string;
  lines: string[];
  chars: number;
  addressed: boolean;
  /** Started within the window after an addressed question from the same person. */
  followsQuestion: boolean;
  /** Whether any line so far is shaped like a paste (not chat). */
  pasteShaped: boolean;
  isPrivate: boolean;
  truncated: boolean;
  meta: M;
  timer: unknown;
}

export function createPasteAssembler<M>(opts: PasteOptions<M>): PasteAssembler<M> {
  const clock = opts.clock ?? systemClock;
  const maxLines = opts.maxLines ?? 400;
  const maxChars = opts.maxChars ?? 64 * 1024;
  const closesPaste = opts.closesPaste;
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
    // lines pasted right after a question belong to it; chat lines do not
    const addressed = buf.addressed || (buf.followsQuestion && buf.lines.length >= 2 && buf.pasteShaped);
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
      followsQuestion: !buf.addressed && addressed,
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
      // A person's own chat lines never join their question: what they said before addressing the bot goes out
      // on its own (as unaddressed chat), and the question starts afresh.
      const role = lineRole(line.text);
      if (buf && !buf.addressed && !buf.pasteShaped && line.addressed && !line.isPrivate) {
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
          pasteShaped: false,
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
      buf.pasteShaped ||= role !== 'chat';
      buf.meta = line.meta;
      clock.clearTimeout(buf.timer);
      const closes = closesPaste
        ? closesPaste(line)
        : // a request on its own is answered at once; a question after pasted lines closes the paste it asks about
          (buf.lines.length === 1 && completeOnItsOwn(line)) || (buf.lines.length > 1 && endsAQuestion(line));
      if (closes || buf.lines.length >= maxLines || buf.chars >= maxChars) {
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
