/**
 * HX699: systemd says the Xen daemons xl depends on are not running. xl talks to xenstored for everything (it
 * waits on it for ever when nothing answers: `xl list` "hangs"), and xenconsoled carries the guest's console; the
 * xencommons service (Debian, the sysvinit scripts) or the xenstored/xenconsoled units (upstream systemd, a Xen
 * built from source) start them. A rule over `systemctl status` output: a unit line, then its Active: line.
 */
import { linesOf } from '../../logs/query.js';
import { defineRule } from '../define.js';
import { XEN_TREE } from '../sources.js';

/** `● xenstored.service - The Xen xenstore` (the bullet varies with the state). Bounded: linear. */
const UNIT_LINE = /^[^\w\n]{0,4}(?<unit>xenstored|xenconsoled|xencommons|xen-init-dom0)\.service\b/;
/** `     Active: inactive (dead)` / `Active: failed (Result: exit-code)`. */
const ACTIVE_LINE = /^\s{0,12}Active: (?<state>inactive|failed)\b/;

export const xenstoredInactive = defineRule({
  meta: {
    id: 'HX699',
    name: 'xen-daemons-not-running',
    title: 'xenstored / xencommons is not running in dom0',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The Xen daemons are not running in dom0: start and enable xencommons (or the xenstored and xenconsoled units).',
    explanation:
      'xl needs xenstored for every command (without it `xl list` waits for ever) and xenconsoled for the guest console; the xencommons service starts both (the xl man page: xencommons must be running). A Xen installed from source (make install) ships the systemd units disabled: enable them once.',
    docs: { url: `${XEN_TREE}/tools/hotplug/Linux/systemd/xenstored.service.in`, section: 'hurd-xen-facts.md #27 (with xl, xencommons: xenstored and xenconsoled must run)' },
    knowledge: 'toolstack',
    messages: { notRunning: 'systemd says {{units}} {{verb}} not running ({{state}}): xl cannot work without xenstored, and the console needs xenconsoled.' },
  },
  check(ctx) {
    const down: { unit: string; state: string; line: number }[] = [];
    const lines = linesOf(ctx);
    for (let i = 0; i < lines.length; i++) {
      const unit = UNIT_LINE.exec(lines[i]!.text)?.groups?.unit;
      if (!unit) continue;
      // the unit's Active: line follows within its status block
      for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
        const state = ACTIVE_LINE.exec(lines[j]!.text)?.groups?.state;
        if (state) {
          if (!down.some((d) => d.unit === unit)) down.push({ unit, state, line: lines[i]!.line });
          break;
        }
      }
    }
    if (down.length === 0) return [];
    const units = down.map((d) => `${d.unit}.service`);
    return [
      {
        messageId: 'notRunning',
        data: { units: units.join(' and '), verb: units.length > 1 ? 'are' : 'is', state: down[0]!.state },
        line: down[0]!.line,
        advice: `Start them and enable them at boot: \`systemctl enable --now ${down.map((d) => d.unit).join(' ')}\` (or \`systemctl enable --now xencommons\` where that service exists, Debian's packages), then run xl again.`,
      },
    ];
  },
});
