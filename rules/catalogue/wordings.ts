/**
 * The one pass over a paste for the rules that declare the wordings of their message (meta.wordings: the inventory
 * families and any log rule written that way): each line is cut once and visited once for all of them, instead of
 * once per rule, and each rule learns the first line that carries one of its wordings. The result is kept per lines
 * array (the diagnosis hands the same array to every rule), so a rule run on its own asks the same question and gets
 * the same line.
 */
import type { PasteLine } from '../logs/lines.js';
import type { RuleMeta, WordingMatch } from '../types.js';

/** Each wording is tested on at most this much of a line: a message is short, a pasted line may not be. */
export const MAX_WORDING_LINE = 600;

type Lines = readonly PasteLine[];

const firstLines = new WeakMap<Lines, Map<RuleMeta, WordingMatch | null>>();

/** Finds, in one pass, the first line of each rule's wordings that is not known yet for these lines. */
export function findWordings(lines: Lines, metas: readonly RuleMeta[]): void {
  let known = firstLines.get(lines);
  if (!known) {
    known = new Map();
    firstLines.set(lines, known);
  }
  const seen = known;
  let pending = metas.filter((m) => m.wordings !== undefined && m.wordings.length > 0 && !seen.has(m));
  if (pending.length === 0) return;
  const all = pending;
  for (const { line, text } of lines) {
    if (pending.length === 0) break;
    const head = text.length > MAX_WORDING_LINE ? text.slice(0, MAX_WORDING_LINE) : text;
    let matched = false;
    for (const meta of pending) {
      // (wordings carry no g or y flag: test() must not keep state from one line to the next)
      const wording = firstWording(meta, head);
      if (!wording) continue;
      seen.set(meta, { line, text: head, wording, groups: { ...wording.pattern.exec(head)?.groups } });
      matched = true;
    }
    if (matched) pending = pending.filter((m) => !seen.has(m));
  }
  for (const meta of all) if (!seen.has(meta)) seen.set(meta, null);
}

// (a plain loop: this runs for every line and every pending rule, and find() would make a closure each time)
function firstWording(meta: RuleMeta, head: string): NonNullable<RuleMeta['wordings']>[number] | undefined {
  for (const w of meta.wordings!) if (w.pattern.test(head)) return w;
  return undefined;
}

/** The first line of these lines that carries one of the rule's wordings (from the shared pass when it ran). */
export function wordingMatch(meta: RuleMeta, lines: Lines): WordingMatch | undefined {
  findWordings(lines, [meta]);
  return firstLines.get(lines)?.get(meta) ?? undefined;
}
