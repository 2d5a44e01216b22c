/**
 * Rules made from the message inventory (rules/logs/inventory.ts): one rule per message family, which fires on the
 * first line of a paste that carries any of the family's wordings.
 */
import { MESSAGE_FAMILIES, type MessageFamily } from '../logs/inventory.js';
import { pasteLines } from '../logs/lines.js';
import type { LogRule } from '../types.js';
import { defineLogRule, once, source } from './logs-define.js';

/** Each wording is tested on at most this much of a line: a message is short, a pasted line may not be. */
const MAX_LINE = 600;

type Lines = ReturnType<typeof pasteLines>;

/**
 * The first line of each family in one pass over the paste, shared by all the family rules of one diagnosis
 * (keyed by the lines array the diagnosis passes to every rule): each line is cut once and visited once, instead
 * of once per family.
 */
const firstLines = new WeakMap<Lines, Map<string, number>>();

function firstLineOf(family: MessageFamily, lines: Lines): number | undefined {
  let found = firstLines.get(lines);
  if (!found) {
    found = new Map();
    for (const { line, text } of lines) {
      if (found.size === MESSAGE_FAMILIES.length) break;
      const head = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
      for (const f of MESSAGE_FAMILIES) {
        if (!found.has(f.id) && f.wordings.some((w) => w.pattern.test(head))) found.set(f.id, line);
      }
    }
    firstLines.set(lines, found);
  }
  return found.get(family.id);
}

function familyRule(family: MessageFamily): LogRule {
  return defineLogRule(
    {
      id: family.id,
      name: family.name,
      title: family.title,
      severity: family.severity,
      message: family.cause,
      explanation: `${family.cause} Printed by: ${family.wordings.map((w) => w.printedBy).join('; ')}.`,
      source: source(family.source.url, family.source.section),
      knowledge: family.knowledge,
    },
    (ctx) => {
      const line = firstLineOf(family, (ctx.lines ?? pasteLines(ctx.text)) as Lines);
      return line === undefined ? [] : once({ message: family.cause, advice: family.fix, line });
    },
  );
}

export const inventoryRules: LogRule[] = MESSAGE_FAMILIES.map(familyRule);
