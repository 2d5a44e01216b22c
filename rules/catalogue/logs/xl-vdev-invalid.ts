/**
 * HX678: libxl refuses the vdev of a disk line. A message-driven rule in one file: the wording libxl prints (found by
 * the engine's one pass over the paste), what it means for the Hurd and the fix; its table test is
 * test/rules/catalogue/logs/xl-vdev-invalid.test.ts.
 *
 * libxl numbers every vdev before it attaches the disk (libxl__device_disk_dev_number: xvd<letters>, hd a-d, sd a-p,
 * d<n>p<n> or a plain number) and gives up on the disk with "Invalid or unsupported virtual disk identifier". For the
 * Hurd the usual cause is GNU Mach's name written where Xen's belongs: hd0 is what GNU Mach calls the vdev hda.
 * The disk setup then also fails with "unable to add disk devices", which alone reads like a hotplug failure (HX602):
 * this rule says it more precisely, so HX602 gives way.
 */
import { cite, setting } from '../../logs/settings.js';
import { machNameToVdev } from '../../logs/vdev.js';
import { defineRule } from '../define.js';
import { XEN_TREE } from '../sources.js';

/** Names libxl__device_disk_dev_number accepts among those a GNU Mach name maps to (hd: 4 disks, sd: 16, xvd: any). */
const LIBXL_NUMBERS = /^(?:hd[a-d]|sd[a-p]|xvd[a-z])/;

export const xlVdevInvalid = defineRule({
  meta: {
    id: 'HX678',
    name: 'xl-vdev-invalid',
    title: 'libxl refuses the vdev of a disk line',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: "libxl refused a disk's vdev: it must be a Xen virtual disk name such as hda, sda or xvda (hd0 is GNU Mach's name for hda).",
    explanation:
      'libxl turns the vdev of each disk line into a Xen device number and refuses the disk with "Invalid or unsupported virtual disk identifier" when it cannot: the vdev must be xvda, xvdb, ..., hda-hdd, sda-sdp (or d0p1 style). GNU Mach names the disks after the vdev (hda -> hd0, sda -> sd0, xvda -> xvd0), so root=device:hd0 is right in extra, but the disk line itself needs the Xen name hda.',
    docs: {
      url: `${XEN_TREE}/tools/libs/light/libxl_disk.c`,
      section: 'libxl__device_from_disk: LOGD(ERROR, domid, "Invalid or unsupported virtual disk identifier %s"); libxl_device.c libxl__device_disk_dev_number',
    },
    knowledge: 'disk',
    messages: {
      machName: "libxl cannot use the vdev `{{vdev}}` of the disk line: that is GNU Mach's name for the Xen vdev {{xenName}}, not a Xen vdev.{{fromConfig}}",
      notVdev: 'libxl cannot use the vdev `{{vdev}}` of the disk line: it is not a Xen virtual disk name (xvda, hda-hdd, sda-sdp).{{fromConfig}}',
    },
    wordings: [
      {
        pattern: /Invalid or unsupported virtual disk identifier (?<vdev>\S{1,40})/,
        printedBy: 'libxl 4.1+: libxl__device_from_disk and device_disk_add (tools/libxl/libxl.c, libxl_disk.c since 4.10, tools/libs/light since 4.15)',
        example: 'libxl: error: libxl_disk.c:248:libxl__device_from_disk: Domain 3:Invalid or unsupported virtual disk identifier hd0',
      },
    ],
    supersedes: ['HX602'],
  },
  check(ctx) {
    const vdev = ctx.match.groups.vdev ?? '';
    const xenName = machNameToVdev(vdev);
    const disk = setting(ctx, 'disk');
    const fromConfig = disk ? ` The disk is set on ${cite(disk)}.` : '';
    if (xenName && LIBXL_NUMBERS.test(xenName)) {
      return [
        {
          messageId: 'machName',
          data: { vdev, xenName, fromConfig },
          line: ctx.match.line,
          advice: `Write the Xen name in the disk line, ${xenName} instead of ${vdev} (e.g. disk = ['phy:/dev/sda4,${xenName},w']). GNU Mach calls that disk ${vdev}, so root=device:${vdev} in extra stays as it is.`,
        },
      ];
    }
    return [
      {
        messageId: 'notVdev',
        data: { vdev, fromConfig },
        line: ctx.match.line,
        advice: 'Use a Xen vdev in the disk line, e.g. disk = [\'phy:/dev/sda4,hda,w\'] (or xvda); GNU Mach calls hda hd0, so extra = "root=device:hd0".',
      },
    ];
  },
});
