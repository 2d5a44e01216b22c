/** Knowledge and rules stay in step: every rule cites an existing entry; every rule an entry names exists. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/engine.js';

const ENTRIES = resolve(import.meta.dirname, '../../knowledge/entries');
const files = readdirSync(ENTRIES).filter((f) => f.endsWith('.md'));

interface FrontMatter {
  id: string;
  rules?: string[];
  sources?: { url: string }[];
}

function frontMatter(file: string): { meta: FrontMatter; body: string } {
  const text = readFileSync(join(ENTRIES, file), 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no front matter`);
  return { meta: parseYaml(m[1]!) as FrontMatter, body: m[2]! };
}

const entries = new Map(files.map((f) => [frontMatter(f).meta.id, { file: f, ...frontMatter(f) }]));
const rules = allRules();
const ruleIds = new Set(rules.map((r) => r.meta.id));

describe('knowledge and rules', () => {
  it('has entries and rules to compare', () => {
    expect(entries.size).toBeGreaterThan(20);
    expect(rules.length).toBeGreaterThan(20);
  });

  it.each(rules.map((r) => [r.meta.id, r.meta.knowledge] as const))('rule %s cites an existing knowledge entry (%s)', (_id, knowledge) => {
    expect(entries.has(knowledge)).toBe(true);
  });

  it.each([...entries.values()].map((e) => [e.file, e] as const))('%s names only real rules and has a source', (_file, e) => {
    for (const id of e.meta.rules ?? []) expect(ruleIds, `${e.file} names ${id}`).toContain(id);
    expect((e.meta.sources ?? []).length).toBeGreaterThan(0);
    for (const s of e.meta.sources ?? []) expect(s.url).toMatch(/^https?:\/\//);
  });

  it.each([...entries.values()].map((e) => [e.file, e] as const))('%s is Markdown with an answer before its first heading', (_file, e) => {
    const tokens = marked.lexer(e.body);
    const first = tokens.find((t) => t.type !== 'space');
    expect(first?.type).toBe('paragraph');
  });

  it('has rule ids that are unique and in their domain range', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^HX[1-8]\d\d$/);
      expect(r.meta.source.url).toMatch(/^https?:\/\//);
      expect(r.meta.message.length).toBeGreaterThan(10);
    }
  });
});
