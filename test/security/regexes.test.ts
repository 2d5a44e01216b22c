import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every regular expression in the product's source, found by parsing the TypeScript (not by a list someone has to
 * keep up to date), must be judged safe by recheck: any of them may see user text, and one exponential pattern on
 * the chat path froze the bot for everyone (issue 11). A `new RegExp(...)` cannot be analysed statically, so it must
 * carry a `regex-safe:` comment just above it saying why it is safe (and where it is checked).
 *
 * Verdicts are cached in regexes.recheck.json by source and flags: a new or changed regex is always analysed live.
 * RECHECK_ALL=1 analyses every regex again; RECHECK_UPDATE=1 rewrites the cache from the live verdicts.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['bot', 'rules', 'knowledge'];
const VERDICTS = join(import.meta.dirname, 'regexes.recheck.json');

interface Found {
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function scan(): { literals: Found[]; dynamic: { where: string; justified: boolean }[] } {
  const literals: Found[] = [];
  const dynamic: { where: string; justified: boolean }[] = [];
  for (const file of SOURCE_DIRS.flatMap((d) => tsFiles(join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const where = `${relative(ROOT, file)}:${line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const slash = literal.lastIndexOf('/');
        literals.push({ where, source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === 'RegExp') {
        const above = lines.slice(Math.max(0, line - 4), line + 1).join('\n');
        dynamic.push({ where, justified: /regex-safe: \S/.test(above) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

const { literals, dynamic } = scan();
const keyOf = (f: Found) => `/${f.source}/${f.flags}`;
const cached: Record<string, string> = existsSync(VERDICTS) ? (JSON.parse(readFileSync(VERDICTS, 'utf8')) as Record<string, string>) : {};

describe('every regex in bot/, rules/ and knowledge/', () => {
  it('the scan finds the regexes (a parser change that finds none would pass everything)', () => {
    expect(literals.length).toBeGreaterThan(300);
    expect(literals.some((f) => f.where.startsWith('bot/brain/commands'))).toBe(true);
  });

  it('recheck still recognises an exponential and a polynomial pattern', async () => {
    expect((await check('^(?:(?:a|\\w+=\\S+)\\s*)+$', 'i')).status).toBe('vulnerable');
    expect((await check('\\s+$', '')).status).toBe('vulnerable');
  });

  it('every new RegExp(...) says why it is safe', () => {
    expect(dynamic.filter((d) => !d.justified).map((d) => d.where)).toEqual([]);
  });

  // One at a time: recheck is CPU-bound, and parallel checks on a 2-core machine only turn into time-outs.
  it('every literal is judged safe by recheck', async () => {
    const unsafe: string[] = [];
    const verdicts: Record<string, string> = {};
    const seen = new Map<string, Found>();
    for (const f of literals) if (!seen.has(keyOf(f))) seen.set(keyOf(f), f);
    for (const [key, f] of seen) {
      if (!process.env.RECHECK_ALL && cached[key] === 'safe') {
        verdicts[key] = 'safe';
        continue;
      }
      // sticky/global only change where matching starts; the analysis is of the pattern itself
      const flags = f.flags.replace(/[gy]/g, '');
      let d = await check(f.source, flags, { timeout: 30_000 });
      if (d.status === 'unknown') d = await check(f.source, flags, { timeout: 90_000 });
      verdicts[key] = d.status;
      if (d.status !== 'safe') unsafe.push(`${f.where} ${key.slice(0, 160)} → ${d.status}${d.status === 'vulnerable' ? ` (${d.complexity.type})` : ''}`);
    }
    if (process.env.RECHECK_UPDATE) writeFileSync(VERDICTS, JSON.stringify(verdicts, null, 1) + '\n');
    expect(unsafe).toEqual([]);
  }, 900_000);
});
