/**
 * The answerable units: one documented fact each (knowledge/facts/*.yaml), in our own words, with its own source.
 * Entries give a topic its structure and its "more"; a question is answered by the fact that holds what it asks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const text = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

const factSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lowercase letters, digits and dashes'),
  entry: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  refs: z.array(z.number().int().positive()).default([]),
  keys: z.array(text).default([]),
  text: z.string().min(10).max(420),
  terms: z.array(text).min(1),
  source: z.string().url(),
  section: text.optional(),
  asks: z.array(text).default([]),
});

export type Fact = z.infer<typeof factSchema> & {
  /** 'history' for the page's history (knowledge/facts/history.yaml): it answers "when", "who", "since". */
  kind?: 'history';
};

export class FactError extends Error {}

/** `<repo>/knowledge/facts`, from the sources or from dist/. */
export function defaultFactsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'facts'), join(here, '..', '..', 'knowledge', 'facts')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

export function parseFacts(file: string, source: string): Fact[] {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (e) {
    throw new FactError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const parsed = z.array(factSchema).safeParse(data ?? []);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new FactError(`${file}: ${problems}`);
  }
  for (const f of parsed.data) {
    for (const t of f.terms) if (!f.text.toLowerCase().includes(t.toLowerCase())) throw new FactError(`${file}: ${f.id}: term "${t}" is not in its text`);
  }
  return parsed.data;
}

/** Every fact in `dir` (*.yaml, sorted by file name); ids are unique across files. */
export function loadFacts(dir = defaultFactsDir()): Fact[] {
  if (!existsSync(dir)) return [];
  const out: Fact[] = [];
  const seen = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    for (const fact of parseFacts(join(dir, f), readFileSync(join(dir, f), 'utf8'))) {
      if (seen.has(fact.id)) throw new FactError(`${f}: duplicate fact id ${fact.id}`);
      seen.add(fact.id);
      out.push(f === 'history.yaml' ? { ...fact, kind: 'history' } : fact);
    }
  }
  return out;
}
