/**
 * HX679: the guest was created as PVH, and GNU Mach is a PV kernel only. A message-driven rule in one file: libxc
 * prints "image not capable of booting inside a HVM container" when a kernel without the PVH entry point (the
 * XEN_ELFNOTE_PHYS32_ENTRY note) is started with type = "pvh"; GNU Mach's Xen image has only the PV notes.
 */
import { setting, stringValue } from '../../logs/settings.js';
import { defineRule } from '../define.js';
import { XEN_TREE } from '../sources.js';

export const pvhNotSupported = defineRule({
  meta: {
    id: 'HX679',
    name: 'pvh-not-supported',
    title: 'GNU Mach cannot boot as a PVH guest (type = "pvh")',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The guest was started as PVH, but GNU Mach is a PV kernel only: set type = "pv".',
    explanation:
      'A PVH guest boots through the PVH entry point that its kernel declares in an ELF note (XEN_ELFNOTE_PHYS32_ENTRY); libxc refuses a kernel without it with "image not capable of booting inside a HVM container". GNU Mach\'s Xen image declares only the PV notes (GUEST_OS, XEN_VERSION, VIRT_BASE...), so it boots as type = "pv", the default on x86. Running it inside a PV shim (type = "pvh", pvshim = 1) is documented by Xen but untried with GNU Mach.',
    docs: { url: `${XEN_TREE}/tools/libs/guest/xg_dom_elfloader.c`, section: 'xc_dom_guest_type; hurd-xen-facts.md #42, #51, #186 (type = "pv" | "pvh" | "hvm")' },
    knowledge: 'toolstack',
    messages: { pvOnly: 'xl was asked for a PVH guest{{fromConfig}}, but GNU Mach is a PV kernel only (it has no PVH entry point): libxc refuses to boot it "inside a HVM container".' },
    wordings: [
      {
        pattern: /image not capable of booting inside a HVM container/,
        printedBy: 'libxc/libxenguest xc_dom_guest_type (tools/libxc/xc_dom_elfloader.c, tools/libs/guest/xg_dom_elfloader.c since 4.15)',
        example: 'xc: error: panic: xg_dom_elfloader.c:65: xc_dom_guest_type: image not capable of booting inside a HVM container: Invalid kernel',
      },
    ],
    supersedes: ['HX608'],
  },
  check(ctx) {
    const type = stringValue(setting(ctx, 'type'));
    return [
      {
        messageId: 'pvOnly',
        data: { fromConfig: type ? ` (type = "${type}")` : '' },
        line: ctx.match.line,
        advice: 'Set type = "pv" in /etc/xen/hurd (or remove the type line: PV is the default on x86; builder = "generic" is the old spelling), then xl create again.',
      },
    ];
  },
});
