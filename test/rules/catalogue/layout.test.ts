/**
 * The catalogue's layout (rules/catalogue/): config rules in config/, log and command rules in logs/, each folder's
 * index.ts listing every rule its files export; export names unique across the catalogue; the documentation URLs in
 * one registry (sources.ts), which every rule's docs come from.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configRules } from '../../../rules/catalogue/config/index.js';
import { logRules } from '../../../rules/catalogue/logs/index.js';
import * as sources from '../../../rules/catalogue/sources.js';
import { allRules } from '../../../rules/engine.js';
import type { Rule } from '../../../rules/types.js';

const ROOT = join(import.meta.dirname, '../../..');
const CATALOGUE = join(ROOT, 'rules/catalogue');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const isRule = (v: unknown): v is Rule => typeof v === 'object' && v !== null && 'meta' in v && 'check' in v;

async function exportsOf(file: string): Promise<Record<string, unknown>> {
  return (await import(file)) as Record<string, unknown>;
}

describe('rules/catalogue layout', () => {
  it.each([
    ['config', configRules as Rule[]],
    ['logs', logRules as Rule[]],
  ] as const)('every rule a file of %s/ exports is in its index.ts list', async (folder, list) => {
    const missing: string[] = [];
    for (const file of tsFiles(join(CATALOGUE, folder)).filter((f) => !f.endsWith('index.ts'))) {
      for (const [name, value] of Object.entries(await exportsOf(file))) {
        const rules = Array.isArray(value) ? value.filter(isRule) : isRule(value) ? [value] : [];
        for (const r of rules) if (!list.includes(r)) missing.push(`${relative(CATALOGUE, file)}: ${name} (${r.meta.id}): add it to ${folder}/index.ts`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no export name twice', async () => {
    const where = new Map<string, string[]>();
    for (const file of tsFiles(CATALOGUE)) {
      for (const name of Object.keys(await exportsOf(file))) where.set(name, [...(where.get(name) ?? []), relative(CATALOGUE, file)]);
    }
    expect([...where].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('keeps every documentation URL in sources.ts (and the inventory cites them from there)', () => {
    const files = [...tsFiles(CATALOGUE).filter((f) => !f.endsWith('sources.ts')), ...tsFiles(join(ROOT, 'rules/logs')).filter((f) => f.includes('inventory'))];
    const urls = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/['"`]https?:\/\//.test(line) ? [`${relative(ROOT, f)}:${i + 1}`] : [])),
    );
    expect(urls).toEqual([]);
  });

  it("takes every rule's docs URL from sources.ts (one of its URLs, or a path below one of its trees)", () => {
    const known = Object.values(sources);
    const stray = allRules()
      .filter(({ meta }) => !known.some((u) => meta.docs.url === u || meta.docs.url.startsWith(`${u}/`)))
      .map(({ meta }) => `${meta.id} ${meta.docs.url}`);
    expect(stray).toEqual([]);
  });

  it('gives every rule docs and its older name source as the same object', () => {
    for (const { meta } of allRules()) expect(meta.source, meta.id).toBe(meta.docs);
  });
});
