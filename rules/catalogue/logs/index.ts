/**
 * The log and pasted-command catalogue (HX6xx, HX7xx), in id order. A rule file adds its rule (or its list) here;
 * test/rules/catalogue/logs/catalogue.test.ts fails, naming it, for a rule a file of this folder exports that is
 * not in the list.
 */
import type { LogRule } from '../../types.js';
import { bootLogRules } from './boot.js';
import { buildLogRules } from './build.js';
import { commandRules } from './pasted-commands.js';
import { deviceLogRules } from './devices.js';
import { dom0LogRules } from './dom0.js';
import { inventoryLogRules } from './inventory.js';
import { noPfinet } from './no-pfinet.js';
import { pvgrubLogRules } from './pvgrub.js';
import { pvhNotSupported } from './pvh-not-supported.js';
import { secondLookLogRules } from './second-look.js';
import { syntaxLogRules } from './syntax.js';
import { vbdReadOnly } from './vbd-read-only.js';
import { xenstoredInactive } from './xenstored-inactive.js';
import { toolstackLogRules } from './toolstack.js';
import { xlVdevInvalid } from './xl-vdev-invalid.js';

export const logRules: LogRule[] = [
  ...deviceLogRules,
  ...dom0LogRules,
  ...buildLogRules,
  ...bootLogRules,
  ...toolstackLogRules,
  ...syntaxLogRules,
  ...pvgrubLogRules,
  ...inventoryLogRules,
  ...secondLookLogRules,
  xlVdevInvalid,
  pvhNotSupported,
  vbdReadOnly,
  noPfinet,
  xenstoredInactive,
  ...commandRules,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
