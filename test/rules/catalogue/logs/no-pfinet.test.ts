/** HX633 hurd-no-pfinet, a one-file rule: "Address family not supported" inside the Hurd means no pfinet. */
import { noPfinet } from '../../../../rules/catalogue/logs/no-pfinet.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

testLogRule(noPfinet, {
  valid: [
    { name: 'the same words on Linux with IPv6 off', log: 'user@laptop:~$ ping -6 ::1\nping: socket: Address family not supported by protocol' },
    { name: 'a working ping in the Hurd', log: 'root@hurd:~# ping -c 1 192.168.1.1\n64 bytes from 192.168.1.1: icmp_seq=0 ttl=64 time=0.4 ms' },
  ],
  invalid: [
    {
      name: 'ping in the Hurd, and showtrans shows no translator',
      log: 'root@hurd:~# ping -c 3 192.168.1.1\nping: socket: Address family not supported by protocol\nroot@hurd:~# showtrans /servers/socket/2\nroot@hurd:~#',
      findings: [{ messageId: 'noServer', line: 2, mentions: ['ping', '/servers/socket/2', 'settrans -fgap /servers/socket/2 /hurd/pfinet'] }],
    },
  ],
});
