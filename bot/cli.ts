#!/usr/bin/env node
/**
 * The command line: the same brain and rules for scripts. Each subcommand imports only what it needs,
 * so `check` never loads the knowledge base and nothing here loads discord.js or irc-framework. The subcommands
 * live in cli/: the file tools (lint.ts), talking to the bot (session.ts), and chat commands made from the command
 * table (table.ts).
 */
import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from './ops/paths.js';
import { InputError } from './cli/io.js';
import { collectVar, runCheck, runConvert, runDiagnose, runFix, type CheckOpts } from './cli/lint.js';
import { runAsk, runChat, runDiscordDeploy, runReply, runRules, runUnanswered } from './cli/session.js';
import { addTableCommand } from './cli/table.js';

export { jsonFinding, replyJson, type JsonFinding } from './cli/io.js';

export function buildProgram(setCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name('hurd-xen-bot')
    .description('Help for running GNU Mach / the GNU Hurd as a Xen guest: answers, config checks, log diagnoses, templates.')
    .version(packageVersion())
    .exitOverride()
    // one line, keeping commander's "(Did you mean check?)"
    .configureOutput({ outputError: (s, write) => write(`${s.trim().split('\n').map((l) => l.trim()).filter(Boolean).join(' ')}\n`) })
    .showSuggestionAfterError(true);
  const wrap =
    <A extends unknown[]>(fn: (...a: A) => Promise<number>) =>
    async (...a: A): Promise<void> => setCode(await fn(...a));

  program
    .command('reply')
    .description('answer messages as the bot would; --jsonl reads {"text","author"?,"channel"?} lines from stdin')
    .argument('[text...]', 'one message (without --jsonl)')
    .option('--jsonl', 'read JSON lines from stdin, write one JSON line per input')
    .option('--name <nick>', 'the bot name people address')
    .option('--prefix <p>', 'command prefix', '!')
    .action(wrap((text: string[], opts: { jsonl?: boolean; name?: string; prefix?: string }) => runReply(opts, text)));
  program
    .command('check')
    .description('lint xm/xl configs: file:line:col: severity: message [HXnnn]; exit 0 clean, 1 errors, 2 unreadable or unparseable')
    .argument('<files...>', 'config files, or - for stdin')
    .option('--json', 'machine-readable output (same as --format json)')
    .addOption(new Option('--format <f>', 'output format').choices(['text', 'json', 'sarif']))
    .option('--diff', 'print the diff of the corrected file')
    .addOption(new Option('--dialect <d>', 'the toolstack you use').choices(['xm', 'xl']))
    .option('--var <name=value>', 'an xm command-line variable (xm create FILE name=value), repeatable', collectVar, {})
    .action(wrap((files: string[], opts: CheckOpts) => runCheck(files, opts)));
  program
    .command('fix')
    .description('print the corrected config, or write it back with --write; exit 0 clean, 1 errors left, 2 unreadable')
    .argument('<file>', 'config file, or - for stdin')
    .option('--write', 'write the corrected file back')
    .addOption(new Option('--dialect <d>', 'the toolstack you use').choices(['xm', 'xl']))
    .action(wrap((file: string, opts: { write?: boolean; dialect?: 'xm' | 'xl' }) => runFix(file, opts)));
  program
    .command('convert')
    .description('turn an xm config into an xl one (nothing is run); exit 0 converted, 1 refused, 2 unreadable')
    .argument('<file>', 'xm config file, or - for stdin')
    .option('--json', 'print {converted, notes, refused, diff}')
    .option('--diff', 'print the diff instead of the converted file')
    .action(wrap((file: string, opts: { json?: boolean; diff?: boolean }) => runConvert(file, opts)));
  program
    .command('discord-deploy')
    .description('register the Discord slash commands (DISCORD_TOKEN) in guilds, or globally')
    .option('--guild <id>', 'a guild id, repeatable (default: discord.guildIds, else global)', (v: string, all: string[]) => [...all, v], [] as string[])
    .action(wrap((opts: { guild?: string[] }) => runDiscordDeploy(opts)));
  program
    .command('diagnose')
    .description('explain a pasted xm/xl log')
    .argument('<file>', 'log file, or - for stdin')
    .option('--json', 'machine-readable output')
    .action(wrap((file: string, opts: { json?: boolean }) => runDiagnose(file, opts)));
  // Made from the command table: the same options, help and run as !template and /template.
  addTableCommand(program, 'template', setCode, { fileOnly: true });
  program
    .command('ask')
    .description('ask one question')
    .argument('<question...>')
    .option('--json', 'machine-readable output')
    .option('--wiki-dir <dir>', 'a Hurd wiki checkout to answer from as well (default: BOT_WIKI_DIR)')
    .action(wrap((q: string[], opts: { json?: boolean; wikiDir?: string }) => runAsk(q, opts)));
  program
    .command('unanswered')
    .description('what the bot could not answer (declined questions, unrecognised pastes), most asked first; from the data directory')
    .option('--json', 'machine-readable output')
    .option('--limit <n>', 'at most this many', '100')
    .option('--data-dir <dir>', 'the data directory (default: BOT_DATA_DIR, else ./data)')
    .action(wrap((opts: { json?: boolean; limit?: string; dataDir?: string }) => runUnanswered(opts)));
  program.command('rules').description('list the rule catalogue').option('--json').action(wrap((opts: { json?: boolean }) => runRules(opts)));
  addTableCommand(program, 'explain', setCode, { positional: 'rule' });
  program.command('chat').description('console chat with the bot').action(wrap(() => runChat()));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `hurd-xen-bot rules | head`: a reader that stops early is no error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      if (e.code === 'usage') process.stderr.write(`hurd-xen-bot: ${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`hurd-xen-bot: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return code;
}

const invoked = process.argv[1] ?? '';
if (/(?:^|[\\/])(?:cli\.js|hurd-xen-bot)$/.test(invoked)) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`hurd-xen-bot: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
