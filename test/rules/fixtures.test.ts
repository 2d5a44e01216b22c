/** Hand-made variants of the eval's defects (test/fixtures/configs) through checkConfig and the fixer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../rules/check.js';
import { parseConfig } from '../../rules/config/index.js';
import { createBrain } from '../../bot/brain/index.js';
import { replyJson } from '../../bot/cli.js';
import { missingMentions } from '../support/eval.js';

const DIR = join(import.meta.dirname, '../fixtures/configs');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { file: string; defects: string[]; mustMention: string[][] }[];
const read = (f: string): string => readFileSync(join(DIR, f), 'utf8');

describe('fixture configs', () => {
  it.each(manifest.filter((m) => m.file.startsWith('ok-')).map((m) => [m.file] as const))('%s gets no error or warning', (file) => {
    const r = checkConfig(read(file));
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.name}: ${f.message}`)).toEqual([]);
    expect(r.corrected).toBeNull();
  });

  it.each(manifest.filter((m) => !m.file.startsWith('ok-')).map((m) => [m.file, m] as const))('%s is diagnosed, and the correction is clean of it and parses', (file, m) => {
    const text = read(file);
    const r = checkConfig(text);
    const names = r.findings.map((f) => f.name);
    for (const d of m.defects) expect(names, names.join(', ')).toContain(d);
    expect(missingMentions(r.findings.map((f) => f.message).join('\n'), m.mustMention)).toEqual([]);
    const fixable = r.findings.filter((f) => f.fix && m.defects.includes(f.name));
    if (fixable.length === 0) return;
    const again = checkConfig(r.corrected!);
    for (const f of fixable) expect(again.findings.map((x) => x.name)).not.toContain(f.name);
    expect(parseConfig(r.corrected!).syntax).not.toBeNull();
  });
});

/**
 * Blind probe set (test/fixtures/configs/probe): configs written from the reference facts before
 * looking at the rules, in the eval's format. Every case must be diagnosed by the rule layer; the
 * brain's reply (what the eval scores) must keep a pass-rate floor. The brain turns CRLF into LF
 * before it checks a chat message, so a CRLF-only defect can be missed there, not by the rules.
 */
describe('probe configs', () => {
  const PROBE = join(DIR, 'probe');
  type ProbeCase = { file: string; syntax: 'xm' | 'xl' | 'either'; defects: string[]; mustMention: string[][] };
  const probe = JSON.parse(readFileSync(join(PROBE, 'manifest.json'), 'utf8')) as ProbeCase[];
  const text = (f: string): string => readFileSync(join(PROBE, f), 'utf8');
  const dialectOf = (m: ProbeCase): { dialect?: 'xm' | 'xl' } => (m.syntax === 'either' ? {} : { dialect: m.syntax });
  const isOk = (m: ProbeCase): boolean => m.file.startsWith('ok-');

  it('holds enough cases of both kinds', () => {
    expect(probe.filter(isOk).length).toBeGreaterThanOrEqual(15);
    expect(probe.filter((m) => !isOk(m)).length).toBeGreaterThanOrEqual(40);
  });

  it.each(probe.filter(isOk).map((m) => [m.file, m] as const))('%s: no error or warning, nothing to correct', (_file, m) => {
    const r = checkConfig(text(m.file), dialectOf(m));
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.name}: ${f.message}`)).toEqual([]);
    expect(r.corrected).toBeNull();
  });

  it.each(probe.filter((m) => !isOk(m)).map((m) => [m.file, m] as const))('%s: the findings name it, the correction is clean of what it fixed and parses', (_file, m) => {
    const r = checkConfig(text(m.file), dialectOf(m));
    // Lint-level defects may be info for one toolstack (name-missing under xm): the mentions are what count.
    expect(r.findings.length).toBeGreaterThan(0);
    expect(missingMentions(r.findings.map((f) => `${f.name} ${f.message}`).join('\n'), m.mustMention)).toEqual([]);
    const fixed = r.findings.filter((f) => f.fix);
    if (fixed.length === 0 || r.corrected === null) return;
    const again = checkConfig(r.corrected, dialectOf(m));
    for (const f of fixed) expect(again.findings.map((x) => x.name)).not.toContain(f.name);
    expect(again.findings.filter((x) => x.name === 'syntax-error')).toEqual([]);
    expect(parseConfig(r.corrected).syntax).not.toBeNull();
  });

  it('the brain, scored like the eval, passes at least 95 % and never flags a correct config', async () => {
    const brain = createBrain();
    const failures: string[] = [];
    for (const m of probe) {
      const paste = text(m.file);
      const reply = await replyJson(brain.handle({ text: paste, author: 'probe', channel: `probe-${m.file}`, transport: 'cli', addressed: true }));
      const findings = reply.findings as { rule: string; name?: string; severity: string; message: string }[];
      const quoted = new Set(paste.split('\n').map((l) => l.trim()).filter((l) => l.length >= 12));
      const own = String(reply.text).split('\n').filter((l) => !quoted.has(l.trim())).join('\n');
      const said = [own, ...findings.map((f) => `${f.rule} ${f.name ?? ''} ${f.message}`)].join('\n');
      const loud = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      if (reply.kind !== 'config') failures.push(`${m.file}: kind ${String(reply.kind)}`);
      else if (isOk(m) && loud.length > 0) failures.push(`${m.file}: flagged ${loud.map((f) => f.name).join(', ')}`);
      else if (missingMentions(said, m.mustMention).length > 0) failures.push(`${m.file}: missing ${JSON.stringify(missingMentions(said, m.mustMention))}`);
    }
    expect(failures.filter((f) => f.startsWith('ok-'))).toEqual([]);
    expect(1 - failures.length / probe.length, failures.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
