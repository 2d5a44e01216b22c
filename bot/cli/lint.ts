/** The file tools: check (a linter: text, JSON or SARIF), fix, convert and diagnose. */
import { writeFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import type { Finding } from '../../rules/types.js';
import { packageVersion } from '../ops/paths.js';
import { jsonFinding, out, readInput } from './io.js';

export function collectVar(spec: string, acc: Record<string, string | number>): Record<string, string | number> {
  const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(spec);
  if (!m) throw new CommanderError(2, 'usage', `--var: expected NAME=VALUE, got "${spec}"`);
  acc[m[1]!] = /^-?\d{1,15}$/.test(m[2]!) ? Number(m[2]) : m[2]!;
  return acc;
}

export interface CheckOpts {
  json?: boolean;
  format?: 'text' | 'json' | 'sarif';
  diff?: boolean;
  dialect?: 'xm' | 'xl';
  var?: Record<string, string | number>;
}

/** `file:line:col: severity: message [HXnnn]`, as compilers and linters print them (no `:0:` for a file-wide one). */
export function linterLine(label: string, f: Finding): string {
  const where = f.line !== undefined ? `${label}:${f.line}:${f.column ?? 1}` : label;
  return `${where}: ${f.severity}: ${f.message} [${f.rule}]`;
}

/**
 * Lint one or more configs: findings sorted by line, one per line; the diff with --diff; --format json (one file:
 * the object as before; several: an array) or sarif (SARIF 2.1.0 for CI). Exit 0 clean, 1 errors, 2 unreadable.
 */
export async function runCheck(files: string[], opts: CheckOpts): Promise<number> {
  const format = opts.format ?? (opts.json ? 'json' : 'text');
  const { checkConfig } = await import('../../rules/check.js');
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
export async function sarifOf(files: { label: string; findings: Finding[] }[]): Promise<string> {
  const { SarifBuilder, SarifRunBuilder, SarifResultBuilder, SarifRuleBuilder } = await import('node-sarif-builder');
  const { allRules } = await import('../../rules/engine.js');
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
export async function runFix(file: string, opts: { write?: boolean; dialect?: 'xm' | 'xl' }): Promise<number> {
  const { text, label } = readInput(file);
  const { checkConfig } = await import('../../rules/check.js');
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
export async function runConvert(file: string, opts: { json?: boolean; diff?: boolean }): Promise<number> {
  const { text, label } = readInput(file);
  const { convertXmToXl } = await import('../../rules/convert.js');
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
export async function runDiagnose(file: string, opts: { json?: boolean }): Promise<number> {
  const { text, label } = readInput(file);
  const { diagnoseLog } = await import('../../rules/engine.js');
  const { unrecognisedErrorLines } = await import('../../rules/logs/parse.js');
  const d = diagnoseLog(text);
  const unknown = d.findings.length === 0 ? unrecognisedErrorLines(d.events) : [];
  if (opts.json) {
    out(JSON.stringify({ recognised: d.recognised, findings: d.findings.map(jsonFinding), unrecognised: unknown }, null, 2));
  } else {
    const { findingLines } = await import('../render/text.js');
    if (d.findings.length === 0) out(unknown.length > 0 ? `${label}: I don't recognise this error: ${unknown[0]}` : `${label}: no error found`);
    for (const f of d.findings) out(`${label}:${f.line ?? 0}: ${findingLines(f).join('\n')}`);
  }
  return d.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

