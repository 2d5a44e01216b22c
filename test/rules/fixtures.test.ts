/** Hand-made variants of the eval's defects (test/fixtures/configs) through checkConfig and the fixer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../rules/check.js';
import { parseConfig } from '../../rules/config/index.js';
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
