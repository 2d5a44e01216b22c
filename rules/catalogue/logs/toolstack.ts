/** HX6xx: the toolstack itself (xend, xm vs xl, xenstore, console, domain names, config file lookup). */
import { PERMISSION_DENIED } from '../../patterns/logs.js';
import { eventsWithKind, firstWithKind, toolstackOf } from '../../logs/query.js';
import { cite, setting } from '../../logs/settings.js';
import type { LogContext } from '../../types.js';
import { defineRule, once } from '../define.js';
import { DEBIAN_XEN_UTILS_COMMON_WHEEZY, HURD_WIKI, XEN_4_4_TREE, XEN_MIGRATION, XEN_TREE, XEN_XM_TREE } from '../sources.js';

export const xendNotRunning = defineRule({
  meta: {
    id: 'HX616',
    name: 'xend-not-running',
    title: 'xm cannot reach xend',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xm talks to the xend daemon, which is not running: start xend (or, on Xen 4.5 and later, use xl).',
    explanation:
      'Every xm command is a request to xend. "Unable to connect to xend: Connection refused / No such file or directory. Is xend running?" means the daemon is not running or its socket is missing. xend was removed in Xen 4.5; newer hosts have only xl.',
    docs: { url: `${XEN_XM_TREE}/tools/python/xen/xm/main.py`, section: 'hurd-xen-facts.md #179, #183' },
    knowledge: 'error-xend',
    messages: {
      notRoot: 'xm may not talk to xend ({{reason}}): xm must run as root.',
      notRunning: 'xm cannot reach xend: the xend daemon is not running.',
      notRunningBecause: 'xm cannot reach xend ({{reason}}): the xend daemon is not running.',
    },
  },
  check(ctx) {
    const socketError = firstWithKind(ctx.events, 'xend-socket-error');
    const fromXm = socketError !== undefined && ctx.events.some((e) => e.type === 'command' && e.data.program === 'xm');
    const event = firstWithKind(ctx.events, 'xend-unreachable') ?? (fromXm ? socketError : undefined);
    if (!event) return [];
    const reason = (event.data.reason ?? (event === socketError ? event.text.trim() : '')).trim();
    const denied = PERMISSION_DENIED.test(reason);
    return once({
      line: event.line,
      messageId: denied ? 'notRoot' : reason ? 'notRunningBecause' : 'notRunning',
      data: { reason },
      advice: denied
        ? 'Run xm as root (e.g. `sudo xm create -c hurd`).'
        : 'Start it as root with `/etc/init.d/xend start` (or `service xend start`) and make it start at boot (`update-rc.d xend defaults`); if it dies at once, /var/log/xen/xend.log says why (often: dom0 was not booted under Xen). On Xen 4.5 or later xend no longer exists: use xl instead (`xl create -c /etc/xen/hurd`).',
    });
  },
});

export const toolNotInstalled = defineRule({
  meta: {
    id: 'HX617',
    name: 'xm-not-found',
    title: 'xm (or xl) is not installed on this host',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'There is no xm here: xm and xend were removed in Xen 4.5, use xl (`xl create -c /etc/xen/hurd`).',
    explanation:
      'xl arrived with Xen 4.1 as the replacement of xm/xend, and xm was removed in Xen 4.5, so current distributions ship only xl. xl reads xm-style configs, but needs the full path of the file, a name = line, and no Python code.',
    docs: { url: XEN_MIGRATION, section: 'hurd-xen-facts.md #144, #179-#182' },
    knowledge: 'xm-to-xl',
    messages: {
      noXl: 'The shell finds no `xl`: the Xen tools are not installed, or xl is not in your PATH (it lives in /usr/sbin and must run as root).',
      noXm: 'There is no `{{program}}` on this host: xm and xend were removed in Xen 4.5, and current Xen only has xl.',
    },
  },
  check(ctx) {
    const event = eventsWithKind(ctx.events, 'command-not-found').find((e) => ['xm', 'xl', 'xend'].includes((e.data.program ?? '').split('/').pop() ?? ''));
    if (!event) return [];
    const program = (event.data.program ?? '').split('/').pop();
    if (program === 'xl') {
      return once({
        line: event.line,
        messageId: 'noXl',
        advice: 'Run it as root (`sudo xl ...`), and install your distribution\'s Xen packages if it is really missing (Debian: xen-system-amd64, which pulls in xen-utils-<version> and the hypervisor); then boot the Xen entry of GRUB.',
      });
    }
    return once({
      line: event.line,
      messageId: 'noXm',
      data: { program: program ?? 'xm' },
      advice: 'Use xl: `xl create -c /etc/xen/hurd` (xl takes the path as given, it does not search /etc/xen). Add name = "hurd" to the config (xl requires it) and make sure it has no Python code; `xl list`, `xl console hurd` and `xl destroy hurd` replace the xm commands.',
    });
  },
});

export const xendBlocksXl = defineRule({
  meta: {
    id: 'HX618',
    name: 'xend-blocks-xl',
    title: 'xl refuses to run while xend is running',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xl will not manage domains while xend runs: stop xend (and disable it), then use xl.',
    explanation: 'Xen 4.2-4.4 shipped both toolstacks; xl refuses to work next to a running xend because both would manage the same domains. The check can be overridden with xl -f, at the risk of unpredictable results.',
    docs: { url: `${XEN_4_4_TREE}/tools/libxl/xl.c`, section: 'hurd-xen-facts.md #184; xl.c (xend check)' },
    knowledge: 'toolstack',
    messages: {
      xendRunning: 'xl refuses to run because xend is still running: the two toolstacks must not manage domains at the same time.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'xend-blocks-xl');
    if (!event) return [];
    return once({
      line: event.line,
      messageId: 'xendRunning',
      advice: 'Stop xend (`/etc/init.d/xend stop` or `service xend stop`) and keep it from starting at boot (`update-rc.d xend disable`, or `systemctl disable xend`), then run xl again. `xl -f` skips the check, but mixing xm and xl gives unpredictable results.',
    });
  },
});

export const noHypervisor = defineRule({
  meta: {
    id: 'HX619',
    name: 'no-hypervisor',
    title: 'The Xen tools cannot reach the hypervisor or xenstore',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xl/xm cannot talk to Xen: dom0 is not running under Xen, the Xen daemons (xencommons) are not started, or you are not root.',
    explanation: 'xl needs the privcmd interface of a dom0 booted under Xen, a running xenstored (started by xencommons) and root rights. On a Linux kernel booted without Xen the tools cannot open the hypervisor interface.',
    docs: { url: `${XEN_TREE}/docs/man/xl.1.pod.in`, section: 'hurd-xen-facts.md #27' },
    knowledge: 'toolstack',
    messages: {
      noXenstore: 'The Xen tools cannot connect to xenstore: xenstored (part of xencommons) is not running, or this system is not running under Xen.',
      noHypervisor: 'The Xen tools cannot open the hypervisor interface: this system is not running as dom0 under Xen, or the command was not run as root.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'no-hypervisor') ?? firstWithKind(ctx.events, 'no-xenstore');
    if (!event) return [];
    const store = event.data.kinds?.includes('no-xenstore');
    return once({
      line: event.line,
      messageId: store ? 'noXenstore' : 'noHypervisor',
      advice: 'Boot the Xen entry of GRUB (`cat /sys/hypervisor/type` must print xen), start the Xen daemons (`/etc/init.d/xencommons start` or `systemctl start xencommons`), and run xl/xm as root.',
    });
  },
});

export const nameInUse = defineRule({
  meta: {
    id: 'HX620',
    name: 'name-in-use',
    title: 'A domain with this name already exists',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'A domain with this name is already running (or kept after a crash): attach to it, destroy it, or use another name.',
    explanation:
      'Domain names are unique per host. "Domain \'hurd\' already exists with ID 3" means a previous start of the same config is still there, running or preserved. GNU Mach ignores graceful shutdown requests, so old Hurd domains are removed with xm destroy / xl destroy.',
    docs: { url: `${XEN_XM_TREE}/tools/python/xen/xend/XendDomainInfo.py`, section: 'hurd-xen-facts.md #148, #149' },
    knowledge: 'error-name-in-use',
    messages: {
      exists: "A domain named '{{name}}' already exists: the guest from an earlier start is still running, or was kept after it stopped.{{fromConfig}}",
      existsWithId: "A domain named '{{name}}' already exists (ID {{id}}): the guest from an earlier start is still running, or was kept after it stopped.{{fromConfig}}",
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'domain-exists');
    if (!event) return [];
    const name = event.data.name ?? 'hurd';
    const id = event.data.id;
    const tool = toolstackOf(ctx.events) ?? 'xm';
    const nameSetting = setting(ctx, 'name');
    return once({
      line: event.line,
      messageId: id ? 'existsWithId' : 'exists',
      data: { name, id, fromConfig: nameSetting ? ` The name comes from ${cite(nameSetting)}.` : '' },
      advice: `\`${tool} list\` shows it. If it is your running Hurd, attach with \`${tool} console ${name}\`; to start afresh, remove it with \`${tool} destroy ${name}\` (graceful shutdown does not work with GNU Mach) and create it again. For a second guest, give its config a different name = line.`,
    });
  },
});

export const consoleFailure = defineRule({
  meta: {
    id: 'HX621',
    name: 'console-tty',
    title: 'The console client could not attach to the guest\'s console',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xenconsole found no console for the guest: the domain died right after starting, or xenconsoled is not running.',
    explanation:
      'xm/xl create -c runs xenconsole, which reads the guest\'s console pty from xenstore. "Could not read tty from store" means there is no such entry: the guest is already gone (it crashed at once), or xenconsoled, which creates the pty, is not running.',
    docs: { url: `${XEN_TREE}/docs/man/xl.1.pod.in`, section: 'hurd-xen-facts.md #27, #143, #145' },
    knowledge: 'error-console',
    messages: {
      noConsole: 'The console client could not attach to the guest\'s console ({{reason}}): the domain stopped right after it started, or xenconsoled is not running.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'xenconsole-error') ?? firstWithKind(ctx.events, 'console-failure');
    if (!event) return [];
    const tool = toolstackOf(ctx.events) ?? 'xm';
    const reason = event.data.reason ?? event.text.trim();
    const name = firstWithKind(ctx.events, 'started-domain')?.data.name;
    return once({
      line: event.line,
      messageId: 'noConsole',
      data: { reason },
      advice: `Check with \`${tool} list\` whether the domain still exists. If it does, make sure xenconsoled runs (started by xencommons or xend) and attach again with \`${tool} console ${name ?? '<name>'}\`. If it is gone, start it without -c and look in /var/log/xen/ (and \`${tool} dmesg\`) for why it died.`,
    });
  },
});

function configArgument(ctx: LogContext): string | undefined {
  return firstWithKind(ctx.events, 'xl-read-config-failed')?.data.file;
}

export const xlConfigNotFound = defineRule({
  meta: {
    id: 'HX622',
    name: 'xl-config-not-found',
    title: 'xl could not read the config file',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xl reads the config path exactly as given (no /etc/xen search): use `xl create -c /etc/xen/hurd`.',
    explanation: 'xm looked for its config in the current directory and in /etc/xen; xl opens the path as given, so `xl create hurd` fails outside /etc/xen with "Failed to read config file: hurd: No such file or directory".',
    docs: { url: `${XEN_TREE}/tools/xl/xl_vmcontrol.c`, section: 'hurd-xen-facts.md #143, #144' },
    knowledge: 'xm-to-xl',
    messages: {
      relativePath: 'xl could not read `{{file}}` ({{reason}}): unlike xm, xl does not look in /etc/xen, it opens the path as given.',
      notThere: 'xl could not read `{{file}}` ({{reason}}): the file is not at that path.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'xl-read-config-failed');
    if (!event) return [];
    const file = configArgument(ctx) ?? 'hurd';
    const relative = !file.startsWith('/');
    return once({
      line: event.line,
      messageId: relative ? 'relativePath' : 'notThere',
      data: { file, reason: event.data.reason ?? 'not found' },
      advice: relative ? `Give the full path: \`xl create -c /etc/xen/${file}\`.` : 'Check the path with `ls -l /etc/xen/` and pass the file that exists.',
    });
  },
});

export const xlNameRequired = defineRule({
  meta: {
    id: 'HX623',
    name: 'xl-name-missing',
    title: 'xl needs a name = line',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xl requires name = in the config (xm used the file name): add name = "hurd".',
    explanation: 'The Hurd wiki\'s sample configs have no name line; xm named the domain after the config file, but xl stops with "Domain name must be specified."',
    docs: { url: `${XEN_TREE}/tools/xl/xl_parse.c`, section: 'hurd-xen-facts.md #109, #182' },
    knowledge: 'xm-to-xl',
    messages: {
      noName: 'xl refuses the config because it has no name = line (xm used to take the file name instead).',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'xl-name-required');
    if (!event) return [];
    return once({
      line: event.line,
      messageId: 'noName',
      advice: 'Add a line name = "hurd" to the config and run `xl create -c /etc/xen/hurd` again.',
    });
  },
});

export const bootloaderNoData = defineRule({
  meta: {
    id: 'HX624',
    name: 'pygrub-no-data',
    title: 'The boot loader (pygrub) returned nothing to boot',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'pygrub found nothing it can boot: it cannot hand the Hurd\'s multiboot modules to Xen. Boot GNU Mach directly or with pv-grub.',
    explanation: 'pygrub reads the guest disk from dom0 and returns one kernel, one ramdisk and a command line; it cannot pass the Hurd\'s multiboot modules, and no Hurd documentation uses it. The Hurd boots directly (kernel + hurd-modules) or through pv-grub.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #155, #157, #163' },
    knowledge: 'pv-grub',
    messages: {
      noData: 'The boot loader returned nothing to boot.{{fromConfig}} pygrub cannot boot the Hurd: it can only return a kernel and one ramdisk, not GNU Mach\'s modules.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'bootloader-no-data');
    if (!event) return [];
    const bootloader = setting(ctx, 'bootloader');
    return once({
      line: event.line,
      messageId: 'noData',
      data: { fromConfig: bootloader ? ` It is set on ${cite(bootloader)}.` : '' },
      advice: 'Remove the bootloader line and boot GNU Mach directly (kernel = "/boot/gnumach-xen-pae", ramdisk = "/boot/hurd-modules", extra = "root=device:hd0"), or use pv-grub (kernel = "/boot/pv-grub.gz", extra = "(hd0)/boot/grub/menu.lst", no ramdisk).',
    });
  },
});

export const otherToolstackSelected = defineRule({
  meta: {
    id: 'HX631',
    name: 'toolstack-selected',
    title: 'Debian\'s Xen wrapper runs only the toolstack selected in /etc/default/xen',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'On Debian and Ubuntu, xm and xl go through one wrapper that runs only the toolstack named by TOOLSTACK in /etc/default/xen; the command you typed is the other one.',
    explanation:
      'Debian\'s xen-utils-common (Xen 4.1-4.4 era, Debian wheezy, Ubuntu 12.04-14.04) installs /usr/sbin/xm and /usr/sbin/xl as links to a wrapper, which refuses with "A different toolstack (X) have been selected!" when TOOLSTACK in /etc/default/xen names X. xm needs xend running; xl needs xend stopped; both read the same /etc/xen/hurd.',
    docs: { url: DEBIAN_XEN_UTILS_COMMON_WHEEZY, section: 'hurd-xen-facts.md #144, #179-#184' },
    knowledge: 'toolstack',
    messages: {
      xlSelected: 'This host is set up for xl (TOOLSTACK=xl in /etc/default/xen), so the wrapper refuses {{other}}.',
      otherSelected: 'This host is set up for {{selected}} (TOOLSTACK in /etc/default/xen), so the wrapper refuses {{other}}.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'toolstack-selected');
    if (!event) return [];
    const selected = (event.data.selected ?? '').toLowerCase();
    const other = selected === 'xl' ? 'xm' : selected === 'xm' ? 'xl' : 'the other tool';
    if (selected === 'xl') {
      return once({
        line: event.line,
        messageId: 'xlSelected',
        data: { other },
        advice: 'Use xl with the full path of the config: `xl create -c /etc/xen/hurd` (xl needs name = "hurd" in it and no Python code). Only if you really want xm: set TOOLSTACK=xm in /etc/default/xen and start xend (`/etc/init.d/xend start`).',
      });
    }
    return once({
      line: event.line,
      messageId: 'otherSelected',
      data: { selected: selected || 'another toolstack', other },
      advice: selected === 'xm'
        ? 'Use xm (`xm create -c hurd`, with xend running), or switch to xl: set TOOLSTACK=xl in /etc/default/xen, stop and disable xend (`/etc/init.d/xend stop`), then `xl create -c /etc/xen/hurd`.'
        : 'Run the toolstack that /etc/default/xen selects, or change TOOLSTACK there (xl needs xend stopped, xm needs it running).',
    });
  },
});

export const toolstackLogRules = [xendNotRunning, toolNotInstalled, xendBlocksXl, noHypervisor, nameInUse, consoleFailure, xlConfigNotFound, xlNameRequired, bootloaderNoData, otherToolstackSelected];
