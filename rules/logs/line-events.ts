/**
 * One line of a paste -> one typed event. The line's origin (a prompt, libxl, libxc, xm's
 * `Error:`, GNU Mach's console, the hypervisor's `(XEN)` log, a Python traceback) gives the
 * event `type`; every known message the line carries adds a `kind` (data.kinds lists them all,
 * data.kind is the first) and its captures (guest type, path, device, line numbers, ...).
 */
import * as P from '../patterns/logs.js';
import { WRAPPERS, programName, splitArgv, unwrapArgv } from './argv.js';
import type { LogEvent } from './types.js';

/** Known messages: kind -> pattern. Order matters only for which kind becomes `data.kind`. */
const MESSAGE_KINDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['guest-type-unsupported', P.GUEST_TYPE_UNSUPPORTED],
  ['guest-type-unsupported', P.PAE_HOST_MISMATCH],
  ['low-memory-alloc', P.LOW_MEMORY_ALLOC],
  ['no-loader', P.NO_LOADER_FOUND],
  ['not-xen-elf', P.NOT_XEN_ELF],
  ['image-does-not-exist', P.IMAGE_DOES_NOT_EXIST],
  ['cannot-find-image', P.CANNOT_FIND_IMAGE],
  ['failed-to-open-file', P.FAILED_TO_OPEN_FILE],
  ['dom-file-failed', P.XC_DOM_FILE_FAILED],
  ['device-not-connected', P.DEVICE_NOT_CONNECTED],
  ['vif-not-connected', P.VIF_NOT_CONNECTED],
  ['hotplug-not-working', P.HOTPLUG_NOT_WORKING],
  ['backend-not-found', P.BACKEND_NOT_FOUND],
  ['bridge-not-found', P.BRIDGE_NOT_FOUND],
  ['bridge-does-not-exist', P.BRIDGE_DOES_NOT_EXIST],
  ['hotplug-script-failed', P.HOTPLUG_SCRIPT_FAILED],
  ['unable-to-add-devices', P.UNABLE_TO_ADD_DEVICES],
  ['mounted-in-domain', P.MOUNTED_IN_DOMAIN_SHORT],
  ['mounted-device', P.MOUNTED_IN_DOMAIN],
  ['device-in-use', P.DEVICE_IN_USE],
  ['path-does-not-exist', P.PATH_DOES_NOT_EXIST],
  ['loop-exhausted', P.LOOP_EXHAUSTED],
  ['failed-to-stat', P.FAILED_TO_STAT],
  ['disk-backend-unsuitable', P.DISK_BACKEND_UNSUITABLE],
  ['disk-backend-unsuitable', P.NO_SUITABLE_DISK_BACKEND],
  ['invalid-disk-spec', P.INVALID_DISK_SPEC],
  ['dom0-min-mem', P.DOM0_MIN_MEM],
  ['not-enough-memory', P.NOT_ENOUGH_MEMORY],
  ['truncating-memory', P.TRUNCATING_MEMORY],
  ['physical-memory', P.PHYSICAL_MEMORY],
  ['gnumach-banner', P.GNU_MACH_BANNER],
  ['running-on', P.RUNNING_ON],
  ['mach-vbd', P.MACH_VBD_LINE],
  ['mach-vif', P.MACH_VIF_LINE],
  ['mach-block-chatter', P.MACH_BLOCK_CHATTER],
  ['root-device-error', P.ROOT_DEVICE_ERROR],
  ['no-bootstrap', P.NO_BOOTSTRAP],
  ['mach-as-dom0', P.MACH_AS_DOM0],
  ['xen-clock-warning', P.XEN_CLOCK_WARNING],
  ['xen-block-assertion', P.XEN_BLOCK_ASSERTION],
  ['xend-unreachable', P.XEND_UNREACHABLE],
  ['xend-socket-error', P.XEND_SOCKET_ERROR],
  ['xend-blocks-xl', P.XEND_BLOCKS_XL],
  ['toolstack-selected', P.DIFFERENT_TOOLSTACK],
  ['command-not-found', P.COMMAND_NOT_FOUND],
  ['command-not-found', P.ZSH_COMMAND_NOT_FOUND],
  ['command-not-found', P.UBUNTU_NOT_INSTALLED],
  ['command-not-found', P.UBUNTU_COMMAND_NOT_FOUND],
  ['no-hypervisor', P.NO_HYPERVISOR],
  ['no-xenstore', P.NO_XENSTORE],
  ['bootloader-no-data', P.BOOTLOADER_NO_DATA],
  ['xm-errors-at-line', P.XM_ERRORS_AT_LINE],
  ['xl-parse-failed', P.XL_PARSE_FAILED],
  ['xl-python-warning', P.XL_PYTHON_WARNING],
  ['xl-read-config-failed', P.XL_READ_CONFIG_FAILED],
  ['xl-name-required', P.XL_NAME_REQUIRED],
  ['domain-exists', P.DOMAIN_ALREADY_EXISTS],
  ['domain-exists', P.VM_NAME_IN_USE],
  ['domain-exists', P.XL_NAME_EXISTS],
  ['domain-exists', P.VM_NAME_EXISTS],
  ['xenconsole-error', P.XENCONSOLE_ERROR],
  ['console-failure', P.CONSOLE_FAILURE],
  ['using-config', P.USING_CONFIG],
  ['parsing-config', P.PARSING_CONFIG],
  ['started-domain', P.STARTED_DOMAIN],
  ['traceback-start', P.TRACEBACK_START],
  ['traceback-frame', P.TRACEBACK_FRAME],
  ['python-exception', P.PYTHON_EXCEPTION],
  ['xen-caps', P.XEN_CAPS],
  ['xen-kernel-bits', P.XEN_KERNEL_BITS],
  ['loader-probe-noise', P.LOADER_PROBE_NOISE],
  ['grub-legacy-error', P.GRUB_LEGACY_ERROR],
  ['pvgrub-prompt', P.PVGRUB_PROMPT],
  ['getcwd-task-error', P.GETCWD_TASK_ERROR],
  ['grub-incompatible-arch', P.GRUB_INCOMPATIBLE_ARCH],
];

/** Programs whose invocation after a bare `#`/`$` prompt, or with no prompt at all, makes a line a command. */
const KNOWN_PROGRAMS = new Set([
  'xm', 'xl', 'xend', 'xenstore-ls', 'xenstore-read', 'xentop', 'mke2fs', 'mkfs', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4',
  'fdisk', 'sfdisk', 'cfdisk', 'parted', 'gdisk', 'mount', 'umount', 'losetup', 'modprobe', 'brctl', 'ip', 'ifconfig',
  'apt-get', 'apt', 'aptitude', 'dpkg', 'service', 'systemctl', 'grep', 'cat', 'ls', 'file', 'dmesg', 'settrans',
  'crosshurd', 'screen', 'update-grub', 'update-rc.d', 'chkconfig', 'xendomains', 'lvcreate', 'dd', 'qemu-img',
]);
/** Without a prompt, only lines that unmistakably are a command of these tools count. */
const PROMPTLESS_PROGRAMS = new Set(['xm', 'xl', 'mke2fs', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'fdisk', 'sfdisk', 'parted']);
const XEN_SUBCOMMANDS = new Set([
  'create', 'list', 'console', 'destroy', 'shutdown', 'reboot', 'info', 'dmesg', 'new', 'start', 'pause', 'unpause',
  'top', 'uptime', 'mem-set', 'vcpu-set', 'block-list', 'block-attach', 'network-list', 'network-attach', 'save', 'restore',
  'migrate', 'delete', 'vcpu-list', 'log', 'sched-credit',
]);

function groupsOf(m: RegExpExecArray, out: Record<string, string> = {}): Record<string, string> {
  const groups = m.groups;
  if (groups) for (const k in groups) if (groups[k] !== undefined) out[k] = groups[k];
  return out;
}

interface Prompt {
  rest: string;
  data: Record<string, string>;
}

const PROMPTS = [P.PROMPT_USER_HOST, P.PROMPT_BRACKETED, P.PROMPT_HOST_ONLY, P.PROMPT_SHELL_VERSION];

function matchPrompt(text: string): Prompt | undefined {
  for (const re of PROMPTS) {
    const m = re.exec(text);
    if (m) return { rest: text.slice(m[0].length), data: { prompt: m[0].trim(), ...groupsOf(m) } };
  }
  const bare = P.PROMPT_BARE.exec(text);
  if (bare) {
    const rest = text.slice(bare[0].length);
    const argv = unwrapArgv(splitArgv(rest, 3));
    if (KNOWN_PROGRAMS.has(programName(argv[0])) || (argv[0] ?? '').startsWith('/etc/init.d/')) {
      return { rest, data: { prompt: bare[0].trim(), sigil: bare.groups?.sigil ?? '' } };
    }
  }
  return undefined;
}

function commandEvent(line: number, text: string, commandText: string, promptData: Record<string, string>): LogEvent {
  const argv = unwrapArgv(splitArgv(commandText));
  return {
    type: 'command',
    line,
    text,
    data: { ...promptData, kind: 'command', kinds: 'command', command: commandText.trim(), program: programName(argv[0]), argv: JSON.stringify(argv) },
  };
}

function looksLikePromptlessCommand(text: string): boolean {
  // Most lines are output, not commands: a plain first word that is no tool and no wrapper settles it without
  // splitting the line the way a shell would.
  const trimmed = text.trimStart();
  // "xl create on my new dom0:" introduces what follows: a sentence, not a command (no command ends in a colon).
  if (trimmed.trimEnd().endsWith(':')) return false;
  const space = trimmed.search(/[\s;|&#'"\\]/);
  const firstProgram = programName(space < 0 ? trimmed : trimmed.slice(0, space));
  if ((space < 0 || !/['"\\]/.test(trimmed[space]!)) && !PROMPTLESS_PROGRAMS.has(firstProgram) && !WRAPPERS.has(firstProgram)) return false;
  const argv = unwrapArgv(splitArgv(text, 4));
  const program = programName(argv[0]);
  if (!PROMPTLESS_PROGRAMS.has(program)) return false;
  if (program === 'xm' || program === 'xl') return XEN_SUBCOMMANDS.has(argv[1] ?? '') || (argv[1] ?? '').startsWith('-');
  const first = argv[1] ?? '';
  return first.startsWith('-') || first.startsWith('/dev/');
}

const XL_ERROR_KINDS = ['xl-parse-failed', 'xl-python-warning', 'xl-read-config-failed', 'xl-name-required'];
const GNUMACH_BOOT_KINDS = ['gnumach-banner', 'running-on', 'physical-memory', 'truncating-memory', 'mach-vbd', 'mach-vif', 'mach-block-chatter', 'root-device-error', 'no-bootstrap', 'mach-as-dom0', 'xen-clock-warning'];

function originType(text: string, kinds: string[]): { type: string; data: Record<string, string> } {
  const libxl = P.LIBXL_LINE.exec(text) ?? P.LIBXL_LINE_LOOSE.exec(text);
  if (libxl) {
    const level = libxl.groups?.level ?? '';
    return { type: level === 'error' || level === 'critical' ? 'xl-error' : 'xl-message', data: groupsOf(libxl, { tool: 'xl' }) };
  }
  const xc = P.XC_LINE.exec(text);
  if (xc) return { type: xc.groups?.level === 'error' ? 'xl-error' : 'xl-message', data: groupsOf(xc, { tool: 'libxc' }) };
  if (P.DOMAINBUILDER_LINE.test(text)) return { type: 'xl-message', data: { tool: 'libxc', level: 'detail' } };
  if (P.XM_ERROR_PREFIX.test(text)) return { type: 'xm-error', data: { tool: 'xm' } };
  if (P.XEN_CONSOLE_LINE.test(text)) return { type: 'xen-boot', data: {} };
  if (P.DMESG_TIMESTAMP.test(text)) return { type: 'dmesg', data: {} };
  if (kinds.length === 0) return { type: 'text', data: {} };
  const has = (k: string) => kinds.includes(k);
  if (has('traceback-start') || has('traceback-frame') || has('python-exception')) return { type: 'traceback', data: {} };
  if (has('xenconsole-error')) return { type: 'console-error', data: {} };
  if (has('command-not-found')) return { type: 'shell-error', data: {} };
  if (XL_ERROR_KINDS.some(has)) return { type: 'xl-error', data: { tool: 'xl' } };
  if (GNUMACH_BOOT_KINDS.some(has)) {
    return { type: 'gnumach-boot', data: {} };
  }
  if (has('xend-blocks-xl')) return { type: 'xl-error', data: { tool: 'xl' } };
  if (has('toolstack-selected')) return { type: 'shell-error', data: {} };
  return { type: 'text', data: {} };
}

/** The `near` token and the parser's complaint of an xl config parsing error line. */
function xlParseError(text: string): Record<string, string> | undefined {
  const m = P.XL_PARSE_ERROR.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  const cut = rest.lastIndexOf("': ");
  return {
    ...groupsOf(m),
    near: cut >= 0 ? rest.slice(0, cut) : rest,
    what: cut >= 0 ? rest.slice(cut + 3) : '',
  };
}

/** Every kind an event can carry (rules declare their triggers from these; a test keeps them honest). */
export const EVENT_KINDS: ReadonlySet<string> = new Set(['command', 'config-line', 'xl-parse-error', ...MESSAGE_KINDS.map(([kind]) => kind)]);

export function classifyLine(line: number, text: string): LogEvent | undefined {
  if (text.trim() === '') return undefined;
  const prompt = matchPrompt(text);
  if (prompt) return commandEvent(line, text, prompt.rest, prompt.data);
  if (looksLikePromptlessCommand(text)) return commandEvent(line, text, text, {});

  const kinds: string[] = [];
  let data: Record<string, string> = {};
  const parseError = xlParseError(text);
  if (parseError) {
    kinds.push('xl-parse-error');
    data = { ...parseError };
  }
  for (const [kind, re] of MESSAGE_KINDS) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (!m) continue;
    if (!kinds.includes(kind)) kinds.push(kind);
    data = { ...groupsOf(m), ...data };
  }
  // Xen 3.0.x names the kernel flavour, not the guest type: "Non PAE-kernel" is xen-3.0-x86_32, "PAE-kernel" xen-3.0-x86_32p.
  if (data.paeKernel !== undefined && data.guestType === undefined) data.guestType = /^non/i.test(data.paeKernel) ? 'xen-3.0-x86_32' : 'xen-3.0-x86_32p';
  const assignment = kinds.length === 0 ? P.CONFIG_ASSIGNMENT.exec(text) : null;
  if (assignment) {
    kinds.push('config-line');
    data = { key: assignment.groups?.key ?? '', value: (assignment.groups?.value ?? '').trim() };
  }
  const origin = parseError ? { type: 'config-error', data: { tool: 'xl' } } : originType(text, kinds);
  let type = origin.type;
  if (assignment) type = 'config-line';
  if (kinds.includes('xm-errors-at-line')) type = 'config-error';
  const errorish = (P.ERRORISH.test(text) || P.APT_ERROR.test(text)) && type !== 'xen-boot' && !kinds.includes('loader-probe-noise') && (kinds.length > 0 || !P.PROSE_ABOUT_ERRORS.test(text));
  // Most lines of a long paste are plain output: they share one frozen data object instead of one each (a 4000-line
  // paste otherwise allocates thousands of identical objects the GC must trace while the paste is read).
  const plain = kinds.length === 0 && isEmpty(data) && isEmpty(origin.data);
  return {
    type,
    line,
    text,
    data: plain ? (errorish ? PLAIN_ERRORISH : PLAIN_TEXT) : withVerdict(origin.data, data, kinds, errorish),
  };
}

function isEmpty(record: Record<string, string>): boolean {
  for (const _ in record) return false;
  return true;
}

/** The line's data in one object: origin.data is always a fresh object of this line's own, so it is filled in place. */
function withVerdict(originData: Record<string, string>, data: Record<string, string>, kinds: string[], errorish: boolean): Record<string, string> {
  const out = Object.assign(originData, data);
  out.kind = kinds[0] ?? (errorish ? 'errorish' : 'text');
  out.kinds = kinds.length === 1 ? kinds[0]! : kinds.join(' ');
  out.errorish = errorish ? 'yes' : 'no';
  return out;
}

const PLAIN_TEXT: Record<string, string> = Object.freeze({ kind: 'text', kinds: '', errorish: 'no' }) as Record<string, string>;
const PLAIN_ERRORISH: Record<string, string> = Object.freeze({ kind: 'errorish', kinds: '', errorish: 'yes' }) as Record<string, string>;
