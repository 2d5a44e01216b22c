/**
 * Chat commands offered on the command line, made from the command table (bot/brain/commands/): the flags come
 * from a command's typed options and go to its `run` as they are, with no text to parse again. The output is the
 * reply's text, or for a command that makes a file (template) the file alone.
 */
import { Command as Cli, CommanderError, InvalidArgumentError, Option } from 'commander';
import { findCommand } from '../brain/commands/table.js';
import type { CommandArgs, CommandOption } from '../brain/commands/types.js';
import { out } from './io.js';

function flagFor(o: CommandOption): Option[] {
  if (o.type === 'boolean') return [new Option(`--${o.name}`, o.description), new Option(`--no-${o.name}`, `not: ${o.description.toLowerCase()}`)];
  const flag = new Option(`--${o.name} <${o.type === 'integer' ? 'n' : 'value'}>`, o.description);
  if (o.choices) flag.choices(o.choices.map((c) => c.value));
  if (o.type === 'integer') {
    flag.argParser((v: string) => {
      if (!/^\d{1,9}$/.test(v)) throw new InvalidArgumentError('a whole number');
      return Number(v);
    });
  }
  return [flag];
}

/**
 * Adds `name` as a subcommand: its options become flags, except `positional`, which is its argument. With
 * `fileOnly`, only the reply's code block is printed (a config to redirect into a file).
 */
export function addTableCommand(program: Cli, name: string, setCode: (code: number) => void, opts: { positional?: string; fileOnly?: boolean } = {}): void {
  const command = findCommand(name);
  if (!command) throw new Error(`no command ${name} in the table`);
  const sub = program.command(command.name).description(command.summary);
  const positional = command.options.find((o) => o.name === opts.positional);
  if (positional) sub.argument(`<${positional.name}>`, positional.description);
  for (const o of command.options) if (o !== positional) for (const f of flagFor(o)) sub.addOption(f);
  sub.action(async (...a: unknown[]) => {
    const given = (positional ? a[1] : a[0]) as Record<string, unknown>;
    const args: CommandArgs = {};
    for (const o of command.options) {
      const v = o === positional ? a[0] : given[o.name];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') args[o.name] = v;
    }
    const { createBrain } = await import('../brain/index.js');
    const reply = createBrain().handle({ text: `${command.name}`, command: { name: command.name, args }, author: 'cli', channel: 'cli', transport: 'cli', addressed: true, isPrivate: true });
    const { renderText } = await import('../render/text.js');
    const text = reply ? renderText(reply, { withMore: true }) : '';
    if (!reply?.answered) throw new CommanderError(2, 'usage', `${command.name}: ${text.split('\n')[0]}`);
    const file = opts.fileOnly ? reply.blocks.find((b) => b.type === 'code') : undefined;
    out(file && 'text' in file ? file.text : text);
    setCode(0);
  });
}
