/** Access to the example evaluation sets in ../shared/eval (read-only). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const EVAL = join(SHARED, 'eval');
export const hasShared = existsSync(EVAL);

export interface EvalQuestion {
  id: string;
  q: string;
  mustMention: string[][];
  expectNoAnswer?: boolean;
}

export interface EvalLog {
  file: string;
  family: string;
  toolstack: string;
  mustMention: string[][];
  mustNotClaim?: string[];
  text: string;
}

export interface EvalConfig {
  file: string;
  syntax: 'xm' | 'xl' | 'either';
  parses: boolean;
  values: Record<string, unknown>;
  defects: string[];
  mustMention: string[][];
  text: string;
}

export function evalQuestions(): EvalQuestion[] {
  return readFileSync(join(EVAL, 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

export function evalLogs(): EvalLog[] {
  const manifest = JSON.parse(readFileSync(join(EVAL, 'logs/manifest.json'), 'utf8')) as Omit<EvalLog, 'text'>[];
  return manifest.map((m) => ({ ...m, text: readFileSync(join(EVAL, 'logs', m.file), 'utf8') }));
}

export function evalConfigs(): EvalConfig[] {
  const manifest = JSON.parse(readFileSync(join(EVAL, 'configs/manifest.json'), 'utf8')) as Omit<EvalConfig, 'text'>[];
  return manifest.map((m) => ({ ...m, text: readFileSync(join(EVAL, 'configs', m.file), 'utf8') }));
}

export function corpusConfigs(): { file: string; text: string }[] {
  const dir = join(SHARED, 'corpus/configs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cfg'))
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}

/** The scoring rule of ../shared/eval: every inner list needs one of its strings (case-insensitive). */
export function missingMentions(text: string, mustMention: string[][]): string[][] {
  const t = text.toLowerCase();
  return mustMention.filter((alts) => !alts.some((a) => t.includes(a.toLowerCase())));
}
