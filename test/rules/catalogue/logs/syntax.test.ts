import { xlConfigSyntax, xmConfigSyntax, xmInvalidDiskSpec } from '../../../../rules/catalogue/logs/syntax.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

testLogRule(xmConfigSyntax, {
  valid: [
    { name: 'a traceback inside xm itself, not the config', log: 'Traceback (most recent call last):\n  File "/usr/sbin/xm", line 5, in <module>\n    from xen.xm import main\nImportError: No module named xen.xm' },
    {
      name: 'a SyntaxError inside an xm module (xm run by the wrong Python) is not the config\'s',
      log: 'root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\nTraceback (most recent call last):\n  File "/usr/lib/xen-4.0/lib/python/xen/xm/main.py", line 2301\n    print "Unknown command: %s" % cmd\n          ^\nSyntaxError: invalid syntax',
    },
    { name: 'xl parse error is HX626', log: '/etc/xen/hurd:1: config parsing error near `/boot/x\': lexical error' },
  ],
  invalid: [
    {
      name: 'a SyntaxError traceback whose frame does not name the config file',
      log: 'root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\nTraceback (most recent call last):\n  File "/usr/lib/xen-3.2-1/lib/python/xen/xm/create.py", line 1046, in parseCommandLine\n    opts.load_defconfig()\n  File "<string>", line 3\n    memory = 512MB\n                 ^\nSyntaxError: invalid syntax',
      findings: [{ messageId: 'syntaxErrorShown', mentions: ['/etc/xen/hurd', 'line 3', 'memory = 512MB'], notMentions: ['<string>'] }],
    },
    { name: 'Errors were found at line N', log: 'Error: Errors were found at line 4 while processing /etc/xen/hurd:\n\textra = "root=device:hd0"', findings: [{ messageId: 'syntaxErrorShown', mentions: ['line 4', 'line 3', 'bracket', 'xm create -n'] }] },
    { name: 'traceback pointing into the config', log: 'Using config file "./hurd".\nTraceback (most recent call last):\n  File "./hurd", line 5\n    vif = [ \'\'\nSyntaxError: invalid syntax', findings: [{ messageId: 'syntaxErrorShown', mentions: ['line 5', 'SyntaxError'] }] },
    {
      name: 'mixed: the config\'s own parse error is cited',
      log: 'Error: Errors were found at line 4 while processing /etc/xen/hurd:\n\textra = "root=device:hd0"',
      config: 'kernel = "/boot/gnumach-xen-pae"\nmemory = 256\ndisk = [\'phy:sda4,hda,w\'\nextra = "root=device:hd0"\n',
      findings: [{ messageId: 'syntaxErrorShown', mentions: ['in the config you gave, line'] }],
    },
  ],
});

testLogRule(xlConfigSyntax, {
  valid: [{ name: 'parsed fine', log: 'Parsing config from /etc/xen/hurd\nGNU Mach 1.8' }],
  invalid: [
    { name: 'unquoted path', log: "/etc/xen/hurd:1: config parsing error near `/boot/gnumach-xen-pae': lexical error\nFailed to parse config: Invalid argument", findings: [{ messageId: 'parseError', mentions: ['quote', 'kernel = "/boot/gnumach-xen-pae"', 'line 1'] }] },
    { name: 'dash in an option name, with the Python warning', log: "/xen/c.cfg:26: config parsing error near `-colors': lexical error\nwarning: Config file looks like it contains Python code.\nwarning:  Arbitrary Python is no longer supported.", findings: [{ messageId: 'parseError', mentions: ['line 26', "'_'", 'only xl\'s guess'] }] },
    { name: 'upper-case key', log: "hurd:2: config parsing error near `Memory': lexical error", findings: [{ messageId: 'parseError', mentions: ['lower case', 'memory'] }] },
    { name: 'a unit after a number (memory = 512M)', log: "/etc/xen/hurd.cfg:4: config parsing error near `M': lexical error\nFailed to parse config: Invalid argument", findings: [{ messageId: 'parseError', mentions: ['unit', 'memory = 512', 'MB'] }] },
    { name: 'a Python statement (import os) where a key = value line belongs', log: "/etc/xen/hurd.cfg:1: config parsing error near `os': syntax error, unexpected IDENT, expecting += or '='\nwarning: Config file looks like it contains Python code.", findings: [{ messageId: 'parseError', mentions: ['statement, not key = value', 'import os', 'literal'] }] },
    { name: 'bare word value', log: "hurd:6: config parsing error near `hurd': syntax error, unexpected IDENT, expecting STRING or NUMBER or '['", findings: [{ messageId: 'parseError', mentions: ['quotes'] }] },
    { name: 'a Python expression from an xm config (% formatting: no Python warning from libxlu)', log: "/etc/xen/hurd:3: config parsing error near `%': lexical error\nFailed to parse config: Invalid argument", findings: [{ messageId: 'parseError', mentions: ['Python', 'xm config', 'literal'] }] },
    { name: "Python's + between two lists (xm's way of joining disk lists)", log: "/etc/xen/hurd.cfg:5: config parsing error near `+': lexical error\nwarning: Config file looks like it contains Python code.", findings: [{ messageId: 'parseError', mentions: ['concatenation', 'one list'] }] },
    { name: 'CRLF line ends as cat -v shows them', log: "/etc/xen/hurd:1: config parsing error near `^M': lexical error\n/etc/xen/hurd:2: config parsing error near `^M': lexical error", findings: [{ messageId: 'parseError', mentions: ['CRLF', 'dos2unix'] }] },
    { name: 'comment at end of file without newline', log: "/etc/xen/hurd:7: config parsing error near `# end': lexical error", findings: [{ messageId: 'parseError', mentions: ['newline'] }] },
    { name: 'only the Python warning', log: 'warning: Config file looks like it contains Python code.\nwarning:  Arbitrary Python is no longer supported.\nFailed to parse config: Invalid argument', findings: [{ messageId: 'pythonCode', mentions: ['Python', 'xl -N create'] }] },
    {
      name: 'mixed: the config line is shown',
      log: "/etc/xen/hurd:2: config parsing error near `/boot/gnumach-xen-pae': lexical error",
      config: 'name = "hurd"\nkernel = /boot/gnumach-xen-pae\n',
      findings: [{ messageId: 'parseError', mentions: ['line 2 of your config is `kernel = /boot/gnumach-xen-pae`'] }],
    },
  ],
});

testLogRule(xmInvalidDiskSpec, {
  valid: [{ name: 'a good start', log: 'Started domain hurd (id=2)' }],
  invalid: [
    { name: 'two fields', log: 'Error: Invalid disk specifier: phy:sda4,hda', findings: [{ messageId: 'badEntry', mentions: ['phy:sda4,hda', '3 to 5'] }] },
    { name: 'disk given as a string', log: 'Error: Invalid disk specifier: p', findings: [{ messageId: 'notList', mentions: ["disk = ['phy:sda4,hda,w']", 'not a list'] }] },
  ],
});
