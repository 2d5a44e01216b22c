/** HX686 vbd-read-only, a one-file rule: GNU Mach's own boot line says the root disk is read-only. */
import { vbdReadOnly } from '../../../../rules/catalogue/logs/vbd-read-only.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

testLogRule(vbdReadOnly, {
  valid: [
    { name: 'a writable root disk', log: "hd0: dom0's VBD 768 (sda4,w) 10240MB\nstart ext2fs: hd0 count 1" },
    { name: 'a read-only second disk (a CD image) beside a writable root', log: "hd0: dom0's VBD 768 (sda4,w) 10240MB\nhd1: dom0's VBD 832 (/srv/debian.iso,r) 600MB" },
    { name: 'root=device: names the writable disk', log: "hd0: dom0's VBD 768 (/srv/iso,r) 600MB\nhd1: dom0's VBD 832 (sda4,w) 10240MB", config: 'extra = "root=device:hd1"\n' },
  ],
  invalid: [
    {
      name: 'the only disk read-only, then the Hurd cannot write',
      log: "hd0: dom0's VBD 768 (sda4,r) 10240MB\n[...]\nroot@hurd:~# touch /root/x\ntouch: cannot touch `/root/x': Read-only file system",
      findings: [{ messageId: 'rootReadOnly', line: 1, mentions: ['hd0', 'read-only', 'phy:sda4,hda,w'] }],
    },
    {
      name: 'the disk root=device: names, with the config pasted along',
      log: "hd0: dom0's VBD 768 (sda4,w) 10240MB\nhd1: dom0's VBD 832 (sda5,r) 4096MB",
      config: "disk = ['phy:sda4,hda,w', 'phy:sda5,hdb,r']\nextra = \"root=device:hd1\"\n",
      findings: [{ messageId: 'rootReadOnly', line: 2, mentions: ['hd1', 'line 1 of your config'] }],
    },
  ],
});
