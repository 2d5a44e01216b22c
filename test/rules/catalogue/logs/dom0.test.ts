/** What dom0's own tools show (issue 13/16): each reader against the outputs people paste. */
import { bridgesOnDom0, capsKernelMismatch, domainPaused, kernelFileNotBinary, pv32Unavailable } from '../../../../rules/catalogue/logs/dom0.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const info = (caps: string) => ['host                   : box', 'machine                : x86_64', `xen_caps               : ${caps}`, 'xen_version            : 4.17.3'].join('\n');

testLogRule(pv32Unavailable, {
  valid: [
    { name: '64-bit Xen with 32-bit PV on', log: info('xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 xen-3.0-x86_32p') },
    { name: 'an old 32-bit PAE Xen', log: info('xen-3.0-x86_32p') },
    { name: 'CET mentioned but PV32 kept', log: '(XEN) Enabling Supervisor Shadow Stacks\n(XEN) Dom0 has maximum 8 VCPUs' },
  ],
  invalid: [
    { name: 'xen_caps without x86_32p', log: info('xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64'), findings: [{ messageId: 'noPv32Caps', mentions: ['no xen-3.0-x86_32p', 'CONFIG_PV32', 'pv=32'] }] },
    { name: 'CET switched PV32 off', log: '(XEN) Enabling Supervisor Shadow Stacks\n(XEN)   - Disabling PV32 due to CET\n(XEN) System RAM: 32542MB', findings: [{ messageId: 'offByCet', mentions: ['cet=no-shstk'] }] },
  ],
});

testLogRule(capsKernelMismatch, {
  valid: [
    { name: 'PAE hypervisor, PAE kernel', log: `${info('xen-3.0-x86_32p')}\nkernel = "/boot/gnumach-xen-pae"` },
    { name: 'no caps line', log: 'kernel = "/boot/gnumach-xen-nonpae"' },
  ],
  invalid: [
    { name: 'PAE hypervisor, non-PAE kernel', log: `${info('xen-3.0-x86_32p')}\nkernel = "/boot/gnumach-xen-nonpae"`, findings: [{ messageId: 'nonPaeKernel', mentions: ['gnumach-xen-pae', 'x86_32p'] }] },
    { name: 'non-PAE hypervisor, PAE kernel', log: `${info('xen-3.0-x86_32')}\nkernel = "/boot/gnumach-xen-pae"`, findings: [{ messageId: 'paeKernel', mentions: ['gnumach-xen-nonpae'] }] },
    { name: 'the capabilities alone: a note of what they allow', log: info('xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_64'), findings: [{ messageId: 'paeCaps', severity: 'info', mentions: ['gnumach-xen-pae'] }] },
  ],
});

testLogRule(kernelFileNotBinary, {
  valid: [
    { name: 'an ELF kernel', log: '/boot/gnumach-xen-pae: ELF 32-bit LSB executable, Intel 80386, version 1 (SYSV), statically linked' },
    { name: 'some other HTML file', log: '/var/www/index.html: HTML document text' },
  ],
  invalid: [{ name: 'wget saved the page', log: '# file /boot/gnumach-xen-pae\n/boot/gnumach-xen-pae: HTML document text', findings: [{ messageId: 'notBinary', mentions: ['web page', 'Download the file itself again'] }] }],
});

testLogRule(domainPaused, {
  valid: [{ name: 'running', log: 'Name  ID   Mem VCPUs\tState\tTime(s)\nDomain-0  0  4096  4  r-----  1021.7\nhurd  12  512  1  -b----  3.2' }],
  invalid: [{ name: 'created with -p', log: 'Name  ID   Mem VCPUs\tState\tTime(s)\nDomain-0  0  4096  4  r-----  1021.7\nhurd  12  512  1  --p---  0.0', findings: [{ messageId: 'paused', mentions: ['xl unpause hurd'] }] }],
});

testLogRule(bridgesOnDom0, {
  valid: [{ name: 'a bridge exists and the vif names it', log: "bridge name\tbridge id\t\tSTP enabled\tinterfaces\nxenbr0\t\t8000.001122334455\tno\t\teth0\nvif = [ 'bridge=xenbr0' ]" }],
  invalid: [
    { name: 'brctl lists none', log: '# brctl show\nbridge name\tbridge id\t\tSTP enabled\tinterfaces\n# ', findings: [{ messageId: 'noBridge', mentions: ['no bridge', 'bridge-utils'] }] },
    { name: 'the vif wants xenbr0, dom0 has br0', log: "3: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\nlibxl: error: bridge xenbr0 does not exist", findings: [{ messageId: 'otherBridges', mentions: ["bridge=br0", 'vif.default.bridge'] }] },
  ],
});
