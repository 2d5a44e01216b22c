/**
 * How strongly a text looks like a pasted log or terminal session rather than a question.
 * The brain's classifier uses it; it is a score with its reasons, never a verdict.
 */
import { QUESTION_CUE, WORD } from '../patterns/logs.js';
import { classifyLine } from './line-events.js';
import { pasteLines } from './lines.js';
import type { LogEvent } from './types.js';

const SIGNAL_CAP_CHARS = 64 * 1024;

/** Event types that only tool output produces, with the reason shown to people. */
const OUTPUT_TYPES: Record<string, string> = {
  'xm-error': 'xm error line',
  'xl-error': 'libxl/libxc error line',
  'xl-message': 'libxl/libxc message',
  'config-error': 'config parser error',
  'gnumach-boot': 'GNU Mach console output',
  'xen-boot': 'Xen hypervisor log',
  dmesg: 'kernel log timestamps',
  traceback: 'Python traceback',
  'console-error': 'xenconsole message',
  'shell-error': 'shell error',
};

function proseLine(text: string): boolean {
  WORD.lastIndex = 0;
  const words = text.match(WORD)?.length ?? 0;
  return words >= 6 && words / Math.max(1, text.split(' ').length) > 0.7;
}

export interface LogSignals {
  /** 0..1 */
  score: number;
  reasons: string[];
}

export function logSignals(text: string): LogSignals {
  const events: LogEvent[] = [];
  for (const l of pasteLines(text.slice(0, SIGNAL_CAP_CHARS))) {
    const e = classifyLine(l.line, l.text);
    if (e) events.push(e);
  }
  return signalsOf(events);
}

/** The same score from a paste's events, when they are already parsed (a paste's analysis). */
export function signalsOf(events: readonly LogEvent[]): LogSignals {
  if (events.length === 0) return { score: 0, reasons: ['empty'] };

  const reasons: string[] = [];
  let score = 0;
  const commands = events.filter((e) => e.type === 'command');
  if (commands.some((e) => e.data.prompt)) {
    score += 0.4;
    reasons.push(`shell prompt (${commands.find((e) => e.data.prompt)?.data.prompt ?? ''})`);
  } else if (commands.length > 0) {
    score += 0.2;
    reasons.push(`command line (${commands[0]?.data.program ?? ''})`);
  }
  const outputKinds = new Set(events.map((e) => OUTPUT_TYPES[e.type]).filter((r): r is string => r !== undefined));
  let first = true;
  for (const reason of outputKinds) {
    score += first ? 0.4 : 0.1;
    first = false;
    reasons.push(reason);
  }
  for (const kind of ['using-config', 'parsing-config', 'started-domain']) {
    if (events.some((e) => (e.data.kinds ?? '').split(' ').includes(kind))) {
      score += 0.2;
      reasons.push(`toolstack output (${kind})`);
    }
  }
  const structured = events.filter((e) => e.type !== 'text').length / events.length;
  score += 0.2 * structured;

  const prose = events.filter((e) => e.type === 'text' && proseLine(e.text));
  const questionLike = events.filter((e) => e.type === 'text' && QUESTION_CUE.test(e.text.trim()));
  if (questionLike.length > 0) {
    score -= 0.25;
    reasons.push('reads like a question');
  }
  if (prose.length / events.length > 0.5) {
    score -= 0.25;
    reasons.push('mostly prose');
  }
  return { score: Math.max(0, Math.min(1, Math.round(score * 100) / 100)), reasons };
}
