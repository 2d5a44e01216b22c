/**
 * HX633: inside the Hurd, a program cannot open an IPv4 socket: no TCP/IP server (pfinet) sits on
 * /servers/socket/2. On the Hurd, socket(PF_INET, ...) asks the translator of /servers/socket/2; with none,
 * glibc returns EAFNOSUPPORT and ping, wget, apt print "Address family not supported by protocol". The same text
 * on Linux means something else (IPv6 disabled), so the rule wants the paste to be the Hurd's.
 */
import { linesOf } from '../../logs/query.js';
import { defineRule } from '../define.js';
import { HURD_NETWORKING } from '../sources.js';

/** The paste is the Hurd's: its socket servers, its translators, a root@hurd prompt. Literal alternation: linear. */
const IN_THE_HURD = /\/servers\/socket\b|\bshowtrans\b|\bsettrans\b|@hurd\b|\bgnu\/hurd\b|\bhurd-i386\b/i;

/** What ping, wget and the like print when socket() fails so (glibc's strerror of EAFNOSUPPORT). Bounded: linear. */
const NO_SOCKET = /^(?<program>[\w.-]{1,40}): (?:socket|unable to create socket|can't create socket)[^\n]{0,40}: Address family not supported by protocol/i;

export const noPfinet = defineRule({
  meta: {
    id: 'HX633',
    name: 'hurd-no-pfinet',
    title: 'The Hurd has no TCP/IP server (pfinet) on /servers/socket/2',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'Inside the Hurd no pfinet serves /servers/socket/2, so nothing can open an IPv4 socket: set pfinet up on eth0.',
    explanation:
      'The Hurd\'s TCP/IP stack is the pfinet translator on /servers/socket/2 (and /servers/socket/26 for IPv6). Without it every socket(PF_INET) fails with EAFNOSUPPORT, printed as "Address family not supported by protocol". Under Xen the interface is the paravirtual eth0 (/dev/eth0), and the Xen page gives the settrans line.',
    docs: { url: HURD_NETWORKING, section: 'hurd-xen-facts.md #123, #137 (settrans -fgap /servers/socket/2 /hurd/pfinet -i /dev/eth0 ...)' },
    knowledge: 'networking',
    messages: { noServer: 'Nothing serves /servers/socket/2 in the Hurd: {{program}} cannot open an IPv4 socket ("Address family not supported by protocol").' },
  },
  check(ctx) {
    const hit = linesOf(ctx).map((l) => ({ line: l.line, m: NO_SOCKET.exec(l.text) })).find((x) => x.m !== null);
    if (!hit?.m || !IN_THE_HURD.test(ctx.text.slice(0, 65536))) return [];
    return [
      {
        messageId: 'noServer',
        data: { program: hit.m.groups?.program ?? 'the program' },
        line: hit.line,
        advice:
          'Set pfinet up, as root in the Hurd: settrans -fgap /servers/socket/2 /hurd/pfinet -i /dev/eth0 -a <ip> -g <gateway> -m <netmask> (older images: -i eth0); on Debian GNU/Hurd, /etc/network/interfaces with an eth0 stanza and ifup eth0 do the same.',
      },
    ];
  },
});
