/**
 * The config rule catalogue (HX1xx kernel/ramdisk, HX2xx memory, HX3xx disk/root, HX4xx network,
 * HX5xx toolstack/syntax/keys). Order here is the order `hurd-xen-bot rules` lists them.
 */
import type { ConfigRule } from '../../types.js';
import { diskRules } from './disk.js';
import { kernelRules } from './kernel.js';
import { keyRules } from './keys.js';
import { memoryRules } from './memory.js';
import { networkRules } from './network.js';
import { ramdiskRules } from './ramdisk.js';
import { rootRules } from './root.js';
import { syntaxRules } from './syntax.js';
import { toolstackRules } from './toolstack.js';

export const configRules: ConfigRule[] = [
  ...kernelRules,
  ...ramdiskRules,
  ...memoryRules,
  ...diskRules,
  ...rootRules,
  ...networkRules,
  ...toolstackRules,
  ...keyRules,
  ...syntaxRules,
];
