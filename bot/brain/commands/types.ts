/**
 * One declaration per command (Limnoria's command table): its name and aliases, typed options, help and `run`.
 * Chat parsing, Discord's slash commands, the CLI's flags and `help` are all made from these declarations.
 */
import type { BrainContext } from '../context.js';
import type { Message, Reply } from '../reply.js';

export type OptionType = 'string' | 'integer' | 'boolean';

export interface CommandOption {
  name: string;
  /** Short, shown by Discord and the CLI's --help (at most 100 characters). */
  description: string;
  type: OptionType;
  required?: boolean;
  /** Allowed values, each with the label Discord shows. */
  choices?: readonly { value: string; label: string }[];
  /** A config or a log: several lines in chat, an attachment on Discord, a file on the command line. */
  paste?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
}

export type CommandArgs = Record<string, string | number | boolean | undefined>;

export interface CommandCall {
  ctx: BrainContext;
  msg: Message;
  /** Typed options: from a slash command as they came, from chat through the command's `parse`. */
  args: CommandArgs;
  /** Every command, for `help`. */
  commands: readonly Command[];
}

export interface Command {
  name: string;
  aliases: readonly string[];
  usage: string;
  summary: string;
  options: readonly CommandOption[];
  /** Only maintainers may run it (the brain checks Message.admin). */
  maintainer?: boolean;
  /** Offered as a Discord slash command. */
  slash?: boolean;
  /**
   * Whether the words after the command word, typed without the prefix ("xenbot: help"), still read as this
   * command and not as plain language ("help me with my vif").
   */
  plausible?: (text: string, commands: readonly Command[]) => boolean;
  /** The words typed after the command -> its options (throws UsageError with what is wrong). */
  parse?: (text: string) => CommandArgs;
  run(call: CommandCall): Reply;
}

/** A command's words that cannot be read as its options: the message says what is wrong. */
export class UsageError extends Error {}

/** The value of a string option, trimmed ('' when absent). */
export function str(args: CommandArgs, name: string): string {
  const v = args[name];
  return v === undefined || v === null ? '' : String(v).trim();
}
