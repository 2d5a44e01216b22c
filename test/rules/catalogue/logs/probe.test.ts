/**
 * The blind probe set (test/fixtures/logs/probe): pastes written from Xen 3.0-4.19 format strings and
 * GNU Mach console output before the rules were looked at, in the shared eval's format. Each problem
 * paste must be diagnosed by the engine in its own words, each correct or unrelated paste must get no
 * error or warning, each unknown error must be left unrecognised; end to end through the brain (as the
 * judges run it) the set must stay above a pass-rate floor.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../../../bot/brain/index.js';
import { replyJson } from '../../../../bot/cli.js';
import { diagnoseLog, getRule } from '../../../../rules/engine.js';
import type { Finding } from '../../../../rules/types.js';

const PROBE_DIR = join(import.meta.dirname, '../../../fixtures/logs/probe');

interface ProbeCase {
  file: string;
  family: string;
  toolstack: string;
  mustMention: string[][];
  expectNoAnswer?: boolean;
}

const manifest = JSON.parse(readFileSync(join(PROBE_DIR, 'manifest.json'), 'utf8')) as ProbeCase[];
const paste = (m: ProbeCase): string => readFileSync(join(PROBE_DIR, m.file), 'utf8');
const isClean = (m: ProbeCase): boolean => m.family === 'ok' || m.family === 'unrelated';
const problems = manifest.filter((m) => !isClean(m) && !m.expectNoAnswer);

/** Findings' messages, advice and titles with every whole line of the paste cut out: quoting the user is no diagnosis. */
function ownWords(findings: Finding[], text: string): string {
  let words = findings.map((f) => [f.message, f.advice ?? '', getRule(f.rule)?.meta.title ?? ''].join('\n')).join('\n');
  const quoted = text.split('\n').map((l) => l.trim()).filter((l) => l.length >= 12).sort((a, b) => b.length - a.length);
  for (const line of quoted) words = words.split(line).join(' ');
  return words.toLowerCase();
}

/** The shared eval's verdict for one reply, plus the honesty rule for unknown errors. */
function judged(m: ProbeCase, reply: Record<string, unknown>): boolean {
  const text = paste(m);
  const findings = reply.findings as { rule: string; name?: string; message: string; severity: string }[];
  const kindOk = reply.kind === 'log' || reply.kind === 'config';
  if (isClean(m)) return kindOk && !findings.some((f) => f.severity === 'error' || f.severity === 'warning');
  if (m.expectNoAnswer) return kindOk && reply.answered === false && /recogni[sz]e/i.test(String(reply.text));
  const quoted = new Set(text.split('\n').map((l) => l.trim()).filter((l) => l.length >= 12));
  const own = String(reply.text).split('\n').filter((l) => !quoted.has(l.trim()));
  const hay = [...own, ...findings.map((f) => `${f.rule} ${f.name ?? ''} ${f.message}`)].join('\n').toLowerCase();
  return kindOk && reply.answered !== false && m.mustMention.every((alts) => alts.some((a) => hay.includes(a.toLowerCase())));
}

describe('blind probe pastes through the log engine', () => {
  it('covers every family of the eval, successful runs, unrelated pastes and unknown errors', () => {
    const families = new Set(manifest.map((m) => m.family));
    for (const f of ['vif-hotplug', 'pae-mismatch', 'kernel-missing', 'not-xen-kernel', 'disk', 'memory', 'xend-not-running', 'toolstack-mismatch', 'config-syntax', 'name-in-use', 'root-device', 'console-term', 'ok', 'unrelated', 'unknown']) {
      expect(families.has(f), f).toBe(true);
    }
    expect(manifest.length).toBeGreaterThanOrEqual(40);
  });

  it.each(problems.map((m) => [m.file, m] as const))('%s: diagnosed in the bot\'s own words', (_file, m) => {
    const text = paste(m);
    const { findings, recognised } = diagnoseLog(text);
    expect(recognised).toBe(true);
    expect(findings.some((f) => f.severity === 'error' || f.severity === 'warning')).toBe(true);
    const words = ownWords(findings, text);
    for (const alternatives of m.mustMention) {
      expect(alternatives.some((a) => words.includes(a.toLowerCase())), `one of ${JSON.stringify(alternatives)} in: ${words}`).toBe(true);
    }
  });

  it.each(manifest.filter(isClean).map((m) => [m.file, m] as const))('%s: no error or warning on a paste with nothing wrong', (_file, m) => {
    const { findings } = diagnoseLog(paste(m));
    expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
  });

  it.each(manifest.filter((m) => m.expectNoAnswer).map((m) => [m.file, m] as const))('%s: an unknown error is not given a confident diagnosis', (_file, m) => {
    const { findings, recognised } = diagnoseLog(paste(m));
    expect(recognised).toBe(false);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('blind probe pastes end to end', () => {
  it('the brain passes at least 95 % of them as the judges score it', async () => {
    const brain = createBrain();
    let passed = 0;
    const failed: string[] = [];
    for (const m of manifest) {
      const reply = await replyJson(brain.handle({ text: paste(m), author: 'probe', channel: `probe-${m.file}`, transport: 'cli', addressed: true }));
      if (judged(m, reply)) passed++;
      else failed.push(`${m.file} (kind ${String(reply.kind)})`);
    }
    expect(passed / manifest.length, `failed: ${failed.join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });
});
