/**
 * `npm run eval -- FILE.jsonl | DIR`: score the bot on an evaluation set in the ../shared/eval format.
 * - a .jsonl question file: {"q", "mustMention", "expectNoAnswer"?}
 * - a directory with manifest.json of logs (*.txt) or configs (*.cfg)
 * - a directory of troubleshooting dialogues (*.json with "turns"; scripts/dialogue.ts), each with a fresh brain
 * Every message goes through the same brain and the same JSON shape as `reply --jsonl`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createBrain } from '../bot/brain/index.js';
import { replyJson } from '../bot/cli.js';
import { renderText } from '../bot/render/text.js';
import { judgeDialogue, type Dialogue } from './dialogue.js';

interface Outcome {
  id: string;
  pass: boolean;
  why: string;
  reply: Record<string, unknown>;
}

const brain = createBrain();

function mentionText(reply: Record<string, unknown>, paste = ''): string {
  // Lines of the user's own paste quoted back do not count: the reply must say it in its own words.
  const quoted = new Set(paste.split('\n').map((l) => l.trim()).filter((l) => l.length >= 12));
  const own = String(reply.text)
    .split('\n')
    .filter((l) => !quoted.has(l.trim()))
    .join('\n');
  const findings = (reply.findings as { rule: string; name?: string; message: string }[]).map((f) => `${f.rule} ${f.name ?? ''} ${f.message}`);
  return [own, ...findings].join('\n').toLowerCase();
}

function missing(text: string, mustMention: string[][]): string[][] {
  return mustMention.filter((alts) => !alts.some((a) => text.includes(a.toLowerCase())));
}

async function ask(text: string): Promise<Record<string, unknown>> {
  return replyJson(brain.handle({ text, author: 'eval', channel: `eval-${Math.random()}`, transport: 'cli', addressed: true }));
}

async function questions(file: string): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    const q = JSON.parse(line) as { id?: string; q: string; mustMention: string[][]; expectNoAnswer?: boolean };
    const reply = await ask(q.q);
    const id = q.id ?? `#${i + 1}`;
    if (q.expectNoAnswer) {
      out.push({ id, pass: reply.answered === false, why: 'should be declined', reply });
      continue;
    }
    const miss = missing(mentionText(reply), q.mustMention);
    out.push({ id, pass: reply.answered === true && miss.length === 0, why: reply.answered ? `missing ${JSON.stringify(miss)}` : 'not answered', reply });
  }
  return out;
}

async function manifestDir(dir: string): Promise<Outcome[]> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    file: string;
    mustMention: string[][];
    family?: string;
    defects?: string[];
    expectNoAnswer?: boolean;
  }[];
  const out: Outcome[] = [];
  for (const m of manifest) {
    const text = readFileSync(join(dir, m.file), 'utf8');
    const reply = await ask(text);
    const isConfigSet = m.file.endsWith('.cfg');
    const okCase = isConfigSet ? (m.defects ?? []).length === 0 : m.family === 'ok' || m.family === 'unrelated';
    const findings = reply.findings as { severity: string }[];
    const kindOk = isConfigSet ? reply.kind === 'config' : reply.kind === 'log' || reply.kind === 'config';
    let pass: boolean;
    let why: string;
    if (m.expectNoAnswer) {
      // an error the bot does not know: an honest "I don't recognise this", no confident diagnosis
      const confident = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      pass = kindOk && reply.answered === false && confident.length === 0;
      why = kindOk ? `should be declined without error/warning findings (answered=${String(reply.answered)}, ${confident.length} finding(s))` : `kind ${String(reply.kind)}`;
    } else if (okCase) {
      const bad = findings.filter((f) => f.severity === 'error' || (!isConfigSet && f.severity === 'warning'));
      pass = kindOk && bad.length === 0;
      why = kindOk ? `${bad.length} error/warning finding(s) on a correct paste` : `kind ${String(reply.kind)}`;
    } else {
      const miss = missing(mentionText(reply, text), m.mustMention);
      pass = kindOk && miss.length === 0;
      why = kindOk ? `missing ${JSON.stringify(miss)}` : `kind ${String(reply.kind)}`;
    }
    out.push({ id: m.file, pass, why, reply });
  }
  return out;
}

/** Each dialogue with a brain of its own, one author in one channel, turn by turn as the user would type them. */
function dialogues(dir: string): Outcome[] {
  const out: Outcome[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const d = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Dialogue;
    const bot = createBrain();
    const replies = d.turns.map((t) => {
      const r = bot.handle({ text: t.user, author: 'eval', channel: '#eval', transport: 'cli', addressed: true });
      return r ? renderText(r, { withMore: true }) : '';
    });
    const verdict = judgeDialogue(d, replies);
    const failedTurn = verdict.turns.find((t) => !t.pass);
    out.push({ id: d.id, pass: verdict.pass, why: failedTurn ? `turn ${failedTurn.turn}: ${failedTurn.why}` : 'ok', reply: { kind: 'dialogue', answered: verdict.pass, text: replies.map((r, i) => `[${i + 1}] ${r}`).join('\n') } });
  }
  return out;
}

async function main(): Promise<void> {
  const targets = process.argv.slice(2);
  if (targets.length === 0 || targets.includes('--help')) {
    process.stderr.write('usage: npm run eval -- QUESTIONS.jsonl | DIR-with-manifest.json [...]\n');
    process.exit(2);
  }
  let failed = 0;
  const summary: Record<string, { passed: number; total: number; rate: number }> = {};
  for (const target of targets) {
    if (!existsSync(target)) {
      process.stderr.write(`eval: ${target}: not found\n`);
      process.exit(2);
    }
    const outcomes = !statSync(target).isDirectory() ? await questions(target) : existsSync(join(target, 'manifest.json')) ? await manifestDir(target) : dialogues(target);
    const passed = outcomes.filter((o) => o.pass).length;
    summary[basename(target)] = { passed, total: outcomes.length, rate: outcomes.length ? passed / outcomes.length : 0 };
    for (const o of outcomes.filter((x) => !x.pass)) {
      failed++;
      process.stdout.write(`FAIL ${basename(target)} ${o.id}: ${o.why}\n  bot (${String(o.reply.kind)}, answered=${String(o.reply.answered)}): ${String(o.reply.text).replace(/\n/g, '\n  ')}\n`);
    }
    process.stdout.write(`${basename(target)}: ${passed}/${outcomes.length} passed (${((100 * passed) / Math.max(1, outcomes.length)).toFixed(1)} %)\n`);
  }
  process.stdout.write(JSON.stringify(summary) + '\n');
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
