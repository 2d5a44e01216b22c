/** Commands that read a paste or make a config: check, fix, diagnose, convert, template. */
import { analysePaste } from '../../../rules/logs/analysis.js';
import { parseTemplateArgs, renderTemplate, type TemplateInput } from '../../../rules/template.js';
import { configReply, convertReply } from '../replies/config.js';
import { textReply } from '../replies/findings.js';
import { logReply } from '../replies/log.js';
import { UsageError, type Command, type CommandArgs, type CommandOption } from './types.js';

const HURD_XEN_PAGE = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';

/** A pasted config or log exactly as given: its blanks and final newline are part of the file (xl reads them). */
function pasteOf(args: CommandArgs, name: string): string {
  const v = args[name];
  return typeof v === 'string' ? v : '';
}

/** A paste follows the command: several lines, or an assignment / error text. */
const pasteFollows = (a: string): boolean => a !== '' && /\n|=|:/.test(a);

const configOption: CommandOption = { name: 'config', description: 'The config (or attach it as a file)', type: 'string', paste: true, maxLength: 6000 };

function configCommand(name: 'check' | 'fix', aliases: string[], summary: string): Command {
  return {
    name,
    aliases,
    usage: `${name} <config>`,
    summary,
    options: [configOption],
    slash: true,
    plausible: pasteFollows,
    run({ ctx, args }) {
      const paste = pasteOf(args, 'config');
      if (!paste.trim()) return textReply('command', `Usage: ${ctx.prefix}${name} <config> (paste the config after the command, or attach it)`, false);
      return { ...configReply(ctx, paste, 'command', name === 'fix'), kind: 'command' };
    },
  };
}

export const check = configCommand('check', ['lint'], 'check an /etc/xen/hurd config (xm or xl)');
export const fix = configCommand('fix', [], 'corrected config with a diff');

export const diagnose: Command = {
  name: 'diagnose',
  aliases: ['diag', 'log'],
  usage: 'diagnose <log>',
  summary: 'explain what xm/xl create printed',
  options: [{ name: 'log', description: 'The error text (or attach the log)', type: 'string', paste: true, maxLength: 6000 }],
  slash: true,
  plausible: pasteFollows,
  run({ ctx, args }) {
    const paste = pasteOf(args, 'log');
    if (!paste.trim()) return textReply('command', `Usage: ${ctx.prefix}diagnose <log> (paste what xm/xl printed)`, false);
    return { ...logReply(ctx, analysePaste(paste), 'command'), kind: 'command' };
  },
};

export const convert: Command = {
  name: 'convert',
  aliases: ['xm2xl'],
  usage: 'convert <xm config>',
  summary: 'turn an xm config into an xl one (diff and notes)',
  options: [{ ...configOption, description: 'The xm config (or attach it as a file)' }],
  slash: true,
  run({ ctx, args }) {
    const paste = pasteOf(args, 'config');
    if (!paste.trim()) return textReply('command', `Usage: ${ctx.prefix}convert <xm config> (paste your old /etc/xen/hurd after the command, or attach it)`, false);
    return convertReply(paste, 'command');
  },
};

const TEMPLATE_WORD = /^(?:direct|pvgrub|pv-grub|pae|nonpae|non-pae|xm|xl|\w{1,32}=\S+)$/i;
const TEMPLATE_KEYS = ['boot', 'pae', 'dialect', 'name', 'memory', 'disk', 'vdev', 'mac', 'bridge', 'comments'] as const;

/** The typed options of a template as rules/template.ts reads them (it validates every value). */
function templateInput(args: CommandArgs): TemplateInput {
  const input: Record<string, unknown> = {};
  for (const k of TEMPLATE_KEYS) if (args[k] !== undefined && args[k] !== '') input[k] = args[k];
  return input as TemplateInput;
}

export const template: Command = {
  name: 'template',
  aliases: ['sample', 'tpl'],
  usage: 'template [direct|pvgrub] [pae|nonpae] [xm|xl] [name=..] [memory=..] [disk=..] [vdev=..] [mac=..] [bridge=..]',
  summary: 'a ready /etc/xen/hurd',
  options: [
    { name: 'boot', description: 'How the guest boots', type: 'string', choices: [{ value: 'direct', label: 'gnumach + hurd-modules' }, { value: 'pvgrub', label: 'pv-grub' }] },
    { name: 'pae', description: 'Is the hypervisor PAE (or 64-bit)?', type: 'boolean' },
    { name: 'dialect', description: 'Toolstack', type: 'string', choices: [{ value: 'xl', label: 'xl (Xen 4.x)' }, { value: 'xm', label: 'xm (Xen 3.x)' }] },
    { name: 'name', description: 'Domain name', type: 'string', maxLength: 64 },
    { name: 'memory', description: 'Memory in MB', type: 'integer', min: 16, max: 65536 },
    { name: 'disk', description: 'Disk backend, e.g. phy:/dev/vg0/hurd', type: 'string', maxLength: 100 },
    { name: 'vdev', description: 'Virtual disk name, e.g. hda', type: 'string', maxLength: 16 },
    { name: 'mac', description: 'MAC address (00:16:3e:...)', type: 'string', maxLength: 17 },
    { name: 'bridge', description: 'Bridge, e.g. xenbr0', type: 'string', maxLength: 32 },
  ],
  slash: true,
  // word by word: one pattern over the whole line would backtrack exponentially on `\w+=\S+` runs
  plausible: (a) => a === '' || a.split(/\s+/).every((word) => TEMPLATE_WORD.test(word)),
  parse(text) {
    try {
      return parseTemplateArgs(text.split(/\s+/).filter(Boolean)) as CommandArgs;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  },
  run({ ctx, args }) {
    try {
      const cfg = renderTemplate(templateInput(args));
      const described = TEMPLATE_KEYS.filter((k) => args[k] !== undefined && args[k] !== '').map((k) => (typeof args[k] === 'boolean' ? (k === 'pae' ? (args[k] ? 'pae' : 'nonpae') : `${k}=${args[k] ? 'on' : 'off'}`) : k === 'boot' || k === 'dialect' ? String(args[k]) : `${k}=${args[k]}`));
      return {
        kind: 'command',
        answered: true,
        blocks: [{ type: 'text', text: `/etc/xen/hurd (${described.length > 0 ? described.join(' ').slice(0, 80) : 'direct gnumach boot, PAE, xm/xl'}):` }, { type: 'code', text: cfg, lang: 'ini', filename: 'hurd' }],
        more: [],
        findings: [],
        sources: [HURD_XEN_PAGE],
      };
    } catch (e) {
      return textReply('command', `Can't make that template: ${(e as Error).message}. Usage: ${ctx.prefix}${template.usage}`, false);
    }
  },
};
