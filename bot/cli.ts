#!/usr/bin/env node
/**
 * The command line: the same brain and rules for scripts. Each subcommand imports only what it needs,
 * so `check` never loads the knowledge base and nothing here loads discord.js or irc-framework.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { Finding } from '../rules/types.js';
import { packageVersion } from './ops/paths.js';
import type { Reply } from './brain/reply.js';

/** The finding shape of the CLI contract. */
export interface JsonFinding {
  rule: string;
  name: string;
  severity: Finding['severity'];
  message: string;
  line?: number;
}

export function jsonFinding(f: Finding): JsonFinding {
  return { rule: f.rule, name: f.name, severity: f.severity, message: f.advice ? `${f.message} Fix: ${f.advice}` : f.message, ...(f.line !== undefined ? { line: f.line } : {}) };
}

export async function replyJson(reply: Reply | null): Promise<Record<string, unknown>> {
  const { renderText } = await import('./render/text.js');
  if (!reply) return { kind: 'chatter', answered: false, text: '', findings: [], sources: [] };
  return {
    kind: reply.kind,
    answered: reply.answered,
    text: renderText(reply),
    findings: reply.findings.map(jsonFinding),
    sources: reply.sources,
  };
}

class InputError extends Error {}

function readInput(file: string): { text: string; label: string } {
  try {
    return { text: readFileSync(file === '-' ? 0 : file, 'utf8'), label: file === '-' ? '<stdin>' : file };
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');

async function runReply(opts: { jsonl?: boolean; name?: string; prefix?: string }, words: string[]): Promise<number> {
  const { createBrain } = await import('./brain/index.js');
  const brain = createBrain({ name: opts.name, prefix: opts.prefix });
  if (!opts.jsonl) {
    const text = words.join(' ');
    if (!text) throw new CommanderError(2, 'usage', 'reply: give a message, or --jsonl to read JSON lines from stdin');
    out(JSON.stringify(await replyJson(brain.handle({ text, author: 'cli', channel: 'cli', transport: 'cli', addressed: true }))));
    return 0;
  }
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (e) {
      out(JSON.stringify({ error: `line ${n}: not JSON: ${(e as Error).message}`, line: n }));
      continue;
    }
    const o = input as { text?: unknown; author?: unknown; channel?: unknown };
    if (typeof o !== 'object' || o === null || typeof o.text !== 'string') {
      out(JSON.stringify({ error: `line ${n}: expected {"text": string, "author"?: string, "channel"?: string}`, line: n }));
      continue;
    }
    const author = typeof o.author === 'string' ? o.author : 'cli';
    const channel = typeof o.channel === 'string' ? o.channel : 'cli';
    out(JSON.stringify(await replyJson(brain.handle({ text: o.text, author, channel, transport: 'cli', addressed: true }))));
  }
  return 0;
}

/** `--var n=2`: a variable of the xm command line; integers stay integers, as xm's checkers make them. */
function collectVar(spec: string, acc: Record<string, string | number>): Record<string, string | number> {
  const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(spec);
  if (!m) throw new CommanderError(2, 'usage', `--var: expected NAME=VALUE, got "${spec}"`);
  acc[m[1]!] = /^-?\d{1,15}$/.test(m[2]!) ? Number(m[2]) : m[2]!;
  return acc;
}

interface CheckOpts {
  json?: boolean;
  format?: 'text' | 'json' | 'sarif';
  diff?: boolean;
  dialect?: 'xm' | 'xl';
  var?: Record<string, string | number>;
}

/** `file:line:col: severity: message [HXnnn]`, as compilers and linters print them (no `:0:` for a file-wide one). */
function linterLine(label: string, f: Finding): string {
  const where = f.line !== undefined ? `${label}:${f.line}:${f.column ?? 1}` : label;
  return `${where}: ${f.severity}: ${f.message} [${f.rule}]`;
}

/**
 * Lint one or more configs: findings sorted by line, one per line; the diff with --diff; --format json (one file:
 * the object as before; several: an array) or sarif (SARIF 2.1.0 for CI). Exit 0 clean, 1 errors, 2 unreadable.
 */
async function runCheck(files: string[], opts: CheckOpts): Promise<number> {
  const format = opts.format ?? (opts.json ? 'json' : 'text');
  const { checkConfig } = await import('../rules/check.js');
  const results = files.map((file) => {
    const { text, label } = readInput(file);
    const result = checkConfig(text, { dialect: opts.dialect, fileName: label, ...(opts.var ? { vars: opts.var } : {}) });
    result.findings.sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || (x.column ?? 0) - (y.column ?? 0));
    return { file, label, result };
  });
  if (format === 'json') {
    const objects = results.map(({ label, result }) => {
      const truncated = result.truncated ? { checkedChars: result.checkedChars, totalChars: result.totalChars } : false;
      return { file: label, syntax: result.syntax, values: result.values, findings: result.findings.map(jsonFinding), corrected: result.corrected, diff: result.diff, truncated, refused: result.refused };
    });
    out(JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 2));
  } else if (format === 'sarif') {
    out(await sarifOf(results.map(({ label, result }) => ({ label, findings: result.findings }))));
  } else {
    for (const { label, result } of results) {
      if (result.truncated) out(`${label}: note: only the first ${result.checkedChars} of ${result.totalChars} characters were checked (the rest was cut); no corrected file for a cut input`);
      for (const f of result.findings) out(linterLine(label, f));
      for (const r of result.refused) out(`${label}: note: not fixed automatically: ${r.name}: ${r.why} [${r.rule}]`);
      if (opts.diff && result.diff) out(result.diff);
    }
  }
  let code = 0;
  for (const { label, result } of results) {
    if (result.syntax === null) {
      const e = result.parseError;
      process.stderr.write(`${label}:${e?.line ?? 1}:${e?.column ?? 1}: ${e?.message ?? 'cannot parse'}\n`);
      code = 2;
    } else if (code === 0 && result.findings.some((f) => f.severity === 'error')) code = 1;
  }
  return code;
}

/** SARIF 2.1.0 through node-sarif-builder (a maintained builder, so the log validates against the schema). */
async function sarifOf(files: { label: string; findings: Finding[] }[]): Promise<string> {
  const { SarifBuilder, SarifRunBuilder, SarifResultBuilder, SarifRuleBuilder } = await import('node-sarif-builder');
  const { allRules } = await import('../rules/engine.js');
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'hurd-xen-bot', toolDriverVersion: packageVersion(), url: 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html' });
  const used = new Set(files.flatMap((f) => f.findings.map((x) => x.rule)));
  for (const rule of allRules().filter((r) => used.has(r.meta.id))) {
    run.addRule(new SarifRuleBuilder().initSimple({ ruleId: rule.meta.id, shortDescriptionText: rule.meta.title, fullDescriptionText: rule.meta.explanation, helpUri: rule.meta.source.url }));
  }
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  for (const { label, findings } of files) {
    for (const f of findings) {
      const result = new SarifResultBuilder().initSimple({
        ruleId: f.rule,
        level: level[f.severity],
        messageText: f.advice ? `${f.message} ${f.advice}` : f.message,
        fileUri: label === '<stdin>' ? 'stdin' : label,
        ...(f.line !== undefined ? { startLine: f.line, ...(f.column !== undefined ? { startColumn: f.column } : {}) } : {}),
      });
      run.addResult(result);
    }
  }
  const builder = new SarifBuilder();
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}

/** The corrected file: printed, or written back with --write (exit 0 fixed or nothing to fix, 1 errors left, 2 unreadable). */
async function runFix(file: string, opts: { write?: boolean; dialect?: 'xm' | 'xl' }): Promise<number> {
  const { text, label } = readInput(file);
  const { checkConfig } = await import('../rules/check.js');
  const result = checkConfig(text, { dialect: opts.dialect, fileName: label });
  if (result.syntax === null && !result.corrected) {
    const e = result.parseError;
    process.stderr.write(`${label}:${e?.line ?? 1}:${e?.column ?? 1}: ${e?.message ?? 'cannot parse'}\n`);
    return 2;
  }
  for (const r of result.refused) process.stderr.write(`${label}: note: not fixed automatically: ${r.name}: ${r.why} [${r.rule}]\n`);
  const fixed = result.corrected ?? text;
  if (opts.write && file !== '-') {
    if (result.corrected) writeFileSync(file, result.corrected);
    process.stderr.write(result.corrected ? `${label}: fixed (${result.fixed.join(', ')})\n` : `${label}: nothing to fix\n`);
  } else out(fixed);
  const again = result.corrected ? checkConfig(fixed, { dialect: opts.dialect }) : result;
  return again.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/**
 * xm -> xl: the xl file on stdout (so `convert old > new` works), one note per change on stderr. --json prints
 * {converted, notes, refused, diff}. Exit 0 converted (or already xl), 1 refused, 2 unreadable.
 */
async function runConvert(file: string, opts: { json?: boolean; diff?: boolean }): Promise<number> {
  const { text, label } = readInput(file);
  const { convertXmToXl } = await import('../rules/convert.js');
  const r = convertXmToXl(text, file === '-' ? {} : { fileName: file });
  if (opts.json) {
    out(JSON.stringify({ converted: r.converted, notes: r.notes, refused: r.refused, diff: r.diff }, null, 2));
  } else if (r.refused) {
    process.stderr.write(`${label}:${r.refused.line}: cannot convert: ${r.refused.reason}\n`);
  } else {
    for (const n of r.notes) process.stderr.write(`${label}${n.line !== undefined ? `:${n.line}` : ''}: note: ${n.message}\n`);
    out(opts.diff ? (r.diff ?? '') : (r.converted ?? ''));
  }
  return r.refused ? 1 : 0;
}

/**
 * Registers the slash commands without starting the bot (the discord.js guide's deploy script): in the given or
 * configured guilds (at once), else globally (up to an hour). Reads DISCORD_TOKEN (and DISCORD_API_BASE) from the
 * configuration; set discord.registerCommands false so the bot does not register them again at every start.
 */
async function runDiscordDeploy(opts: { guild?: string[] }): Promise<number> {
  const { loadConfig, ConfigError } = await import('./ops/config.js');
  let cfg;
  try {
    cfg = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new InputError(e.message);
    throw e;
  }
  if (!cfg.discord) throw new InputError('no Discord token: set DISCORD_TOKEN (or discord.token in the config file)');
  const djs = await import('discord.js');
  const { slashCommandData } = await import('./adapters/discord/adapter.js');
  const rest = new djs.REST({ version: '10', ...(cfg.discord.apiBase ? { api: cfg.discord.apiBase } : {}) }).setToken(cfg.discord.token);
  const app = (await rest.get(djs.Routes.currentApplication())) as { id: string };
  const commands = slashCommandData(djs);
  const guilds = opts.guild && opts.guild.length > 0 ? opts.guild : cfg.discord.guildIds;
  try {
    if (guilds.length > 0) {
      for (const g of guilds) await rest.put(djs.Routes.applicationGuildCommands(app.id, g), { body: commands });
      out(`registered ${commands.length} commands in guild${guilds.length > 1 ? 's' : ''} ${guilds.join(', ')}`);
    } else {
      await rest.put(djs.Routes.applicationCommands(app.id), { body: commands });
      out(`registered ${commands.length} commands globally (they may take up to an hour to appear)`);
    }
  } finally {
    // the REST client's sweepers and keep-alive sockets would hold a one-shot command open
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  return 0;
}

async function runDiagnose(file: string, opts: { json?: boolean }): Promise<number> {
  const { text, label } = readInput(file);
  const { diagnoseLog } = await import('../rules/engine.js');
  const { unrecognisedErrorLines } = await import('../rules/logs/parse.js');
  const d = diagnoseLog(text);
  const unknown = d.findings.length === 0 ? unrecognisedErrorLines(d.events) : [];
  if (opts.json) {
    out(JSON.stringify({ recognised: d.recognised, findings: d.findings.map(jsonFinding), unrecognised: unknown }, null, 2));
  } else {
    const { findingLines } = await import('./render/text.js');
    if (d.findings.length === 0) out(unknown.length > 0 ? `${label}: I don't recognise this error: ${unknown[0]}` : `${label}: no error found`);
    for (const f of d.findings) out(`${label}:${f.line ?? 0}: ${findingLines(f).join('\n')}`);
  }
  return d.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

interface TemplateOpts {
  boot: string;
  pae: boolean;
  dialect: string;
  name?: string;
  memory?: string;
  disk?: string;
  vdev?: string;
  mac?: string;
  bridge?: string;
}

async function runTemplate(opts: TemplateOpts): Promise<number> {
  const { parseTemplateArgs, renderTemplate } = await import('../rules/template.js');
  const words = [opts.boot, opts.pae ? 'pae' : 'nonpae', opts.dialect];
  for (const k of ['name', 'memory', 'disk', 'vdev', 'mac', 'bridge'] as const) if (opts[k] !== undefined) words.push(`${k}=${opts[k]}`);
  let text: string;
  try {
    text = renderTemplate(parseTemplateArgs(words));
  } catch (e) {
    throw new CommanderError(2, 'usage', `template: ${(e as Error).message}`);
  }
  out(text);
  return 0;
}

/** The data directory the bot uses (BOT_DATA_DIR, else ./data), so the CLI and the console share its store. */
function dataDir(flag?: string): string {
  return flag ?? process.env.BOT_DATA_DIR ?? './data';
}

/** The store, or undefined with one line on stderr: the CLI answers without it. */
async function storeOrNothing(dir: string): Promise<import('../store/index.js').Store | undefined> {
  try {
    const { openStore } = await import('../store/index.js');
    return await openStore(dir);
  } catch (e) {
    process.stderr.write(`hurd-xen-bot: store unavailable (${(e as Error).message}); going on without it\n`);
    return undefined;
  }
}

/** A wiki directory named by --wiki-dir or BOT_WIKI_DIR must exist: a typo is a usage error, not a silent miss. */
function wikiDir(flag?: string): string | undefined {
  const dir = flag ?? process.env.BOT_WIKI_DIR;
  if (dir !== undefined && dir !== '' && !existsSync(dir)) throw new InputError(`${dir}: no such wiki directory (--wiki-dir or BOT_WIKI_DIR)`);
  return dir || undefined;
}

async function runUnanswered(opts: { json?: boolean; limit?: string; dataDir?: string }): Promise<number> {
  const dir = dataDir(opts.dataDir);
  const { openStore } = await import('../store/index.js');
  let store;
  try {
    store = await openStore(dir);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  try {
    const rows = store.unanswered(Number.parseInt(opts.limit ?? '100', 10) || 100);
    if (opts.json) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out('nothing unanswered');
    else for (const r of rows) out(`${r.count}\t${r.kind}\t${new Date(r.lastSeen).toISOString()}\t${r.transport}:${r.channel}\t${r.text.replace(/\s+/g, ' ').slice(0, 300)}`);
  } finally {
    store.close();
  }
  return 0;
}

async function runAsk(words: string[], opts: { json?: boolean; wikiDir?: string }): Promise<number> {
  const question = words.join(' ');
  const wiki = wikiDir(opts.wikiDir);
  const { createBrain } = await import('./brain/index.js');
  const store = await storeOrNothing(dataDir());
  const brain = createBrain({ ...(wiki ? { wikiDir: wiki } : {}), ...(store ? { store } : {}) });
  const reply = brain.handle({ text: question, author: 'cli', channel: 'cli', transport: 'cli', addressed: true });
  if (opts.json) out(JSON.stringify(await replyJson(reply)));
  else {
    const { renderText } = await import('./render/text.js');
    out(reply ? renderText(reply, { withMore: true }) : '');
  }
  store?.close();
  return reply?.answered ? 0 : 1;
}

async function runRules(opts: { json?: boolean }): Promise<number> {
  const { allRules } = await import('../rules/engine.js');
  const rules = allRules();
  if (opts.json) out(JSON.stringify(rules.map((r) => r.meta), null, 2));
  else for (const r of rules) out(`${r.meta.id}\t${r.meta.name}\t${r.meta.severity}\t${r.meta.title}\t${r.meta.source.url}`);
  return 0;
}

async function runExplain(id: string): Promise<number> {
  const { getRule } = await import('../rules/engine.js');
  const rule = getRule(id);
  if (!rule) {
    process.stderr.write(`explain: no rule "${id}" (hurd-xen-bot rules lists them)\n`);
    return 2;
  }
  const m = rule.meta;
  out(`${m.id} ${m.name} — ${m.title}\nseverity: ${m.severity}; inspects: ${m.target}; fixable: ${m.fixable ? 'yes' : 'no'}\n\n${m.message}\n\n${m.explanation}\n\nsource: ${m.source.url} (${m.source.section})\nknowledge: ${m.knowledge}`);
  return 0;
}

async function runChat(): Promise<number> {
  const { runConsole } = await import('./adapters/console.js');
  const { createBrain } = await import('./brain/index.js');
  const store = await storeOrNothing(dataDir());
  const wiki = wikiDir();
  try {
    await runConsole({ input: process.stdin, output: process.stdout, brain: createBrain({ ...(wiki ? { wikiDir: wiki } : {}), ...(store ? { store } : {}) }) });
  } finally {
    store?.close();
  }
  return 0;
}

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
  program
    .command('template')
    .description('print a ready /etc/xen/hurd')
    .addOption(new Option('--boot <method>', 'direct gnumach boot or pv-grub').choices(['direct', 'pvgrub']).default('direct'))
    .option('--pae', 'the hypervisor is PAE (default)', true)
    .option('--no-pae', 'the hypervisor is non-PAE (Xen 3.2 or older, 32-bit)')
    .addOption(new Option('--dialect <d>', 'xm or xl syntax').choices(['xm', 'xl']).default('xl'))
    .option('--name <name>', 'domain name')
    .option('--memory <mb>', 'memory in MB (at most 580)')
    .option('--disk <target>', 'dom0 device or image, e.g. phy:/dev/sda4')
    .option('--vdev <vdev>', 'virtual device, e.g. hda')
    .option('--mac <mac>', 'MAC address (default: random in 00:16:3e)')
    .option('--bridge <br>', 'bridge name')
    .action(wrap((opts: TemplateOpts) => runTemplate(opts)));
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
  program.command('explain').description('show one rule').argument('<id>').action(wrap((id: string) => runExplain(id)));
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
