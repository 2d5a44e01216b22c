/** What every subcommand shares: reading input, writing output, the JSON shapes, the data and wiki directories. */
import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../../rules/types.js';
import type { Reply } from '../brain/reply.js';

/** The finding shape of the CLI contract. */
export interface JsonFinding {
  rule: string;
  name: string;
  severity: Finding['severity'];
  message: string;
  line?: number;
}

export function jsonFinding(f: Finding): JsonFinding {
  return { rule: f.rule, name: f.name, severity: f.severity, message: f.advice ? `${f.message} Fix: ${f.advice}` : f.message, ...(f.line !== undefined ? { line: f.line } : {}) };
}

export async function replyJson(reply: Reply | null): Promise<Record<string, unknown>> {
  const { renderText } = await import('../render/text.js');
  if (!reply) return { kind: 'chatter', answered: false, text: '', findings: [], sources: [] };
  return {
    kind: reply.kind,
    answered: reply.answered,
    text: renderText(reply),
    findings: reply.findings.map(jsonFinding),
    sources: reply.sources,
  };
}

export class InputError extends Error {}

export function readInput(file: string): { text: string; label: string } {
  try {
    return { text: readFileSync(file === '-' ? 0 : file, 'utf8'), label: file === '-' ? '<stdin>' : file };
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');

/** The data directory the bot uses (BOT_DATA_DIR, else ./data), so the CLI and the console share its store. */
export function dataDir(flag?: string): string {
  return flag ?? process.env.BOT_DATA_DIR ?? './data';
}

/** The store, or undefined with one line on stderr: the CLI answers without it. */
export async function storeOrNothing(dir: string): Promise<import('../../store/index.js').Store | undefined> {
  try {
    const { openStore } = await import('../../store/index.js');
    return await openStore(dir);
  } catch (e) {
    process.stderr.write(`hurd-xen-bot: store unavailable (${(e as Error).message}); going on without it\n`);
    return undefined;
  }
}

/** A wiki directory named by --wiki-dir or BOT_WIKI_DIR must exist: a typo is a usage error, not a silent miss. */
export function wikiDir(flag?: string): string | undefined {
  const dir = flag ?? process.env.BOT_WIKI_DIR;
  if (dir !== undefined && dir !== '' && !existsSync(dir)) throw new InputError(`${dir}: no such wiki directory (--wiki-dir or BOT_WIKI_DIR)`);
  return dir || undefined;
}

