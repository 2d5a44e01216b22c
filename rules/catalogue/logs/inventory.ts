/**
 * Rules made from the message inventory (rules/logs/inventory.ts): one rule per message family, declared with
 * defineRule like every rule, the family's wordings as meta.wordings. The engine's one pass over the paste
 * (../wordings.ts) finds the first line that carries any of them; the rule reports the family's cause there.
 */
import { MESSAGE_FAMILIES, type MessageFamily } from '../../logs/inventory.js';
import type { LogRule } from '../../types.js';
import { defineRule } from '../define.js';

function familyRule(family: MessageFamily): LogRule {
  return defineRule({
    meta: {
      id: family.id,
      name: family.name,
      title: family.title,
      severity: family.severity,
      domain: 'log',
      target: 'log',
      message: family.cause,
      explanation: `${family.cause} Printed by: ${family.wordings.map((w) => w.printedBy).join('; ')}.`,
      docs: { url: family.docs.url, section: family.docs.section },
      knowledge: family.knowledge,
      // (a family's cause is plain text, never a template: it has no {{placeholders}} to fill)
      messages: { cause: family.cause },
      wordings: family.wordings,
      ...(family.yieldsTo ? { yieldsTo: family.yieldsTo } : {}),
      ...(family.supersedes ? { supersedes: family.supersedes } : {}),
      ...(family.decidedBy ? { decidedBy: family.decidedBy } : {}),
    },
    check: ({ match }) => [{ messageId: 'cause', advice: family.fix, line: match.line }],
  });
}

export const inventoryLogRules: LogRule[] = MESSAGE_FAMILIES.map(familyRule);
