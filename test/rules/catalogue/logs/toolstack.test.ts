import {
  bootloaderNoData,
  consoleFailure,
  nameInUse,
  noHypervisor,
  otherToolstackSelected,
  toolNotInstalled,
  xendBlocksXl,
  xendNotRunning,
  xlConfigNotFound,
  xlNameRequired,
} from '../../../../rules/catalogue/logs/toolstack.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const xm = (error: string) => `root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\n${error}\n`;

testLogRule(xendNotRunning, {
  valid: [
    { name: 'xm working', log: xm('Started domain hurd (id=1)') },
    { name: 'a socket error of some other program', log: '$ python fetch.py\nsocket.error: [Errno 111] Connection refused' },
  ],
  invalid: [
    { name: 'connection refused', log: xm('Error: Unable to connect to xend: Connection refused. Is xend running?'), findings: [{ messageId: 'notRunningBecause', mentions: ['/etc/init.d/xend start', 'xend.log', 'xl'] }] },
    { name: 'connection refused, Xen 3.0.0-3.0.2 wording', log: xm('Error: Error connecting to xend: Connection refused.  Is xend running?'), findings: [{ messageId: 'notRunningBecause', mentions: ['/etc/init.d/xend start'] }] },
    { name: 'socket missing', log: 'Error: Unable to connect to xend: No such file or directory. Is xend running?', findings: [{ messageId: 'notRunningBecause', mentions: ['not running'] }] },
    {
      name: 'old xm: the socket error escapes as a traceback',
      log: 'root@dom0:~# xm list\nTraceback (most recent call last):\n  File "/usr/lib/python2.4/socket.py", line 35, in connect\nsocket.error: (111, \'Connection refused\')',
      findings: [{ messageId: 'notRunningBecause', mentions: ['not running', '/etc/init.d/xend start'] }],
    },
    { name: 'not root', log: 'Error: Unable to connect to xend: Permission denied. Is xend running?', findings: [{ messageId: 'notRoot', mentions: ['root'], notMentions: ['init.d'] }] },
  ],
});

testLogRule(toolNotInstalled, {
  valid: [{ name: 'another program missing', log: 'bash: brctl: command not found' }],
  invalid: [
    { name: 'bash', log: 'root@bookworm:~# xm create -c hurd\nbash: xm: command not found', findings: [{ messageId: 'noXm', mentions: ['xl create -c /etc/xen/hurd', 'name = "hurd"'] }] },
    { name: 'dash', log: '# xm list\nsh: 1: xm: not found', findings: [{ messageId: 'noXm', mentions: ['xl'] }] },
    { name: 'ubuntu command-not-found', log: "Command 'xm' not found, did you mean:", findings: [{ messageId: 'noXm', mentions: ['4.5'] }] },
    { name: 'xl itself missing', log: '$ xl list\nbash: xl: command not found', findings: [{ messageId: 'noXl', mentions: ['sudo xl', 'Xen packages'] }] },
  ],
});

testLogRule(xendBlocksXl, {
  valid: [{ name: 'xend merely mentioned', log: 'I stopped xend yesterday' }],
  invalid: [{ name: 'xl refuses', log: 'xend is running, which may cause unpredictable results when using\nthis xl command.  Please shut down xend before continuing.', findings: [{ messageId: 'xendRunning', mentions: ['/etc/init.d/xend stop', 'xl -f'] }] }],
});

testLogRule(noHypervisor, {
  valid: [{ name: 'xl list output', log: 'Name ID Mem VCPUs State Time(s)\nDomain-0 0 1024 2 r----- 10.0' }],
  invalid: [
    { name: 'no privcmd', log: 'xc: error: Could not obtain handle on privileged command interface (2 = No such file or directory): Internal error', findings: [{ messageId: 'noHypervisor', mentions: ['/sys/hypervisor/type'] }] },
    { name: 'no xenstore', log: 'libxl: error: libxl.c:89:libxl_ctx_alloc: cannot connect to xenstore: No such file or directory', findings: [{ messageId: 'noXenstore', mentions: ['xenstored', 'xencommons'] }] },
  ],
});

testLogRule(nameInUse, {
  valid: [{ name: 'a new domain', log: xm('Started domain hurd (id=3)') }],
  invalid: [
    { name: 'xm 3.2+', log: xm("Error: Domain 'hurd' already exists with ID '3'"), findings: [{ messageId: 'existsWithId', mentions: ['ID 3', 'xm destroy hurd', 'xm console hurd'] }] },
    { name: 'xm 3.0', log: "Error: VM name 'gnu' already in use by domain 4", findings: [{ messageId: 'existsWithId', mentions: ["'gnu'", 'destroy gnu'] }] },
    { name: 'xl', log: 'root@h:~# xl create /etc/xen/hurd\nlibxl: error: libxl_domain.c:190:libxl__domain_rename: Domain 6:Domain with name "hurd" already exists.', findings: [{ messageId: 'exists', mentions: ['xl list', 'xl destroy hurd'] }] },
    { name: 'mixed: cites the name line', log: xm("Error: Domain 'hurd' already exists with ID '3'"), config: 'name = "hurd"\n', findings: [{ messageId: 'existsWithId', mentions: ['line 1 of your config'] }] },
  ],
});

testLogRule(consoleFailure, {
  valid: [{ name: 'console attached', log: xm('Started domain hurd (id=3)\nGNU Mach 1.4') }],
  invalid: [
    { name: 'no tty in xenstore', log: 'root@dm:~# xm create -c /etc/xen/w\nUsing config file "/etc/xen/w".\nStarted domain w\nxenconsole: Could not read tty from store: No such file or directory', findings: [{ messageId: 'noConsole', mentions: ['xenconsoled', 'xm console w'] }] },
    { name: 'xl', log: 'root@h:~# xl create -c /etc/xen/hurd\nxenconsole: Could not open tty `/dev/pts/5\': No such file or directory', findings: [{ messageId: 'noConsole', mentions: ['xl list'] }] },
  ],
});

testLogRule(xlConfigNotFound, {
  valid: [{ name: 'config read', log: 'Parsing config from /etc/xen/hurd' }],
  invalid: [
    { name: 'relative name', log: 'root@h:~# xl create -c hurd\nFailed to read config file: hurd: No such file or directory', findings: [{ messageId: 'relativePath', mentions: ['xl create -c /etc/xen/hurd', 'does not look in /etc/xen'] }] },
    { name: 'absolute path missing', log: 'Failed to read config file: /etc/xen/hurd.cfg: No such file or directory', findings: [{ messageId: 'notThere', mentions: ['ls -l /etc/xen/'] }] },
  ],
});

testLogRule(xlNameRequired, {
  valid: [{ name: 'named', log: 'Parsing config from /etc/xen/hurd' }],
  invalid: [{ name: 'no name', log: 'Parsing config from /etc/xen/hurd\nDomain name must be specified.', findings: [{ messageId: 'noName', mentions: ['name = "hurd"'] }] }],
});

testLogRule(bootloaderNoData, {
  valid: [{ name: 'direct boot', log: xm('Started domain hurd (id=3)') }],
  invalid: [{ name: 'pygrub', log: xm("Error: Boot loader didn't return any data!"), config: 'bootloader = "/usr/bin/pygrub"\n', findings: [{ messageId: 'noData', mentions: ['pv-grub', 'line 1 of your config', 'hurd-modules'] }] }],
});

testLogRule(otherToolstackSelected, {
  valid: [
    { name: 'xl working on a Debian host', log: 'root@wheezy:~# xl create -c /etc/xen/hurd\nParsing config from /etc/xen/hurd' },
    { name: 'xend refusing xl is another rule', log: 'xend is running, which may cause unpredictable results when using\nthis xl command.  Please shut down xend before continuing.' },
  ],
  invalid: [
    {
      name: 'xm on a host set to xl (Debian wrapper)',
      log: 'root@wheezy:~# xm create -c /etc/xen/hurd\nERROR:  A different toolstack (xl) have been selected!',
      findings: [{ messageId: 'xlSelected', mentions: ['TOOLSTACK', '/etc/default/xen', 'xl create -c /etc/xen/hurd'] }],
    },
    {
      name: 'xl on a host set to xm, "has been" spelling',
      log: '$ sudo xl info\nERROR:  A different toolstack (xm) has been selected!',
      findings: [{ messageId: 'otherSelected', mentions: ['TOOLSTACK=xl', 'xend'] }],
    },
  ],
});
