/** The command table and the parser that finds a command in a message. */

export interface CommandSpec {
  name: string;
  aliases: string[];
  usage: string;
  summary: string;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'help', aliases: ['commands'], usage: 'help [command]', summary: 'what I can do' },
  { name: 'ask', aliases: ['q'], usage: 'ask <question>', summary: 'answer a question about the Hurd on Xen' },
  { name: 'check', aliases: ['lint'], usage: 'check <config>', summary: 'check an /etc/xen/hurd config (xm or xl)' },
  { name: 'diagnose', aliases: ['diag', 'log'], usage: 'diagnose <log>', summary: 'explain what xm/xl create printed' },
  { name: 'fix', aliases: [], usage: 'fix <config>', summary: 'corrected config with a diff' },
  { name: 'convert', aliases: ['xm2xl'], usage: 'convert <xm config>', summary: 'turn an xm config into an xl one (diff and notes)' },
  {
    name: 'template',
    aliases: ['sample', 'tpl'],
    usage: 'template [direct|pvgrub] [pae|nonpae] [xm|xl] [name=..] [memory=..] [disk=..] [vdev=..] [mac=..] [bridge=..]',
    summary: 'a ready /etc/xen/hurd',
  },
  { name: 'rules', aliases: [], usage: 'rules [domain]', summary: 'list the rule catalogue' },
  { name: 'wrong', aliases: [], usage: 'wrong [what was wrong]', summary: 'tell the maintainers my last answer here was wrong' },
  { name: 'thanks', aliases: ['thx'], usage: 'thanks', summary: 'tell the maintainers my last answer here helped' },
  { name: 'whatis', aliases: ['factoid'], usage: 'whatis <topic>', summary: 'what maintainers taught me about a topic' },
  { name: 'learn', aliases: [], usage: 'learn <topic> is <text>', summary: '(maintainers) teach a fact' },
  { name: 'forget', aliases: [], usage: 'forget <topic>', summary: '(maintainers) forget a taught fact' },
  { name: 'alias', aliases: [], usage: 'alias <topic> = <topic>', summary: '(maintainers) make a topic point to another' },
  { name: 'revert', aliases: [], usage: 'revert <topic>', summary: '(maintainers) undo the last change of a taught fact' },
  { name: 'history', aliases: [], usage: 'history <topic>', summary: '(maintainers) who changed a taught fact, when' },
  { name: 'unanswered', aliases: [], usage: 'unanswered [n]', summary: '(maintainers, private) what I could not answer' },
  { name: 'stats', aliases: [], usage: 'stats', summary: '(maintainers) counts of unanswered and feedback' },
  { name: 'reload', aliases: [], usage: 'reload', summary: '(maintainers) re-read the knowledge base' },
  { name: 'ignore', aliases: [], usage: 'ignore add|remove <mask> | ignore list', summary: '(maintainers) senders I never answer (nick or nick!user@host)' },
  { name: 'explain', aliases: ['rule'], usage: 'explain <rule id>', summary: 'show one rule: why, fix, source' },
  { name: 'sources', aliases: ['docs'], usage: 'sources', summary: 'the documentation I answer from' },
  { name: 'version', aliases: [], usage: 'version', summary: 'my version' },
  { name: 'more', aliases: [], usage: 'more', summary: 'the rest of my last answer' },
  { name: 'tell', aliases: [], usage: 'tell <nick> about <topic>', summary: 'answer a topic for someone else' },
];

const byName = new Map<string, CommandSpec>();
for (const c of COMMANDS) for (const n of [c.name, ...c.aliases]) byName.set(n, c);

export function findCommand(word: string): CommandSpec | undefined {
  return byName.get(word.toLowerCase());
}

export interface ParsedCommand {
  spec: CommandSpec;
  /** Everything after the command word, first line and following lines as typed. */
  args: string;
}

/**
 * `!cmd args` with the prefix, or `cmd args` when the message was addressed to the bot.
 * An addressed message only counts as a command when its first word is a command and it is not a question
 * that merely starts with one ("help me with my vif" stays a command; "fix?" too).
 */
export function parseCommand(text: string, prefix: string, addressed: boolean): ParsedCommand | undefined {
  const t = text.replace(/^\s+/, '');
  let body: string | undefined;
  if (t.startsWith(prefix)) body = t.slice(prefix.length);
  else if (addressed) body = t;
  if (body === undefined) return undefined;
  const m = /^([A-Za-z]{1,12})(?=$|[\s:,?!.])[:,]?[ \t]*/.exec(body);
  if (!m) return undefined;
  const spec = findCommand(m[1]!);
  if (!spec) return undefined;
  const args = body.slice(m[0].length).replace(/^\r?\n/, '');
  if (!t.startsWith(prefix) && !plausibleWithoutPrefix(spec.name, args)) return undefined;
  return { spec, args };
}

const TEMPLATE_WORD = /^(?:direct|pvgrub|pv-grub|pae|nonpae|non-pae|xm|xl|\w{1,32}=\S+)$/i;

/** Without the prefix, a command word must also have the command's shape, or it is plain language ("help me with ..."). */
function plausibleWithoutPrefix(name: string, args: string): boolean {
  const a = args.trim();
  switch (name) {
    case 'help':
    case 'version':
    case 'sources':
    case 'more':
      return a === '' || (name === 'help' && /^[a-z]+$/i.test(a) && findCommand(a) !== undefined);
    case 'rules':
      return /^[a-z]*$/i.test(a);
    case 'explain':
      return /^(?:HX\d{3}|[a-z0-9]+(?:-[a-z0-9]+)+)$/i.test(a);
    case 'tell':
      return /^\S+\s+about\s+\S/i.test(a);
    case 'check':
    case 'fix':
    case 'diagnose':
      // a paste follows: several lines, or an assignment / error text
      return a !== '' && /\n|=|:/.test(a);
    case 'template':
      // word by word: one pattern over the whole line would backtrack exponentially on `\w+=\S+` runs
      return a === '' || a.split(/\s+/).every((word) => TEMPLATE_WORD.test(word));
    default:
      return a !== '';
  }
}
