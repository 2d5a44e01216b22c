/**
 * Ready /etc/xen/hurd files: direct GNU Mach boot or pv-grub, PAE or not, xm or xl syntax.
 * Every option is validated (zod) and every value is emitted through the parser's safe literal emitter,
 * so no input can put code into a file that xm executes as Python.
 */
import { z } from 'zod';
import type { Dialect } from './config/types.js';
import { formatValue, gnumachDiskName } from './config/index.js';
import { BRIDGE_NAME, MAC_ADDRESS, TEMPLATE_ARG, TEMPLATE_DEVICE, TEMPLATE_NAME, VDEV, WHITESPACE } from './patterns/config.js';

export const MEMORY_MIN_MB = 32;
export const MEMORY_MAX_MB = 580;

const macSchema = z
  .string()
  .regex(MAC_ADDRESS, 'mac must be six hex octets separated by ":" (e.g. 00:16:3e:12:34:56)')
  .refine((m) => (parseInt(m.slice(0, 2), 16) & 1) === 0, 'mac must be a unicast address (even first octet)');

export const templateOptionsSchema = z
  .object({
    boot: z.enum(['direct', 'pvgrub']).default('direct'),
    pae: z.boolean().default(true),
    dialect: z.enum(['xm', 'xl']).default('xl'),
    name: z.string().regex(TEMPLATE_NAME, 'name: letters, digits, "_", "." and "-", at most 64, starting with a letter or digit').default('hurd'),
    memory: z.number().int('memory must be a whole number of MB').min(MEMORY_MIN_MB).max(MEMORY_MAX_MB, 'memory: GNU Mach on Xen takes at most 580 MB').default(512),
    /** dom0 device or image: phy:/dev/sda4, /dev/vg0/hurd, file:/srv/hurd.img. */
    disk: z.string().regex(TEMPLATE_DEVICE, 'disk: a dom0 device or image path such as /dev/sda4 or phy:/dev/vg0/hurd (no quotes, commas or blanks)').default('phy:sda4'),
    vdev: z.string().regex(VDEV, 'vdev: a Xen virtual disk name such as hda, sda, xvda (or hda1)').default('hda'),
    /** A MAC, 'random' (generated in Xen's 00:16:3e range) or 'none' (Xen picks one at each start). */
    mac: z.union([z.literal('random'), z.literal('none'), macSchema]).default('random'),
    bridge: z.string().regex(BRIDGE_NAME, 'bridge: a dom0 bridge name of at most 15 letters, digits, "_", "." or "-"').optional(),
    comments: z.boolean().default(true),
  })
  .strict();

export type TemplateInput = z.input<typeof templateOptionsSchema>;
export type TemplateOptions = z.output<typeof templateOptionsSchema>;

/** A one-line, user-facing reason why the options were refused. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

export interface TemplateDeps {
  /** Uniform [0, 1) source for the generated MAC; Math.random by default. */
  random?: () => number;
}

export function validateTemplateOptions(input: unknown): TemplateOptions {
  const parsed = templateOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const message = (issue?.message ?? 'invalid template options').split(WHITESPACE).join(' ');
    throw new TemplateError(where && !message.startsWith(where) ? `${where}: ${message}` : message);
  }
  return parsed.data;
}

/** A MAC in Xen's 00:16:3e range (the first free octet kept below 0x80, as Xen's own generator does). */
export function randomXenMac(random: () => number = Math.random): string {
  const octet = (max: number): string => Math.min(max - 1, Math.floor(random() * max)).toString(16).padStart(2, '0');
  return `00:16:3e:${octet(0x80)}:${octet(0x100)}:${octet(0x100)}`;
}

function diskTarget(disk: string): string {
  return disk.includes(':') ? disk : `phy:${disk}`;
}

/** The config text: validated options in, file out. Throws TemplateError on any invalid option. */
export function renderTemplate(input: TemplateInput = {}, deps: TemplateDeps = {}): string {
  const o = validateTemplateOptions(input);
  const d: Dialect = o.dialect;
  const lit = (v: string | number | (string | number)[]): string => formatValue(v, d, Array.isArray(v) ? "'" : '"');
  const machName = gnumachDiskName(o.vdev, d);
  if (machName === undefined) {
    throw new TemplateError(
      `vdev ${o.vdev}: GNU Mach would not see this disk under ${d}, so no root=device: can name it (${d === 'xl' ? 'xl takes hda-hdd, sda-sdp and any xvd' : 'xm takes hda-hdt, sda-sdp and xvda-xvdp'}); use hda, sda or xvda`,
    );
  }
  const mac = o.mac === 'random' ? randomXenMac(deps.random) : o.mac === 'none' ? undefined : o.mac.toLowerCase();
  const vifSpec = [mac ? `mac=${mac}` : '', o.bridge ? `bridge=${o.bridge}` : ''].filter(Boolean).join(', ');
  const disk = `${diskTarget(o.disk)},${o.vdev},w`;
  const start = d === 'xm' ? `xm create -c ${o.name}   (xm looks in . and /etc/xen)` : `xl create -c /etc/xen/${o.name}`;
  const lines: string[] = [];
  const c = (text: string): void => {
    if (o.comments) lines.push(`# ${text}`);
  };
  const set = (key: string, value: string | number | (string | number)[]): void => {
    lines.push(`${key} = ${lit(value)}`);
  };
  c(`GNU/Hurd as a Xen PV guest, ${o.boot === 'pvgrub' ? 'booted through pv-grub (Xen >= 4.0)' : 'direct GNU Mach boot'}, ${d} syntax.`);
  c(`Start it with: ${start}`);
  c('Source: https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html');
  set('name', o.name);
  if (o.boot === 'direct') {
    c(
      o.pae
        ? 'PAE GNU Mach: for a PAE or 64-bit hypervisor (xen_caps lists xen-3.0-x86_32p).'
        : 'Non-PAE GNU Mach: only for a non-PAE hypervisor (xen_caps: xen-3.0-x86_32).',
    );
    c('kernel and ramdisk are paths on dom0; hurd-modules must match the libc of the Hurd system.');
    set('kernel', o.pae ? '/boot/gnumach-xen-pae' : '/boot/gnumach-xen-nonpae');
    set('ramdisk', '/boot/hurd-modules');
  } else {
    c('pv-grub reads the menu.lst on the guest disk; no ramdisk is needed.');
    set('kernel', '/boot/pv-grub.gz');
  }
  c(`At most ${MEMORY_MAX_MB} MB: GNU Mach on Xen cannot map more at bootstrap.`);
  set('memory', o.memory);
  c(`GNU Mach calls vdev ${o.vdev} "${machName}".`);
  set('disk', [disk]);
  if (o.boot === 'direct') set('extra', `root=device:${machName}`);
  else {
    c(`The menu.lst boots GNU Mach with root=device:${machName}.`);
    set('extra', '(hd0)/boot/grub/menu.lst');
  }
  if (mac) c("Fixed MAC in Xen's 00:16:3e range, so the guest keeps its DHCP lease.");
  set('vif', [vifSpec]);
  return lines.join('\n') + '\n';
}

const BOOL_WORDS: Record<string, boolean> = { on: true, yes: true, true: true, '1': true, off: false, no: false, false: false, '0': false };

/**
 * Chat form: "template pvgrub xl memory=256 name=hurd2 mac=00:16:3e:01:02:03 bridge=br0 nonpae".
 * Words: direct|pvgrub, pae|nonpae, xm|xl, nocomments, and key=value for name, memory, disk, vdev, mac, bridge, comments.
 * Throws TemplateError (one line) when a word or a value is not acceptable.
 */
export function parseTemplateArgs(words: string[]): TemplateInput {
  const options: Record<string, unknown> = {};
  const list = words[0]?.toLowerCase() === 'template' ? words.slice(1) : words;
  for (const raw of list.slice(0, 32)) {
    const word = raw.trim();
    if (word === '') continue;
    const lower = word.toLowerCase();
    if (lower === 'direct' || lower === 'pvgrub' || lower === 'pv-grub') options.boot = lower === 'direct' ? 'direct' : 'pvgrub';
    else if (lower === 'pae' || lower === 'nonpae' || lower === 'non-pae') options.pae = lower === 'pae';
    else if (lower === 'xm' || lower === 'xl') options.dialect = lower;
    else if (lower === 'nocomments' || lower === 'no-comments') options.comments = false;
    else {
      const m = TEMPLATE_ARG.exec(word.slice(0, 300));
      if (!m) throw new TemplateError(`I don't understand "${word.slice(0, 40)}": use direct|pvgrub, pae|nonpae, xm|xl, or key=value (name, memory, disk, vdev, mac, bridge)`);
      const key = m[1]!.toLowerCase();
      const value = m[2]!;
      if (key === 'memory' || key === 'mem') {
        const n = Number(value);
        if (!Number.isInteger(n)) throw new TemplateError(`memory must be a whole number of MB, not "${value.slice(0, 20)}"`);
        options.memory = n;
      } else if (key === 'comments') {
        const b = BOOL_WORDS[value.toLowerCase()];
        if (b === undefined) throw new TemplateError('comments=on or comments=off');
        options.comments = b;
      } else if (key === 'pae') {
        const b = BOOL_WORDS[value.toLowerCase()];
        if (b === undefined) throw new TemplateError('pae=yes or pae=no');
        options.pae = b;
      } else if (key === 'boot' || key === 'dialect' || key === 'name' || key === 'disk' || key === 'vdev' || key === 'mac' || key === 'bridge') {
        options[key] = key === 'boot' && value.toLowerCase() === 'pv-grub' ? 'pvgrub' : value;
      } else if (key === 'device') options.disk = value;
      else throw new TemplateError(`unknown option "${key}": name, memory, disk, vdev, mac, bridge, comments`);
    }
  }
  validateTemplateOptions(options);
  return options as TemplateInput;
}
