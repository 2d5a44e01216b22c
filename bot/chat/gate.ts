/**
 * The chat front door shared by every network adapter: it decides whether a message is answered at all,
 * and where, before and after the brain. Everything here is network-free and clock-injectable, so both
 * the IRC and the Discord adapter behave the same and the policy is unit-tested once.
 *
 * Policy, in order:
 *  - never answer bots, never answer ignored senders;
 *  - `more` releases the next page of the asker's continuation (bot/chat/more.ts, the one place the rest of an
 *    answer is kept); with none kept the brain says there is nothing more;
 *  - addressed messages count against per-user and per-channel rate limits; the first refusal in a window
 *    gets one polite notice, later ones silence;
 *  - a reply for someone else (the brain's `tell`: reply.to) is addressed to that nick in the channel only: no
 *    one can make the bot message strangers privately;
 *  - unaddressed messages are answered only with a pointer to a known error, in enabled channels, after a
 *    per-channel cooldown, never twice for the same paste;
 *  - the same answer in the same channel within the repeat window becomes "see above".
 */
import type { Brain, Message, Reply } from '../brain/reply.js';
import { readAddress } from '../brain/address.js';
import { parseCommand } from '../brain/commands/table.js';
import type { LimitsConfig } from '../ops/config.js';
import { Continuations } from './more.js';

export type SilentReason =
  | 'bot'
  | 'ignored'
  | 'empty'
  | 'rate-limited'
  | 'brain-silent'
  | 'unaddressed-off'
  | 'unaddressed-cooldown'
  | 'unaddressed-duplicate';

export type Decision =
  | { type: 'silent'; reason: SilentReason }
  /** One polite rate-limit notice; `to` is a user (private notice) or a channel. */
  | { type: 'notice'; to: string; text: string }
  /**
   * Answer `reply` in `target` (a channel, or a user for a private reply). `addressee` is the nick to name
   * at the start of a channel answer (the asker, or the `tell` target); absent for private replies.
   */
  | { type: 'reply'; reply: Reply; target: string; isPrivate: boolean; addressee?: string }
  | { type: 'see-above'; target: string; addressee: string; text: string }
  /** The next page of a continuation; `left` pieces remain after it. */
  | { type: 'more'; target: string; isPrivate: boolean; addressee?: string; pieces: string[]; left: number };

/** What every network says in the same situation. */
export const GATE_TEXT = {
  rateUser: "You're asking faster than I can answer well; I'll listen to you again in a minute.",
  rateChannel: "This channel is asking faster than I can answer well; I'll pause for a minute.",
  seeAbove: 'see above (I answered that a moment ago).',
} as const;

export interface GateOptions {
  limits: LimitsConfig;
  /** Senders never answered: case-insensitive, `*` matches any run of characters (e.g. `*bot`, `*!*@spam.host`). */
  ignore?: string[];
  /** Masks maintainers added at run time (!ignore add), read at each decision. */
  extraIgnore?: () => readonly string[];
  /** Channels where a known error pasted without addressing the bot gets a short pointer. */
  unaddressedChannels?: string[];
  unaddressedCooldownMs?: number;
  /** Pieces released by one `more` (IRC: lines; defaults to limits.maxLines). */
  pageSize?: number;
  /** Unread continuations are dropped after this long. */
  moreTtlMs?: number;
  now?: () => number;
}

export interface Gate {
  /**
   * Decide what to do with one message. `ids` are extra identities of the sender for the ignore list
   * (e.g. `nick!user@host`, a services account, a Discord user id).
   */
  handle(msg: Message, ids?: readonly string[]): Decision;
  /**
   * Whether an addressed message from this sender would get past the ignore list and the rate limits now, without
   * counting it: adapters ask before costly work for it (downloading attachments).
   */
  wouldAdmit(msg: Pick<Message, 'author' | 'channel' | 'isPrivate' | 'fromBot'>, ids?: readonly string[]): boolean;
  /** Keep the pieces the adapter did not send, for the next `more` from this user in this channel. */
  saveMore(channel: string, author: string, pieces: readonly string[]): void;
}

const MAX_TEXT = 4000;
const MAX_TRACKED_KEYS = 5000;
const MAX_REMEMBERED_PASTES = 200;

/** Case-insensitive glob match with `*` only; iterative, linear in practice, no regex. */
export function globMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** A cheap stable fingerprint (FNV-1a, 32 bit) so remembered pastes and answers cost little memory. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}:${text.length}`;
}

function normalizePaste(text: string): string {
  return text.slice(0, MAX_TEXT).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Sliding-window counter per key; keys with no recent events are forgotten. */
class WindowCounter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Whether one more event would be within the limit (records nothing). */
  hasRoom(key: string, now: number): boolean {
    return (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs).length < this.limit;
  }

  /** Record one event; false when it goes over the limit (the refused event is not recorded). */
  take(key: string, now: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > MAX_TRACKED_KEYS) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
    }
    // Still too many live keys: drop the least recently used (Map keeps insertion order).
    for (const key of this.hits.keys()) {
      if (this.hits.size <= MAX_TRACKED_KEYS) break;
      this.hits.delete(key);
    }
  }
}

/** Remembers until when something is quiet, with a size cap. */
class Deadlines {
  private readonly until = new Map<string, number>();
  active(key: string, now: number): boolean {
    const t = this.until.get(key);
    if (t === undefined) return false;
    if (t <= now) {
      this.until.delete(key);
      return false;
    }
    return true;
  }
  set(key: string, until: number): void {
    this.until.delete(key);
    this.until.set(key, until);
    if (this.until.size > MAX_TRACKED_KEYS) {
      const oldest = this.until.keys().next();
      if (!oldest.done) this.until.delete(oldest.value);
    }
  }
}

const UNSAFE_NICK = /[\u0000-\u001f\u007f\s,]/;

/** Whether a message asks for the rest of an answer: `more` as a command, typed or a slash command. */
function asksForMore(msg: Message, brain: Brain): boolean {
  if (msg.command) return msg.command.name === 'more';
  // Most addressed lines are not "more": a substring test spares them the address and command parse the brain does anyway.
  if (!/more/i.test(msg.text.slice(0, 200))) return false;
  const { text } = readAddress(msg.text.slice(0, 200), { names: [brain.name], prefix: brain.prefix });
  return parseCommand(text, brain.prefix, true)?.command.name === 'more';
}

export function createGate(brain: Brain, opts: GateOptions): Gate {
  const now = opts.now ?? Date.now;
  const { limits } = opts;
  const ignore = opts.ignore ?? [];
  const unaddressed = new Set((opts.unaddressedChannels ?? []).map((c) => c.toLowerCase()));
  const cooldownMs = opts.unaddressedCooldownMs ?? 600_000;
  const pageSize = Math.max(1, opts.pageSize ?? limits.maxLines);
  const moreTtlMs = opts.moreTtlMs ?? 30 * 60_000;

  const perUser = new WindowCounter(limits.perUser, limits.windowMs);
  const perChannel = new WindowCounter(limits.perChannel, limits.windowMs);
  const userNoticed = new Deadlines();
  const channelNoticed = new Deadlines();
  const unaddressedCooldown = new Deadlines();
  const recentAnswers = new Deadlines();
  const pastesAnswered = new Map<string, string[]>();
  const continuations = new Continuations(moreTtlMs, now);

  const lower = (s: string) => s.toLowerCase();

  function isIgnored(msg: Message, ids: readonly string[]): boolean {
    const who = [msg.author, ...ids];
    const extra = opts.extraIgnore?.() ?? [];
    return [...ignore, ...extra].some((pattern) => who.some((id) => globMatch(pattern, id)));
  }

  function askBrain(msg: Message): Reply | null {
    try {
      return brain.handle(msg);
    } catch {
      // The contract says handle never throws; a bug there must not take the connection down.
      return null;
    }
  }

  /** The next page of this user's rest, or null when nothing is kept (the brain then says so). */
  function takeMore(msg: Message): Decision | null {
    const page = continuations.take(msg.channel, msg.author, pageSize);
    if (!page) return null;
    const isPrivate = msg.isPrivate === true;
    return { type: 'more', target: isPrivate ? msg.author : msg.channel, isPrivate, ...(isPrivate ? {} : { addressee: msg.author }), pieces: page.pieces, left: page.left };
  }

  function rateLimit(msg: Message): Decision | null {
    const t = now();
    const userKey = lower(msg.author);
    if (!perUser.take(userKey, t)) {
      if (userNoticed.active(userKey, t)) return { type: 'silent', reason: 'rate-limited' };
      userNoticed.set(userKey, t + limits.windowMs);
      return { type: 'notice', to: msg.author, text: GATE_TEXT.rateUser };
    }
    if (msg.isPrivate) return null;
    const chanKey = lower(msg.channel);
    if (!perChannel.take(chanKey, t)) {
      if (channelNoticed.active(chanKey, t)) return { type: 'silent', reason: 'rate-limited' };
      channelNoticed.set(chanKey, t + limits.windowMs);
      return { type: 'notice', to: msg.channel, text: GATE_TEXT.rateChannel };
    }
    return null;
  }

  /** Known-error pointers nobody asked for: switch, cooldown, once per paste. */
  function unaddressedPolicy(msg: Message, reply: Reply): Decision {
    const chanKey = lower(msg.channel);
    if (msg.isPrivate || !unaddressed.has(chanKey)) return { type: 'silent', reason: 'unaddressed-off' };
    const t = now();
    const paste = fingerprint(normalizePaste(msg.text));
    const seen = pastesAnswered.get(chanKey) ?? [];
    if (seen.includes(paste)) return { type: 'silent', reason: 'unaddressed-duplicate' };
    if (unaddressedCooldown.active(chanKey, t)) return { type: 'silent', reason: 'unaddressed-cooldown' };
    unaddressedCooldown.set(chanKey, t + cooldownMs);
    seen.push(paste);
    if (seen.length > MAX_REMEMBERED_PASTES) seen.shift();
    pastesAnswered.set(chanKey, seen);
    return { type: 'reply', reply, target: msg.channel, isPrivate: false, addressee: msg.author };
  }

  /** Keyed by channel and content, not asker: a second person asking the same thing also gets "see above". */
  function answerKey(channel: string, reply: Reply): string {
    return `${lower(channel)}\u0000${fingerprint(JSON.stringify([reply.blocks, reply.more]))}`;
  }

  return {
    handle(msg, ids = []) {
      if (msg.fromBot) return { type: 'silent', reason: 'bot' };
      if (isIgnored(msg, ids)) return { type: 'silent', reason: 'ignored' };
      if (msg.text.trim() === '' && !(msg.attachments && msg.attachments.length > 0)) return { type: 'silent', reason: 'empty' };

      if (!msg.addressed) {
        // Chatter in a channel without the switch never reaches the brain: busy channels cost nothing.
        if (msg.isPrivate || !unaddressed.has(lower(msg.channel))) return { type: 'silent', reason: 'unaddressed-off' };
        const reply = askBrain(msg);
        if (!reply || reply.blocks.length === 0) return { type: 'silent', reason: 'brain-silent' };
        return unaddressedPolicy(msg, reply);
      }

      const isMore = asksForMore(msg, brain);
      if (isMore) {
        const page = takeMore(msg);
        if (page) return page;
      }

      const limited = rateLimit(msg);
      if (limited) return limited;

      const isPrivateChat = msg.isPrivate === true;
      const reply = askBrain(msg);
      const addressee = reply?.to && !isPrivateChat && isSafeAddressee(reply.to, msg.author, brain.name) ? reply.to : msg.author;
      if (!reply || (reply.blocks.length === 0 && reply.more.length === 0)) return { type: 'silent', reason: 'brain-silent' };

      if (isPrivateChat || reply.private) return { type: 'reply', reply, target: msg.author, isPrivate: true };

      const t = now();
      const key = answerKey(msg.channel, reply);
      // "more" is a request to continue, never a repeat.
      if (limits.repeatWindowMs > 0 && !isMore && recentAnswers.active(key, t)) {
        return { type: 'see-above', target: msg.channel, addressee, text: GATE_TEXT.seeAbove };
      }
      if (limits.repeatWindowMs > 0) recentAnswers.set(key, t + limits.repeatWindowMs);
      return { type: 'reply', reply, target: msg.channel, isPrivate: false, addressee };
    },

    wouldAdmit(msg, ids = []) {
      if (msg.fromBot || isIgnored(msg as Message, ids)) return false;
      const t = now();
      if (!perUser.hasRoom(lower(msg.author), t)) return false;
      return msg.isPrivate === true || perChannel.hasRoom(lower(msg.channel), t);
    },

    saveMore(channel, author, pieces) {
      continuations.save(channel, author, pieces);
    },
  };
}

function isSafeAddressee(nick: string, asker: string, botName: string): boolean {
  if (nick.length === 0 || nick.length > 64 || UNSAFE_NICK.test(nick)) return false;
  const n = nick.toLowerCase();
  if (n === 'me' || n === asker.toLowerCase() || n === botName.toLowerCase()) return false;
  return !['everyone', 'here'].includes(n);
}
