/** HX6xx: booting the Hurd through pv-grub (GRUB legacy) or pvgrub2 (GRUB 2's Xen port). */
import { EXT2FS_WORD, MULTIBOOT_COMMAND_LINE_UNEXPANDED, TYPED_ROOT_ARGUMENT, GRUB_DEVICE_PATH, GRUB_XEN_ARCH_NUMBER, PVGRUB_MENTION, TASK_CREATE, TASK_RESUME } from '../../patterns/logs.js';
import { firstWithKind } from '../../logs/query.js';
import { pasteLines } from '../../logs/lines.js';
import { cite, listValue, setting, stringValue } from '../../logs/settings.js';
import type { LogContext } from '../../types.js';
import { defineRule, once } from '../define.js';
import { DEBIAN_GRUB_XEN_HOST, HURD_WIKI, HURD_WIKI_2013 } from '../sources.js';

/** The paste or its config is about pv-grub: only then are GRUB's errors ours to explain. */
function aboutPvGrub(ctx: LogContext): boolean {
  const kernel = stringValue(setting(ctx, 'kernel'));
  const extra = stringValue(setting(ctx, 'extra'));
  return PVGRUB_MENTION.test(ctx.text) || (kernel !== undefined && PVGRUB_MENTION.test(kernel)) || (extra !== undefined && GRUB_DEVICE_PATH.test(extra));
}

/**
 * The ext2fs module's command line (GNU Mach prints each as "module N: ...", a GRUB entry holds it) when it ends at
 * its "-T typed <root>" without $(task-create) $(task-resume); a line wrapped in the paste may carry them on the
 * next line.
 */
function moduleLineWithoutTasks(ctx: LogContext): { line: number; missing: string } | undefined {
  const lines = ctx.lines ?? pasteLines(ctx.text);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (!EXT2FS_WORD.test(text) || !MULTIBOOT_COMMAND_LINE_UNEXPANDED.test(text) || !TYPED_ROOT_ARGUMENT.test(text)) continue;
    const withNext = `${text} ${lines[i + 1]?.text ?? ''}`;
    const missing = [TASK_CREATE.test(withNext) ? '' : '$(task-create)', TASK_RESUME.test(withNext) ? '' : '$(task-resume)'].filter(Boolean);
    if (missing.length > 0) return { line: lines[i]!.line, missing: missing.join(' ') };
  }
  return undefined;
}

export const pvgrubMenuNotFound = defineRule({
  meta: {
    id: 'HX628',
    name: 'pvgrub-menu-not-found',
    title: 'pv-grub cannot find the partition or menu.lst named in extra',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'pv-grub could not open the GRUB menu named in extra: with a VBD that is itself the filesystem (phy:sda4,hda) use "(hd0)/boot/grub/menu.lst", not (hd0,N).',
    explanation:
      'With pv-grub, extra holds the path of GRUB\'s menu.lst on the guest disk, in GRUB naming: (hd0,N) is partition N inside the first VBD, (hd0) a VBD that is itself the filesystem, as a partition exported as hda is. The 2011 wiki sample said (hd0,1); the 2015 revision changed it to (hd0) for the phy:sda4,hda disk. GRUB legacy answers a wrong partition with "Error 22: No such partition" (or 17, 21), a wrong file with "Error 15: File not found".',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #107, #157, #160' },
    knowledge: 'pv-grub',
    messages: {
      fileMissing: 'pv-grub found the disk but not the file: the menu.lst path in extra does not exist on the guest filesystem.{{fromConfig}}',
      commandLine: 'pv-grub found no menu.lst at the path in extra, so it stopped at its own command line (grubdom>).{{fromConfig}}',
      commandLineInVbd:
        'pv-grub found no menu.lst at the path in extra, so it stopped at its own command line (grubdom>).{{fromConfig}} ({{disk}},{{part}}) asks for a partition inside the VBD; a VBD that is itself the filesystem is ({{disk}}).',
      noPartition: 'pv-grub cannot open the partition named in extra (GRUB: {{grub}}).{{fromConfig}}',
      partitionInVbd:
        'pv-grub cannot open the partition named in extra (GRUB: {{grub}}).{{fromConfig}} ({{disk}},{{part}}) asks for a partition inside the VBD; a VBD that is itself the filesystem is ({{disk}}).',
    },
  },
  check(ctx) {
    // a GRUB error about the disk or file, or else pv-grub's prompt: it found no menu to show
    const event = firstWithKind(ctx.events, 'grub-legacy-error') ?? firstWithKind(ctx.events, 'pvgrub-prompt');
    if (!event || !aboutPvGrub(ctx)) return [];
    const atPrompt = event.data.code === undefined;
    const extra = setting(ctx, 'extra');
    const extraPath = stringValue(extra);
    const device = extraPath ? GRUB_DEVICE_PATH.exec(extraPath)?.groups : undefined;
    const fileMissing = event.data.code === '15';
    const disk = listValue(setting(ctx, 'disk'))[0];
    const fromConfig = extra ? ` extra is set on ${cite(extra)}.` : '';
    const messageId = atPrompt
      ? device?.part !== undefined
        ? 'commandLineInVbd'
        : 'commandLine'
      : fileMissing
        ? 'fileMissing'
        : device?.part !== undefined
          ? 'partitionInVbd'
          : 'noPartition';
    return once({
      line: event.line,
      messageId,
      data: { grub: event.text.trim(), fromConfig, disk: device?.disk, part: device?.part },
      advice: fileMissing || (atPrompt && device?.part === undefined)
        ? 'Check inside the Hurd filesystem that /boot/grub/menu.lst exists and holds a Hurd entry (kernel line for the Xen GNU Mach with root=..., module lines for ext2fs.static and exec), and that extra names it, e.g. extra = "(hd0)/boot/grub/menu.lst". A Hurd installed from the Debian CD boots with GRUB 2 and has only /boot/grub/grub.cfg: pv-grub is GRUB legacy and reads menu.lst alone, so write a menu.lst for it, or boot through pvgrub2 (grub-i386-xen.bin), which reads grub.cfg.'
        : `Use extra = "(hd0)/boot/grub/menu.lst" when the disk entry exports a partition as a whole VBD${disk ? ` (as ${disk} does)` : ' (like phy:sda4,hda,w)'}; use (hd0,N) only when the VBD is a whole partitioned disk.`,
    });
  },
});

export const pvgrubTaskCreate = defineRule({
  meta: {
    id: 'HX629',
    name: 'pvgrub-menu-task-create',
    title: 'The GRUB entry\'s ext2fs module line lacks $(task-create) $(task-resume)',
    severity: 'warning',
    domain: 'log',
    target: 'log',
    message: 'The Hurd boot goes wrong ("getcwd: cannot access parent directories") when the ext2fs module line of menu.lst lacks $(task-create) $(task-resume).',
    explanation:
      'In the Hurd\'s GRUB entry the ext2fs.static module line must end in -T typed ${root} $(task-create) $(task-resume); without them the bootstrap goes wrong, seen on IRC in 2013 as "getcwd: cannot access parent directories: Inappropriate file type or format".',
    docs: { url: HURD_WIKI_2013, section: 'hurd-xen-facts.md #159, #161' },
    knowledge: 'pv-grub',
    messages: {
      noTaskCreate: 'The Hurd fails early with "getcwd: cannot access parent directories": the ext2fs module line of your GRUB entry probably lacks $(task-create) $(task-resume).',
      moduleLine: 'The ext2fs boot module line ends without {{missing}}: ext2fs is loaded but never resumed or given its task, so the boot stops after "task loaded" with nothing more.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'getcwd-task-error');
    const module = event ? undefined : moduleLineWithoutTasks(ctx);
    if (module) {
      return once({
        line: module.line,
        messageId: 'moduleLine',
        data: { missing: module.missing },
        advice:
          'In the GRUB entry (menu.lst or grub.cfg) the ext2fs module line must end: -T typed ${root} $(task-create) $(task-resume); the exec line: module /lib/ld.so.1 /hurd/exec $(exec-task=task-create).',
      });
    }
    if (!event || !aboutPvGrub(ctx)) return [];
    return once({
      line: event.line,
      messageId: 'noTaskCreate',
      advice:
        'In menu.lst use: module /hurd/ext2fs.static --multiboot-command-line=${kernel-command-line} --host-priv-port=${host-port} --device-master-port=${device-port} --exec-server-task=${exec-task} -T typed ${root} $(task-create) $(task-resume), then module /lib/ld.so.1 /hurd/exec $(exec-task=task-create).',
    });
  },
});

export const pvgrub2Arch = defineRule({
  meta: {
    id: 'HX630',
    name: 'pvgrub2-arch-mismatch',
    title: 'pvgrub2 image and GNU Mach differ in bitness',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'GRUB\'s Xen port loads only kernels of its own bitness: use grub-i386-xen.bin (pvgrub32) for the 32-bit PAE GNU Mach, grub-x86_64-xen.bin for a 64-bit one.',
    explanation: 'GRUB 2\'s i386-xen platform only loads PAE Xen kernels and x86_64-xen only 64-bit ones; otherwise it stops with "incompatible architecture". Debian\'s grub-xen-host ships /usr/lib/grub-xen/grub-i386-xen.bin and grub-x86_64-xen.bin; xl also offers firmware = "pvgrub32" / "pvgrub64".',
    docs: { url: DEBIAN_GRUB_XEN_HOST, section: 'hurd-xen-facts.md #167-#169' },
    knowledge: 'pv-grub',
    messages: {
      archMismatch: 'GRUB\'s Xen port refused the kernel as "incompatible architecture": the pvgrub2 image and GNU Mach are not of the same bitness.{{fromConfig}}',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'grub-incompatible-arch');
    // (with its number, the message is printed by GRUB's Xen loader alone: it says pvgrub2 by itself)
    if (!event || !(aboutPvGrub(ctx) || GRUB_XEN_ARCH_NUMBER.test(event.text))) return [];
    const kernel = setting(ctx, 'kernel');
    return once({
      line: event.line,
      messageId: 'archMismatch',
      data: { fromConfig: kernel ? ` The boot loader is set on ${cite(kernel)}.` : '' },
      advice: 'For the usual 32-bit PAE GNU Mach use kernel = "/usr/lib/grub-xen/grub-i386-xen.bin" (or firmware = "pvgrub32" with xl); use grub-x86_64-xen.bin / pvgrub64 only for a 64-bit GNU Mach.',
    });
  },
});

export const pvgrubLogRules = [pvgrubMenuNotFound, pvgrubTaskCreate, pvgrub2Arch];
