/**
 * What dom0's own tools show, pasted to investigate (issue 13; the outputs issue 16 asks people for): `xl info` /
 * `xm info` (xen_caps), `xl dmesg` (32-bit PV switched off), `brctl show` / `ip link` (which bridges exist),
 * `file` on the kernel, `xl list` (a paused domain). Each rule reads the output's own lines; none needs an error.
 */
import { linesOf } from '../../logs/query.js';
import { setting, stringValue } from '../../logs/settings.js';
import { defineRule, once } from '../define.js';
import { HURD_NETWORKING, HURD_WIKI, XEN_TREE } from '../sources.js';


/** `xen_caps               : xen-3.0-x86_64 hvm-3.0-x86_32 ...` as xl info / xm info print it. Bounded: linear. */
const XEN_CAPS = /^\s{0,8}xen_caps\s{0,40}:\s{0,8}(?<caps>[\w. -]{1,300})$/;
/** Xen's boot line when CET shadow stacks switch 32-bit PV off (xen/arch/x86/pv/domain.c, Xen 4.14+). */
const PV32_OFF_BY_CET = /Disabling PV32 due to CET/;
/** `file /boot/gnumach-xen-pae` when the download was a web page or text. */
const FILE_NOT_BINARY = /^(?<path>\/\S{1,200}):\s{1,20}(?<what>HTML document|XML \S{1,20} document|ASCII text|UTF-8 Unicode text|empty)\b/;
/** An `xl list` / `xm list` row: name, id, memory, vcpus, state, time. */
const LIST_ROW = /^(?<name>[\w.-]{1,64})\s{1,60}(?<id>\d{1,6})\s{1,20}\d{1,9}\s{1,20}\d{1,4}\s{1,20}(?<state>[-rbpscd]{6})\s{1,20}[\d.]{1,14}\s{0,4}$/;
/** `brctl show`: its header, and each bridge row (name, id, STP, interfaces). */
const BRCTL_HEADER = /^bridge name\s{1,20}bridge id\s{1,20}STP enabled/;
const BRCTL_ROW = /^(?<bridge>[\w.-]{1,15})\s{1,20}[0-9a-f]{4}\.[0-9a-f]{12}\s{1,20}(?:yes|no)\b/;
/** `ip link` / `ip -br link` lines of a bridge device. */
const IP_LINK_BRIDGE = /^(?:\d{1,6}:\s{1,4})?(?<bridge>(?:xen)?br\d{1,4}|virbr\d{1,4}|br-\w{1,20}|xenbr\w{0,8})(?:@\S{1,20})?:?\s{1,20}(?:<|UP\b|DOWN\b|UNKNOWN\b)/;

/** The bridge a vif line or a hotplug error names. Bounded: linear. */
const VIF_BRIDGE = /\bbridge=['"]?([\w.-]{1,15})/;
const MISSING_BRIDGE = /\bbridge ([\w.-]{1,15}) does not exist|Could not find bridge device ([\w.-]{1,15})/;

export const pv32Unavailable = defineRule({
  meta: {
    id: 'HX680',
    name: 'pv32-unavailable',
    title: 'This hypervisor runs no 32-bit PV guest (the 32-bit Hurd)',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: "xen_caps lists no xen-3.0-x86_32p (or Xen's log says PV32 was disabled): this hypervisor cannot run the 32-bit Hurd as a PV guest.",
    explanation:
      'The Xen GNU Mach is a 32-bit PAE PV kernel: the hypervisor must offer xen-3.0-x86_32p in xen_caps. A 64-bit Xen offers it only while 32-bit PV support is on: CONFIG_PV32 can be compiled out (distribution builds may), pv=no-32 turns it off, and CET shadow stacks force it off on CPUs that have them ("Disabling PV32 due to CET").',
    docs: { url: `${XEN_TREE}/docs/misc/xen-command-line.pandoc`, section: 'hurd-xen-facts.md (modern Xen: CONFIG_PV32, pv=32, CET); xen-config-keys.md "Toolstack-wide settings"' },
    knowledge: 'error-pae-mismatch',
    messages: {
      offByCet: 'Xen switched 32-bit PV off at boot because CET shadow stacks are on ("Disabling PV32 due to CET"): no 32-bit PV guest, so not the Hurd, can start on this boot.',
      noPv32Caps: 'xen_caps is "{{caps}}": no xen-3.0-x86_32p, so this Xen runs no 32-bit PV guest and cannot start the 32-bit Hurd.',
    },
  },
  check(ctx) {
    for (const { line, text } of linesOf(ctx)) {
      if (PV32_OFF_BY_CET.test(text)) {
        return once({
          line,
          messageId: 'offByCet',
          advice: 'Boot Xen with cet=no-shstk (in GRUB_CMDLINE_XEN_DEFAULT, then update-grub and reboot) so 32-bit PV stays on; check that xl info lists xen-3.0-x86_32p in xen_caps. Running it inside a PV shim (type = "pvh", pvshim = 1) is the other way, untested for GNU Mach.',
        });
      }
      const caps = XEN_CAPS.exec(text)?.groups?.caps;
      if (caps && /\bxen-3\.0-x86_64\b/.test(caps) && !/\bxen-3\.0-x86_32p?\b/.test(caps)) {
        return once({
          line,
          messageId: 'noPv32Caps',
          data: { caps: caps.trim().slice(0, 120) },
          advice: 'Turn 32-bit PV on: a Xen built with CONFIG_PV32=y, booted without pv=no-32 (or with pv=32) and, on CPUs with CET, with cet=no-shstk; then xl info must list xen-3.0-x86_32p. Otherwise run the 64-bit Hurd (amd64) with its own Xen GNU Mach.',
        });
      }
    }
    return [];
  },
});

export const capsKernelMismatch = defineRule({
  meta: {
    id: 'HX681',
    name: 'caps-kernel-flavour',
    title: "xen_caps says which GNU Mach flavour this hypervisor runs",
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The GNU Mach flavour does not match the hypervisor: xen_caps decides (x86_32p: gnumach-xen-pae; plain x86_32: gnumach-xen-nonpae).',
    explanation:
      'A PAE hypervisor (xen_caps lists xen-3.0-x86_32p: every Xen since 3.3 and every 64-bit Xen) runs only PAE 32-bit guests, so gnumach-xen-pae; only an old non-PAE Xen (xen-3.0-x86_32) runs gnumach-xen-nonpae. A mismatch fails with "guest type ... not supported by xen kernel".',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md (PAE: xen_caps x86_32p vs x86_32)' },
    knowledge: 'error-pae-mismatch',
    messages: {
      paeCaps: "xen_caps lists xen-3.0-x86_32p: this hypervisor runs the 32-bit Hurd as a PAE PV guest; use gnumach-xen-pae (or Debian's gnumach-1.8-xen-486.gz, a PAE build).",
      nonPaeCaps: 'xen_caps lists plain xen-3.0-x86_32: a non-PAE hypervisor; use gnumach-xen-nonpae.',
      nonPaeKernel: 'xen_caps lists xen-3.0-x86_32p (a PAE hypervisor) but the kernel is {{kernel}}: a PAE hypervisor runs only the PAE build.',
      paeKernel: 'xen_caps lists plain xen-3.0-x86_32 (a non-PAE hypervisor) but the kernel is {{kernel}}, the PAE build.',
    },
  },
  check(ctx) {
    const capsLine = linesOf(ctx).find((l) => XEN_CAPS.test(l.text));
    const caps = capsLine ? XEN_CAPS.exec(capsLine.text)?.groups?.caps ?? '' : '';
    if (!capsLine || caps === '') return [];
    const pae = /\bxen-3\.0-x86_32p\b/.test(caps);
    const nonPae = /\bxen-3\.0-x86_32\b(?!p)/.test(caps);
    const kernel = stringValue(setting(ctx, 'kernel')) ?? linesOf(ctx).map((l) => /gnumach-xen-(?:non)?pae/.exec(l.text)?.[0]).find((k) => k !== undefined);
    if (!kernel) {
      // the capabilities alone, pasted to ask: say what they allow (a note, never a claim of a problem)
      if (!pae && !nonPae) return [];
      return once({
        line: capsLine.line,
        severity: 'info',
        messageId: pae ? 'paeCaps' : 'nonPaeCaps',
        advice: 'Put that kernel in kernel= of /etc/xen/hurd; if xl create still fails, paste its output (xl -vvv create -c /etc/xen/hurd).',
      });
    }
    const kernelNonPae = /nonpae|non-pae/i.test(kernel);
    const kernelPae = /gnumach-xen-pae|xen-486/i.test(kernel);
    if (pae && kernelNonPae) {
      return once({
        line: capsLine.line,
        messageId: 'nonPaeKernel',
        data: { kernel },
        advice: 'Use kernel = "/boot/gnumach-xen-pae" (or Debian\'s /boot/gnumach-1.8-xen-486.gz) and create the domain again.',
      });
    }
    if (nonPae && !pae && kernelPae) {
      return once({
        line: capsLine.line,
        messageId: 'paeKernel',
        data: { kernel },
        advice: 'Use kernel = "/boot/gnumach-xen-nonpae" on this hypervisor, or boot a PAE Xen.',
      });
    }
    return [];
  },
});

export const kernelFileNotBinary = defineRule({
  meta: {
    id: 'HX682',
    name: 'kernel-file-not-binary',
    title: 'The kernel (or hurd-modules) file is a web page or text, not a binary',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: '`file` says the kernel is HTML or text: the download saved a web page (an error or index page) instead of the binary.',
    explanation: 'wget or a browser given a page address (or a link that redirects to a login or error page) stores that page under the file name; Xen then finds no loader for it ("no loader found", "Invalid kernel").',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md (binaries: gnumach-xen-pae, hurd-modules; "no loader found")' },
    knowledge: 'getting-images',
    messages: {
      notBinary: '{{path}} is {{what}}, not a kernel or module file: the download saved a web page (or nothing) instead of the binary.',
    },
  },
  check(ctx) {
    for (const { line, text } of linesOf(ctx)) {
      const m = FILE_NOT_BINARY.exec(text);
      if (!m || !/gnumach|hurd-modules|pv-grub|\/boot\//.test(m.groups!.path!)) continue;
      return once({
        line,
        messageId: 'notBinary',
        data: { path: m.groups!.path, what: m.groups!.what === 'empty' ? 'empty' : `an ${m.groups!.what}` },
        advice: 'Download the file itself again (wget the binary\'s own address, not the page that links it), check with `file` that it says ELF (or gzip compressed data for Debian\'s .gz), and compare its size with the one on the download page.',
      });
    }
    return [];
  },
});

export const domainPaused = defineRule({
  meta: {
    id: 'HX683',
    name: 'domain-paused',
    title: 'The domain is paused',
    severity: 'warning',
    domain: 'log',
    target: 'log',
    message: "xl list shows the domain paused (state p): it was created with -p or paused, so GNU Mach has not run and its console stays blank.",
    explanation: 'xl create -p (xm create -p) builds the domain and leaves it paused; so does xl pause. A paused domain prints nothing on its console.',
    docs: { url: `${XEN_TREE}/docs/man/xl.1.pod.in`, section: 'xen-config-keys.md "Commands"; xl(1) list states (r running, b blocked, p paused, s shutdown, c crashed, d dying)' },
    knowledge: 'starting-console',
    messages: {
      paused: 'xl list shows {{name}} paused (state {{state}}): it was created with -p or paused, so GNU Mach has not started and its console stays blank.',
    },
  },
  check(ctx) {
    for (const { line, text } of linesOf(ctx)) {
      const m = LIST_ROW.exec(text.trim());
      if (!m || m.groups!.id === '0' || !m.groups!.state!.includes('p')) continue;
      const name = m.groups!.name!;
      return once({
        line,
        messageId: 'paused',
        data: { name, state: m.groups!.state },
        advice: `Run \`xl unpause ${name}\` (xm unpause ${name}) and attach with \`xl console ${name}\`; next time create it without -p.`,
      });
    }
    return [];
  },
});

export const bridgesOnDom0 = defineRule({
  meta: {
    id: 'HX684',
    name: 'bridges-on-dom0',
    title: 'Which bridges dom0 has (brctl show, ip link)',
    severity: 'warning',
    domain: 'log',
    target: 'log',
    message: 'brctl show lists no bridge at all: the guest\'s vif has nothing to attach to.',
    explanation: 'A vif is attached to a bridge on dom0 (xenbr0 by default with xl, whatever xend\'s network-bridge made with xm). brctl show (or ip link show type bridge) lists the bridges that exist; the vif line or /etc/xen/xl.conf must name one of them.',
    docs: { url: HURD_NETWORKING, section: 'hurd-xen-facts.md (networking: bridge, network-bridge, xenbr0); xen-config-keys.md vif bridge' },
    knowledge: 'networking',
    messages: {
      noBridge: 'brctl show lists no bridge at all: dom0 has no bridge for the guest\'s vif, so the hotplug script fails (or the guest gets no network).',
      otherBridges: "The vif wants bridge {{wanted}}, but dom0's bridges are {{bridges}}: name an existing one.",
    },
  },
  check(ctx) {
    const all = linesOf(ctx);
    const header = all.findIndex((l) => BRCTL_HEADER.test(l.text));
    const bridges = new Set<string>();
    for (const l of all) {
      const b = BRCTL_ROW.exec(l.text)?.groups?.bridge ?? IP_LINK_BRIDGE.exec(l.text.trim())?.groups?.bridge;
      if (b) bridges.add(b);
    }
    const named = (text: string): string | undefined => {
      const m = VIF_BRIDGE.exec(text) ?? MISSING_BRIDGE.exec(text);
      return m?.[1] ?? m?.[2];
    };
    const wanted = all.map((l) => named(l.text)).find((n) => n !== undefined && !bridges.has(n));
    if (header >= 0 && bridges.size === 0) {
      return once({
        line: all[header]!.line,
        messageId: 'noBridge',
        advice:
          'Create one with your distribution\'s network configuration, e.g. in /etc/network/interfaces: `auto xenbr0`, `iface xenbr0 inet dhcp`, `bridge_ports eth0` (package bridge-utils), then `ifup xenbr0`; with xm, xend\'s (network-script network-bridge) makes one at start.',
      });
    }
    if (wanted && bridges.size > 0) {
      const have = [...bridges][0]!;
      return once({
        messageId: 'otherBridges',
        data: { wanted, bridges: [...bridges].join(', ') },
        advice: `Write vif = [ 'bridge=${have}' ] in the config, or set vif.default.bridge="${have}" in /etc/xen/xl.conf (xl's default is xenbr0).`,
      });
    }
    return [];
  },
});

export const dom0LogRules = [pv32Unavailable, capsKernelMismatch, kernelFileNotBinary, domainPaused, bridgesOnDom0];
