/**
 * The command table and the one parser that finds a command in a chat line. The order is the order of `help`.
 * A new command is one declaration in answers.ts, pastes.ts or maintainer.ts, listed here.
 */
import { ask, explain, help, more, rules, sources, tell, version } from './answers.js';
import { alias, forget, history, ignore, learn, reload, revert, stats, thanks, unanswered, whatis, wrong } from './maintainer.js';
import { check, convert, diagnose, fix, template } from './pastes.js';
import type { Command, CommandArgs } from './types.js';

export const COMMANDS: readonly Command[] = [
  help, ask, check, diagnose, fix, convert, template, rules,
  wrong, thanks, whatis, learn, forget, alias, revert, history, unanswered, stats, reload, ignore,
  explain, sources, version, more, tell,
];

const byName = new Map<string, Command>();
for (const c of COMMANDS) for (const n of [c.name, ...c.aliases]) byName.set(n, c);

export function findCommand(word: string): Command | undefined {
  return byName.get(word.toLowerCase());
}

export interface ParsedCommand {
  command: Command;
  /** Everything after the command word, first line and following lines as typed. */
  text: string;
}

/** The command word: letters only, ended by the end, a space or punctuation. Anchored, bounded: linear. */
const COMMAND_WORD = /^([A-Za-z]{1,12})(?=$|[\s:,?!.])[:,]?[ \t]*/;

/**
 * `!cmd args` with the prefix, or `cmd args` when the message was addressed to the bot.
 * An addressed message only counts as a command when its first word is a command and the rest has the command's
 * shape: "help me with my vif" is a question, "fix?" too.
 */
export function parseCommand(text: string, prefix: string, addressed: boolean): ParsedCommand | undefined {
  const t = text.replace(/^\s+/, '');
  const prefixed = prefix !== '' && t.startsWith(prefix);
  const body = prefixed ? t.slice(prefix.length) : addressed ? t : undefined;
  if (body === undefined) return undefined;
  const m = COMMAND_WORD.exec(body);
  const command = m ? findCommand(m[1]!) : undefined;
  if (!m || !command) return undefined;
  const rest = body.slice(m[0].length).replace(/^\r?\n/, '');
  if (!prefixed && !(command.plausible ?? ((a: string) => a !== ''))(rest.trim(), COMMANDS)) return undefined;
  return { command, text: rest };
}

/** A command's options from the words typed after it: its own reader, else all the words for its first option. */
export function argsFromText(command: Command, text: string): CommandArgs {
  if (command.parse) return command.parse(text);
  const first = command.options[0];
  return first ? { [first.name]: first.paste ? text : text.trim() } : {};
}
