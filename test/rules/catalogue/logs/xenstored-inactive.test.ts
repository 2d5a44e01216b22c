/** HX699 xen-daemons-not-running, a one-file rule over `systemctl status` output. */
import { xenstoredInactive } from '../../../../rules/catalogue/logs/xenstored-inactive.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const STATUS = (unit: string, active: string): string =>
  `root@dom0:~# systemctl status ${unit}.service\n○ ${unit}.service - The Xen xenstore\n     Loaded: loaded (/usr/local/lib/systemd/system/${unit}.service; disabled; preset: enabled)\n     Active: ${active}`;

testLogRule(xenstoredInactive, {
  valid: [
    { name: 'xenstored running', log: STATUS('xenstored', 'active (running) since Thu 2026-12-03 10:00:01 UTC; 2h ago') },
    { name: 'another service down', log: STATUS('nginx', 'inactive (dead)') },
  ],
  invalid: [
    { name: 'xenstored inactive', log: STATUS('xenstored', 'inactive (dead)'), findings: [{ messageId: 'notRunning', line: 2, mentions: ['xenstored.service', 'systemctl enable --now xenstored'] }] },
    {
      name: 'xenstored and xenconsoled both down',
      log: `${STATUS('xenstored', 'inactive (dead)')}\n${STATUS('xenconsoled', 'failed (Result: exit-code)')}`,
      findings: [{ messageId: 'notRunning', mentions: ['xenstored.service and xenconsoled.service', 'xenstored xenconsoled'] }],
    },
  ],
});
