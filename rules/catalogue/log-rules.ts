/** The log and pasted-command catalogue (HX6xx, HX7xx), in id order. */
import type { LogRule } from '../types.js';
import { bootRules } from './logs-boot.js';
import { commandRules } from './commands.js';
import { deviceRules } from './logs-devices.js';
import { dom0Rules } from './logs-dom0.js';
import { inventoryRules } from './logs-inventory.js';
import { pvgrubRules } from './logs-pvgrub.js';
import { syntaxRules } from './logs-syntax.js';
import { toolstackRules } from './logs-toolstack.js';

export const logRules: LogRule[] = [...deviceRules, ...dom0Rules, ...bootRules, ...toolstackRules, ...syntaxRules, ...pvgrubRules, ...inventoryRules, ...commandRules].sort((a, b) =>
  a.meta.id.localeCompare(b.meta.id),
);
