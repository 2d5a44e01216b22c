/**
 * Who a chat line is for, read in one place (issue 15: addressing used to be parsed by the IRC adapter, the
 * Discord adapter, the gate, the brain and the knowledge base, each a little differently). Adapters turn their
 * network's own form (a Discord mention) into plain text first; everything else is decided here.
 */

export interface AddressOptions {
  /** The bot's own names (its nick and alternates), matched case-insensitively. */
  names: readonly string[];
  /** The command prefix, e.g. `!`: `!help` is addressed, and keeps its prefix for the command parser. */
  prefix: string;
  /** A private message / DM / the console: always addressed. */
  isPrivate?: boolean;
}

export interface Address {
  /** The line is for the bot: it names the bot, uses the prefix, or is private. */
  addressed: boolean;
  /** The line started with the bot's own name (`hurdbot: ...`), which `text` no longer has. */
  named: boolean;
  /**
   * The line started with a name people give help bots (`xenbot: ...`, `helperbot, ...`), which `text` no longer
   * has. Not enough for an adapter to answer in a channel (another bot may have that name), but once a line is
   * for this bot the name is no part of the question.
   */
  calledLikeABot: boolean;
  text: string;
}

/** Names people use for the bot besides its configured nick. */
export const GENERIC_NAMES: readonly string[] = ['bot', 'xenbot', 'xenhelp', 'hurdbot', 'hurd-xen-bot'];

/** Words that look like an address ("Error: ...") but start tool output. */
const NOT_A_NICK = new Set(['error', 'warning', 'libxl', 'xc', 'bash', 'sh', 'note', 'info', 'debug', 'fatal', 'panic', 'e', 'w', 'kernel', 'traceback', 'usage', 'xenconsole', 'xm', 'xl']);

/**
 * `name: `, `name, `, `name> `, `@name ` at the start: the colon must follow the name directly, so `xen_caps   : ...`
 * (xl info output) is no address. Bounded character classes, one anchored match: linear.
 */
const LEADING_NAME = /^\s*@?([\w\-[\]\\`^{}|]{1,32})([:,>])(\s*)/;
const LEADING_AT = /^\s*@([\w\-[\]\\`^{}|]{1,32})\s+/;
/** A nick that is evidently some bot's (`helperbot`, `xen-help`): people call the bot by such names. */
const BOT_LIKE = /^[a-z][a-z0-9_-]*bot$|^xen[a-z0-9-]*$/;

/** Reads the address of a chat line. */
export function readAddress(raw: string, opts: AddressOptions): Address {
  let text = raw;
  let named = false;
  let calledLikeABot = false;
  const m = LEADING_NAME.exec(text.slice(0, 80));
  const hit = m ?? LEADING_AT.exec(text.slice(0, 80));
  if (hit) {
    const word = hit[1]!.toLowerCase();
    // The bot's own nick may be glued to the text (`hurdbot:help`); any other bot-like name needs a space after it.
    const spaced = m === null || m[3] !== '';
    const generic = GENERIC_NAMES.includes(word) || (!NOT_A_NICK.has(word) && BOT_LIKE.test(word));
    // (a few names: compared in place, no set built for every line)
    const isOwn = opts.names.some((n) => n !== '' && n.toLowerCase() === word);
    if (isOwn || (spaced && generic)) {
      text = text.slice(hit[0].length);
      named = isOwn;
      calledLikeABot = !named;
    }
  }
  const prefixed = opts.prefix !== '' && text.trimStart().startsWith(opts.prefix) && /^\S/.test(text.trimStart().slice(opts.prefix.length));
  return { addressed: named || prefixed || opts.isPrivate === true, named, calledLikeABot, text };
}

/** A leading `nick:` of someone else, in a question pasted from a conversation. Anchored, bounded: linear. */
const OTHER_ADDRESSEE = /^\s*@?([a-z][\w\-[\]\\^{}|]{0,31})\s*[:,]\s+/i;

/**
 * The question without a leading `alice: ` addressed to someone else, unless that word is a term of the domain
 * (`memory: how much?`, `kernel, ramdisk?`): `isTerm` says which words the knowledge base knows.
 */
export function withoutOtherAddressee(text: string, isTerm: (word: string) => boolean): string {
  const m = OTHER_ADDRESSEE.exec(text.slice(0, 80));
  if (!m) return text;
  const word = m[1]!.toLowerCase();
  return GENERIC_NAMES.includes(word) || !isTerm(word) ? text.slice(m[0].length) : text;
}
