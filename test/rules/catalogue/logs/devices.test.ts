import { diskHotplug, diskInUse, vifHotplug } from '../../../../rules/catalogue/logs/devices.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const xm = (error: string) => `root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\n${error}\n`;

testLogRule(vifHotplug, {
  valid: [
    { name: 'a clean start', log: xm('Started domain hurd (id=5)') },
    { name: 'a disk failure is not a vif failure', log: xm('Error: Device 768 (vbd) could not be connected. Hotplug scripts not working.') },
    { name: 'GNU Mach reporting its NIC', log: "eth0: dom0's VIF 0  00:16:3e:00:00:01" },
  ],
  invalid: [
    { name: 'xm: hotplug scripts not working', log: xm('Error: Device 0 (vif) could not be connected. Hotplug scripts not working.'), findings: [{ messageId: 'scriptsDidNotFinish', mentions: ['vif', 'bridge-utils', 'comment out the vif line'], line: 3 }] },
    { name: 'xm: no bridge, none specified', log: xm('Error: Device 0 (vif) could not be connected. Could not find bridge, and none was specified'), findings: [{ messageId: 'noBridgeNamed', mentions: ['found no bridge', 'network-bridge'] }] },
    {
      name: 'xl: named bridge missing',
      log: 'libxl: error: libxl_device.c:1319:device_hotplug_child_death_cb: script: Could not find bridge device xenbr0\nlibxl: error: libxl_create.c:1921:domcreate_attach_devices: Domain 1:unable to add vif devices',
      findings: [{ messageId: 'bridgeMissing', mentions: ['xenbr0', 'xl never creates the bridge'], notMentions: ['xend-config.sxp'] }],
    },
    { name: 'a question quoting the short form', log: 'xm says vif could not be connected, what now', findings: [{ messageId: 'scriptFailed', mentions: ['vif', 'bridge'] }] },
    {
      name: 'mixed paste: the vif line is cited',
      log: xm('Error: Device 0 (vif) could not be connected. Hotplug scripts not working.'),
      config: "kernel = \"/boot/gnumach-xen-pae\"\nmemory = 256\nvif = [ 'bridge=br7' ]\n",
      findings: [{ messageId: 'bridgeMissing', mentions: ['line 3 of your config', 'br7'] }],
    },
  ],
});

testLogRule(diskHotplug, {
  valid: [
    { name: 'a vif failure', log: xm('Error: Device 0 (vif) could not be connected. Hotplug scripts not working.') },
    { name: 'the disk is mounted: that is HX603', log: xm('Error: Device 768 (vbd) could not be connected.\nDevice /dev/sda4 is mounted in the privileged domain,\nand so cannot be mounted by a guest.') },
  ],
  invalid: [
    { name: 'xm vbd hotplug timeout, 768 = hda', log: 'Error: Device 768 (vbd) could not be connected. Hotplug scripts not working.', findings: [{ messageId: 'scriptFailed', mentions: ['hda', 'mount |', 'losetup'] }] },
    { name: 'file image missing, 51712 = xvda', log: xm('Error: Device 51712 (vbd) could not be connected. /srv/hurd.img does not exist.'), findings: [{ messageId: 'pathMissing', mentions: ['/srv/hurd.img', 'xvda'] }] },
    { name: 'xl block script failed', log: 'libxl: error: libxl_exec.c:117:libxl_report_child_exitstatus: /etc/xen/scripts/block add [3011] exited with error status 1', findings: [{ messageId: 'scriptFailed', mentions: ['block hotplug script'] }] },
    {
      name: 'xl: phy: backend for an image file',
      log: 'libxl: error: libxl_device.c:300:disk_try_backend: Disk vdev=hda, backend phy unsuitable as phys path not a block device\nlibxl: error: libxl_device.c:400:libxl__device_disk_set_backend: no suitable backend for disk hda',
      findings: [{ messageId: 'notBlockDevice', mentions: ['not a block device', 'file:/srv/hurd.img,hda,w'] }],
    },
    { name: 'mixed paste cites the disk line', log: 'Error: Device 2049 (vbd) could not be connected. Hotplug scripts not working.', config: "disk = ['phy:sda4,sda1,w']\n", findings: [{ messageId: 'scriptFailed', mentions: ['line 1 of your config', 'sda1'] }] },
  ],
});

testLogRule(diskInUse, {
  valid: [
    { name: 'a missing path is not "in use"', log: xm('Error: Device 768 (vbd) could not be connected. /dev/sdz4 does not exist.') },
    { name: '"in use" about a name, not a disk', log: "Error: VM name 'hurd' already in use by domain 4" },
  ],
  invalid: [
    { name: 'mounted in dom0', log: xm('Error: Device 768 (vbd) could not be connected.\nDevice /dev/sda4 is mounted in the privileged domain,\nand so cannot be mounted by a guest.'), findings: [{ messageId: 'mountedInDom0', mentions: ['umount /dev/sda4', 'dom0'] }] },
    { name: 'used by another guest', log: 'Error: Device 768 (vbd) could not be connected.\nDevice /dev/vg0/hurd is mounted in a guest domain,\nand so cannot be mounted now.', findings: [{ messageId: 'usedByGuest', mentions: ['another guest', 'xm list'], notMentions: ['umount'] }] },
  ],
});
