/**
 * The console chat: the embedded default when no network is configured. Every line typed is addressed to
 * the bot; a paste of several lines arriving together is one message (lines that come within a few
 * milliseconds of each other belong to the same paste).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createBrain } from '../brain/index.js';
import { renderBlocks, renderText } from '../render/text.js';
import { createGate } from '../chat/gate.js';
import type { Brain } from '../brain/reply.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  brain?: Brain;
  author?: string;
  /** Lines closer together than this are one paste (typing is slower, pasting is not). */
  pasteGapMs?: number;
  /** A line printed before the first prompt. */
  banner?: string;
}

export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const brain = opts.brain ?? createBrain();
  const author = opts.author ?? process.env.USER ?? 'you';
  const gap = opts.pasteGapMs ?? 30;
  const interactive = (opts.input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input: opts.input, output: interactive ? opts.output : undefined, terminal: interactive, crlfDelay: Infinity });
  const write = (s: string): void => void opts.output.write(s + '\n');
  if (opts.banner) write(opts.banner);
  write(`${brain.name} ${brain.version}: ask a question, paste a config or an xm/xl log, "!help" for commands, Ctrl-D to quit.`);
  const prompt = (): void => {
    if (interactive) rl.prompt();
  };
  rl.setPrompt('you> ');
  prompt();

  // The console goes through the same front door as the networks (the rest of an answer waits there for "more"),
  // without rate limits or repeats: it is the operator's own terminal.
  const gate = createGate(brain, { limits: { perUser: 1e9, perChannel: 1e9, windowMs: 1, repeatWindowMs: 0, maxLines: 1e9 }, pageSize: 1e9 });
  const show = (lines: string[]): void => write(lines.map((l, i) => (i === 0 ? `bot> ${l}` : `     ${l}`)).join('\n'));

  let buffer: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const text = buffer.join('\n');
    buffer = [];
    if (text.trim() === '') return prompt();
    // the console is the operator's own terminal: its user is the maintainer
    const decision = gate.handle({ text, author, channel: 'console', transport: 'console', addressed: true, isPrivate: true, admin: true });
    if (decision.type === 'reply') {
      const { reply } = decision;
      show(renderText(reply).split('\n'));
      const rest = renderBlocks(reply.more);
      gate.saveMore('console', author, rest);
      if (rest.length > 0) write('     (say "more" for the rest)');
    } else if (decision.type === 'more') {
      show(decision.pieces);
    }
    prompt();
  };
  rl.on('line', (line) => {
    if (/^\s*(?:quit|exit|\/quit)\s*$/.test(line) && buffer.length === 0) {
      rl.close();
      return;
    }
    buffer.push(line);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, gap);
  });
  await new Promise<void>((resolve) => {
    rl.on('close', () => {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      resolve();
    });
  });
}
