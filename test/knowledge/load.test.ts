import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { defaultEntriesDir } from '../../knowledge/index.js';
import { EntryError, loadEntries, parseEntry } from '../../knowledge/load.js';

const ENTRIES = defaultEntriesDir();

/** Ids the rules point at (fixed in the working agreement). */
const FIXED_IDS = `overview getting-images pae building-gnumach hurd-modules partition-filesystem installing
  config-file kernel memory disk root-device networking starting-console pv-grub caching xm-to-xl toolstack
  config-syntax error-pae-mismatch error-vif-hotplug error-kernel-missing error-not-xen-kernel error-disk
  error-memory error-xend error-config-syntax error-name-in-use error-root-not-found error-console more-help`
  .split(/\s+/)
  .filter(Boolean);

const GOOD = `---
id: sample
title: A sample
aliases: [one]
questions: [how do i test]
tags: [test]
rules: []
sources:
  - url: https://example.org/page
    section: Intro
---
The answer, \`with code\` and **bold** and a [link](https://example.org/x).\\
Second line.

## Details

- item one
- item two

    code line
`;

describe('parseEntry', () => {
  it('splits the body into a plain-text summary and sections', () => {
    const e = parseEntry('sample.md', GOOD);
    expect(e.id).toBe('sample');
    expect(e.origin).toBe('curated');
    expect(e.summary).toBe('The answer, with code and bold and a link (https://example.org/x).\nSecond line.');
    const details = e.sections.find((s) => s.heading === 'Details');
    expect(details?.text).toBe('- item one\n- item two\ncode line');
    expect(e.sources).toEqual([{ url: 'https://example.org/page', section: 'Intro' }]);
  });

  it('names the file when the front matter is invalid', () => {
    const noSources = GOOD.replace(/sources:[\s\S]*?---/, '---');
    expect(() => parseEntry('knowledge/entries/sample.md', noSources)).toThrow(EntryError);
    expect(() => parseEntry('knowledge/entries/sample.md', noSources)).toThrow(/knowledge\/entries\/sample\.md: invalid front matter: sources/);
  });

  it('rejects a bad url, a bad rule id, broken YAML and a missing front matter', () => {
    expect(() => parseEntry('a.md', GOOD.replace('https://example.org/page', 'not a url'))).toThrow(/a\.md: invalid front matter: sources\.0\.url/);
    expect(() => parseEntry('a.md', GOOD.replace('rules: []', 'rules: [R12]'))).toThrow(/rules\.0/);
    expect(() => parseEntry('a.md', GOOD.replace('aliases: [one]', 'aliases: [one'))).toThrow(/a\.md: front matter is not valid YAML/);
    expect(() => parseEntry('a.md', 'no front matter here')).toThrow(/a\.md: missing YAML front matter/);
  });

  it('requires the id to match the file name and the body to open with an answer', () => {
    expect(() => parseEntry('other.md', GOOD)).toThrow(/does not match the file name "other"/);
    expect(() => parseEntry('sample.md', GOOD.replace(/---\nThe answer[\s\S]*$/, '---\n## Only a heading\n\ntext\n'))).toThrow(/must start with a paragraph/);
  });

  it('reads YAML numbers in text lists as text', () => {
    const e = parseEntry('sample.md', GOOD.replace('tags: [test]', 'tags: [580, "0x83"]'));
    expect(e.tags).toEqual(['580', '0x83']);
  });
});

describe('the curated entries', () => {
  const entries = loadEntries(ENTRIES);

  it('cover every fixed id', () => {
    const ids = new Set(entries.map((e) => e.id));
    for (const id of FIXED_IDS) expect(ids, id).toContain(id);
  });

  it('each cite at least one source URL', () => {
    for (const e of entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const s of e.sources) expect(s.url, e.id).toMatch(/^https?:\/\//);
    }
  });

  it('open with a paragraph (checked with marked.lexer on the raw body)', () => {
    for (const file of readdirSync(ENTRIES).filter((f) => f.endsWith('.md'))) {
      const body = readFileSync(join(ENTRIES, file), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
      const first = marked.lexer(body).find((t) => t.type !== 'space');
      expect(first?.type, file).toBe('paragraph');
    }
  });

  it('have short summaries without Markdown syntax, at most two lines', () => {
    for (const e of entries) {
      const lines = e.summary.split('\n');
      expect(lines.length, e.id).toBeLessThanOrEqual(2);
      for (const l of lines) expect(l.length, `${e.id}: ${l}`).toBeLessThanOrEqual(380);
      expect(e.summary, e.id).not.toMatch(/`|\*\*|\]\(|^#/m);
    }
  });

  it('name rules only by HX id, and have example questions', () => {
    for (const e of entries) {
      for (const r of e.rules) expect(r).toMatch(/^HX\d{3}$/);
      expect(e.questions.length, e.id).toBeGreaterThanOrEqual(3);
    }
  });
});
