/** HX6xx: network (vif) and disk (vbd) devices that xm/xl could not attach. */
import { DISK_WORD, NOT_A_BLOCK_DEVICE } from '../../patterns/logs.js';
import { eventsWithKind, hasKind, toolstackOf } from '../../logs/query.js';
import { cite, listValue, setting } from '../../logs/settings.js';
import { vbdNumberToVdev } from '../../logs/vdev.js';
import type { LogEvent } from '../../logs/types.js';
import type { LogContext } from '../../types.js';
import { defineRule, once } from '../define.js';
import { HURD_QEMU_DISCUSSION, HURD_WIKI, XEN_XM_TREE } from '../sources.js';

function deviceClass(e: LogEvent): string {
  return (e.data.devclass ?? '').toLowerCase();
}

function isVifEvent(e: LogEvent): boolean {
  if (hasKind(e, 'device-not-connected')) return deviceClass(e) === 'vif';
  if (hasKind(e, 'vif-not-connected')) return true;
  if (hasKind(e, 'bridge-not-found') || hasKind(e, 'bridge-does-not-exist')) return true;
  if (hasKind(e, 'hotplug-script-failed')) return (e.data.script ?? '').startsWith('vif');
  if (hasKind(e, 'unable-to-add-devices')) return deviceClass(e) === 'vif' || deviceClass(e) === 'nic';
  return false;
}

function isDiskEvent(e: LogEvent): boolean {
  if (hasKind(e, 'device-not-connected')) return ['vbd', 'tap', 'tap2', 'qdisk'].includes(deviceClass(e));
  if (hasKind(e, 'hotplug-script-failed')) return (e.data.script ?? '').startsWith('block');
  if (hasKind(e, 'unable-to-add-devices')) return ['disk', 'vbd'].includes(deviceClass(e));
  return hasKind(e, 'failed-to-stat') || hasKind(e, 'loop-exhausted') || hasKind(e, 'disk-backend-unsuitable');
}

function bridgeFromVif(ctx: LogContext): string | undefined {
  for (const spec of listValue(setting(ctx, 'vif'))) {
    const at = spec.indexOf('bridge=');
    if (at >= 0) return spec.slice(at + 7).split(',')[0]?.trim();
  }
  return undefined;
}

export const vifHotplug = defineRule({
  meta: {
    id: 'HX601',
    decidedBy: { what: 'the output of `brctl show` (or `ip link show type bridge`) in dom0', why: 'to tell a bridge that does not exist from hotplug scripts that fail', shownBy: /\bbridge name\s{1,20}bridge id\b|\bbrctl: (?:command )?not found\b/ },
    name: 'vif-hotplug',
    title: 'The network interface (vif) could not be connected',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'Xen could not attach the guest\'s network interface: the vif hotplug script failed, usually because the bridge does not exist.',
    explanation:
      'When a guest starts, Xen runs the vif-bridge hotplug script to plug its virtual NIC into a bridge on dom0. xm reports a failure as "Device 0 (vif) could not be connected", xl as "vif-bridge ... exited with error status" and "Could not find bridge device". The Hurd wiki calls this a Xen networking-script problem: set up the bridge (network-bridge with bridge-utils under xend, or a bridge made by the distribution), or comment out the vif line to boot without network.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #130, #131, #134, #138; "Running Hurd with Xen"' },
    knowledge: 'error-vif-hotplug',
    triggers: ['device-not-connected', 'vif-not-connected', 'bridge-not-found', 'bridge-does-not-exist', 'hotplug-script-failed', 'unable-to-add-devices'],
    messages: {
      bridgeMissing:
        "The guest's network interface (vif) could not be connected: the bridge `{{bridge}}` does not exist on dom0, so the vif-bridge hotplug script failed.{{fromConfig}}",
      noBridgeNamed:
        "The guest's network interface (vif) could not be connected: the vif-bridge hotplug script found no bridge on dom0, and the vif line names none.{{fromConfig}}",
      scriptsDidNotFinish:
        "The guest's network interface (vif) could not be connected: Xen's network hotplug scripts did not finish (no usable bridge, or the scripts did not run at all: udev must run them through Xen's xen-backend.rules, so check that udevd runs and that rules file is installed).{{fromConfig}}",
      scriptFailed: "The guest's network interface (vif) could not be connected: the vif hotplug script failed.{{fromConfig}}",
    },
  },
  check(ctx) {
    const events = ctx.events.filter(isVifEvent);
    const first = events[0];
    if (!first) return [];
    const named = events.find((e) => e.data.bridge)?.data.bridge ?? bridgeFromVif(ctx);
    const noneSpecified = events.some((e) => e.data.none !== undefined);
    const notWorking = events.some((e) => hasKind(e, 'hotplug-not-working'));
    const tool = toolstackOf(ctx.events);
    const vif = setting(ctx, 'vif');
    const messageId = named ? 'bridgeMissing' : noneSpecified ? 'noBridgeNamed' : notWorking ? 'scriptsDidNotFinish' : 'scriptFailed';
    const data = { bridge: named, fromConfig: vif ? ` The interface comes from ${cite(vif)}.` : '' };
    const bridge = named ?? (tool === 'xl' ? 'xenbr0' : 'br0');
    const create =
      tool === 'xl'
        ? `xl never creates the bridge itself: make \`${bridge}\` with your distribution's network configuration (e.g. in /etc/network/interfaces: \`auto ${bridge}\`, \`iface ${bridge} inet dhcp\`, \`bridge_ports eth0\`; needs the bridge-utils package), bring it up with \`ifup ${bridge}\` and check with \`brctl show\` or \`ip link show type bridge\`.`
        : `Either let xend build a bridge: in /etc/xen/xend-config.sxp set \`(network-script network-bridge)\` and \`(vif-script vif-bridge)\` and restart xend (this needs the bridge-utils package); or, as the Hurd wiki's networking page recommends, define a bridge such as br0 in /etc/network/interfaces, use \`(network-script network-dummy)\` and name it in the vif: \`vif = [ 'bridge=br0' ]\`. \`brctl show\` lists the bridges that exist.`;
    const advice = `${create} If a bridge exists under another name, put it in the vif line (\`vif = [ 'bridge=<name>' ]\`). To boot the Hurd without network for now, comment out the vif line. Details of the hotplug failure are in /var/log/xen/xen-hotplug.log.`;
    return once({ messageId, data, advice, line: first.line });
  },
});

export const diskHotplug = defineRule({
  meta: {
    id: 'HX602',
    decidedBy: { what: 'the output of `ls -l` on the disk\'s dom0 path (for a logical volume, `lvscan`)', why: 'to tell a path that does not exist from a volume that is not active', shownBy: /\bls: cannot access\b|^\s{0,8}(?:ACTIVE|inactive)\s{2,40}'/m },
    name: 'disk-hotplug',
    title: 'The virtual disk (vbd) could not be connected',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'Xen could not attach the guest\'s disk: the device or image in the disk line is missing, busy, or the block hotplug script failed.',
    explanation:
      'For each disk entry Xen runs the block hotplug script on dom0, which checks that the backend (a phy: device or a file: image via a loop device) exists and is not in use. xm reports "Device 768 (vbd) could not be connected" (768 is hda); xl reports the failing block script or "failed to stat". Causes: a path that does not exist on dom0, a device mounted or used elsewhere, or no free loop device for file: images.',
    docs: { url: `${XEN_XM_TREE}/tools/python/xen/xend/server/DevController.py`, section: 'hurd-xen-facts.md #132, #188; xen-config-keys.md "Disk specification"' },
    knowledge: 'error-disk',
    triggers: ['device-not-connected', 'hotplug-script-failed', 'unable-to-add-devices', 'failed-to-stat', 'loop-exhausted', 'disk-backend-unsuitable'],
    messages: {
      notBlockDevice:
        'The {{disk}} could not be connected: the disk line says phy: (a block device), but its target is not a block device (an image file, or a missing path).{{fromConfig}}',
      pathMissing: 'The {{disk}} could not be connected: `{{path}}` does not exist on dom0.{{fromConfig}}',
      noLoopDevice: 'The {{disk}} could not be connected: no free loop device was left for the file: image.{{fromConfig}}',
      scriptFailed: 'The {{disk}} could not be connected: the block hotplug script failed or did not finish (missing or busy backend device).{{fromConfig}}',
    },
  },
  check(ctx) {
    if (ctx.events.some((e) => hasKind(e, 'mounted-in-domain') || (hasKind(e, 'device-in-use') && DISK_WORD.test(e.text)))) return [];
    const events = ctx.events.filter(isDiskEvent);
    const diskLinesMissing = eventsWithKind(ctx.events, 'path-does-not-exist').filter((e) => e.type !== 'command');
    const first = events[0];
    if (!first) return [];
    const devid = events.find((e) => e.data.devid)?.data.devid;
    const vdev = devid ? vbdNumberToVdev(Number(devid)) : undefined;
    const missing = [...events, ...diskLinesMissing].find((e) => e.data.path)?.data.path;
    const loop = events.some((e) => hasKind(e, 'loop-exhausted'));
    const which = devid ? `disk ${devid}${vdev ? ` (that number is vdev ${vdev})` : ''}` : 'guest disk';
    const notBlock = ctx.events.some((e) => e.type !== 'command' && NOT_A_BLOCK_DEVICE.test(e.text));
    const messageId = notBlock ? 'notBlockDevice' : missing ? 'pathMissing' : loop ? 'noLoopDevice' : 'scriptFailed';
    const disk = setting(ctx, 'disk');
    const data = { disk: which, path: missing, fromConfig: disk ? ` The disk comes from ${cite(disk)}.` : '' };
    const advice =
      'Check the disk line against dom0: the phy: device or file: image must exist (`ls -l /dev/sda4`, or an LVM path like phy:/dev/vg0/hurd), must not be mounted in dom0 (`mount | grep sda4`) and must not be used by another running guest (`xm list` / `xl list`). ' +
      'For file: images add loop devices (`losetup -a` shows the used ones; `modprobe loop max_loop=64`). /var/log/xen/xen-hotplug.log has the script\'s own message.';
    const imageAdvice = notBlock
      ? 'For an image file write the disk line as file:/srv/hurd.img,hda,w (xl also takes a plain path: \'/srv/hurd.img,raw,hda,rw\'); phy: is only for block devices such as /dev/sda4 or /dev/vg0/hurd. '
      : '';
    return once({ messageId, data, advice: imageAdvice + advice, line: first.line });
  },
});

export const diskInUse = defineRule({
  meta: {
    id: 'HX603',
    decidedBy: { what: 'the output of `xm list` (or `xl list`)', why: 'to see which other guest holds the disk', shownBy: /^\s{0,4}Name\s{1,60}ID\s{1,20}Mem\b/m },
    name: 'disk-in-use',
    title: 'The disk is mounted in dom0 or used by another guest',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The disk given to the guest is mounted in dom0 (or used by another domain), so Xen refuses to attach it.',
    explanation:
      'Xen\'s block script refuses a writable device that is mounted in the privileged domain (dom0) or already attached to another guest. Never have the Hurd\'s filesystem mounted in dom0 while the guest uses it: Linux caches lead to an inconsistent filesystem.',
    docs: { url: HURD_QEMU_DISCUSSION, section: 'hurd-xen-facts.md #89, #132; xen.git tools/hotplug/Linux/block (do_ebusy)' },
    knowledge: 'error-disk',
    triggers: ['mounted-in-domain', 'device-in-use'],
    messages: {
      usedByGuest: '{{what}} is already in use by another guest domain, so Xen will not attach it to this one.',
      mountedInDom0: '{{what}} is mounted in dom0 (the privileged domain), so Xen will not give it to the guest.',
      inUse: '{{what}} is already in use, so Xen will not attach it to the guest.',
    },
  },
  check(ctx) {
    const event = ctx.events.find((e) => hasKind(e, 'mounted-in-domain') || (hasKind(e, 'device-in-use') && DISK_WORD.test(e.text)));
    if (!event) return [];
    const device = ctx.events.find((e) => hasKind(e, 'mounted-device'))?.data.device;
    const where = event.data.where;
    const what = device ? `\`${device}\`` : 'The disk';
    const messageId = where === 'guest' ? 'usedByGuest' : where === 'privileged' ? 'mountedInDom0' : 'inUse';
    const dev = device ?? '/dev/sda4';
    const advice =
      where === 'guest'
        ? `Find the other guest with \`xm list\` / \`xl list\` (and \`xm block-list <domain>\`), then shut that guest down (\`xl shutdown <domain>\`, or \`xl destroy <domain>\` if it hangs) or give each guest its own disk.`
        : `Unmount it in dom0 first: \`umount ${dev}\` (and drop it from /etc/fstab if it is mounted at boot), then start the guest again. Do not mount the Hurd's filesystem in dom0 while the guest runs.`;
    return once({ messageId, data: { what }, advice, line: event.line });
  },
});

export const deviceLogRules = [vifHotplug, diskHotplug, diskInUse];
