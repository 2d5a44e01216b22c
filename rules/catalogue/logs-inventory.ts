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
      for (const { line, text } of ctx.lines ?? pasteLines(ctx.text)) {
        const head = text.slice(0, MAX_LINE);
        if (family.wordings.some((w) => w.pattern.test(head))) return once({ message: family.cause, advice: family.fix, line });
      }
      return [];
    },
  );
}

export const inventoryRules: LogRule[] = MESSAGE_FAMILIES.map(familyRule);
