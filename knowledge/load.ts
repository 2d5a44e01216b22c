/**
 * Loads the curated entries (knowledge/entries/<id>.md): YAML front matter
 * validated with zod, body lexed with marked into a summary and sections.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { sectionize } from './plaintext.js';
import type { Entry } from './types.js';

/** A YAML scalar meant as text (YAML reads `580` or `4.0` as numbers). */
const text = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lowercase letters, digits and dashes'),
  title: z.string().min(1),
  aliases: z.array(text).default([]),
  questions: z.array(text).min(1, 'at least one example question'),
  tags: z.array(text).default([]),
  rules: z.array(z.string().regex(/^HX\d{3}$/, 'rule ids look like HX123')).nullish().transform((r) => r ?? []),
  keywords: z.array(text).default([]),
  sources: z
    .array(z.object({ url: z.string().url(), section: z.string().min(1).optional() }))
    .min(1, 'every entry needs a source'),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export class EntryError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'EntryError';
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Parse one entry file's text; `file` names it in errors. */
export function parseEntry(file: string, text: string): Entry {
  const m = FRONT_MATTER.exec(text);
  if (!m) throw new EntryError(file, 'missing YAML front matter (--- ... ---)');
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch (err) {
    throw new EntryError(file, `front matter is not valid YAML: ${(err as Error).message}`);
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new EntryError(file, `invalid front matter: ${problems}`);
  }
  const fm = parsed.data;
  const expectedId = basename(file).replace(/\.md$/, '');
  if (file.endsWith('.md') && fm.id !== expectedId) {
    throw new EntryError(file, `id "${fm.id}" does not match the file name "${expectedId}"`);
  }
  const body = text.slice(m[0].length);
  const { summary, sections } = sectionize(body);
  if (summary === '') throw new EntryError(file, 'the body must start with a paragraph that answers');
  return {
    id: fm.id,
    title: fm.title,
    aliases: fm.aliases,
    questions: fm.questions,
    tags: fm.tags,
    rules: fm.rules,
    keywords: fm.keywords,
    sources: fm.sources,
    summary,
    sections,
    origin: 'curated',
  };
}

/** Load every `*.md` in `dir`, sorted by file name (stable order). */
export function loadEntries(dir: string): Entry[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const entries = files.map((f) => parseEntry(join(dir, f), readFileSync(join(dir, f), 'utf8')));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new EntryError(join(dir, `${e.id}.md`), `duplicate id ${e.id}`);
    seen.add(e.id);
  }
  return entries;
}
