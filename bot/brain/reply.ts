/**
 * The brain's message and reply model. Adapters turn network events into a Message and render a Reply;
 * nothing here knows about IRC or Discord.
 */
import type { Finding } from '../../rules/types.js';

export type Transport = 'irc' | 'discord' | 'console' | 'cli';
export type Kind = 'command' | 'question' | 'log' | 'config' | 'chatter';

export interface Attachment {
  name: string;
  text: string;
}

export interface Message {
  text: string;
  author: string;
  /** Channel name, or the author for a private message. */
  channel: string;
  transport: Transport;
  /** True when the message names the bot, uses the prefix, or is private. */
  addressed: boolean;
  /** True for a private message / DM. */
  isPrivate?: boolean;
  attachments?: Attachment[];
  /** True when the author is a bot (never answered). */
  fromBot?: boolean;
  /**
   * True when the transport vouches that the author is a maintainer: a services account listed in irc.admins, a
   * Discord user or role in discord.admins, the operator at the console. Never derived from a nick.
   */
  admin?: boolean;
  /**
   * A command with typed options, as a Discord slash command delivers it: run straight from the command table,
   * with no text to parse. `text` then only describes it (logs, repeats).
   */
  command?: { name: string; args: Record<string, string | number | boolean | undefined> };
  /**
   * The rest of the author's previous message, split from it by the network (IRC: lines pasted right after a
   * question, each a message of its own): the brain reads it together with that message.
   */
  continues?: boolean;
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string; lang?: string; filename?: string }
  | { type: 'diff'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'findings'; findings: Finding[] };

/** The one observation a reply asks for, to finish a diagnosis (issue 16). */
export interface Ask {
  /** What to paste, with the command that shows it, e.g. "the output of `xl info | grep xen_caps`". */
  what: string;
  /** Why it decides, in a few words. */
  why: string;
  /** The symptom (bot/brain/symptoms.ts) that asked, when a trouble told in words did. */
  symptom?: string;
}

export interface Reply {
  kind: Kind;
  answered: boolean;
  /** What to say in the channel, in order. */
  blocks: Block[];
  /** Extra detail for "more" or a private message (e.g. a whole corrected config). */
  more: Block[];
  findings: Finding[];
  sources: string[];
  /** Send the reply privately (long help, long configs). */
  private?: boolean;
  /** The knowledge topic this reply was about (follow-ups). */
  topic?: string;
  /** Addressee for `tell <nick> about <topic>`. */
  to?: string;
  /** A short pointer to a known error nobody asked about (the adapter applies per-channel switch and cooldown). */
  unsolicited?: boolean;
  /** The output this reply asks for: the asker's case stays open for it. */
  asks?: Ask;
}

/** The transport-agnostic core. `handle` is synchronous and never throws; null means "stay silent". */
export interface Brain {
  handle(msg: Message): Reply | null;
  /**
   * Re-reads the knowledge entries (and the wiki directory) without a restart; on any error the loaded set stays and
   * the message says why. SIGHUP and the maintainers' !reload call it.
   */
  reloadKnowledge?(): string;
  /** The bot's name (for addressing) and command prefix. */
  readonly name: string;
  readonly prefix: string;
  readonly version: string;
}

export function emptyReply(kind: Kind): Reply {
  return { kind, answered: false, blocks: [], more: [], findings: [], sources: [] };
}
