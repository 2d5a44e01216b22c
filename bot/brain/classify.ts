/**
 * Tell what a message is: a command, a question, a pasted log, a pasted config, or chatter.
 * Cheap line features only; the heavy parsers run after the decision.
 */
import type { Kind } from './reply.js';
import { cleanPasteLine } from '../../rules/logs/lines.js';

/** Keys people put in /etc/xen/hurd; an assignment to one of these is a strong config signal. */
const CONFIG_KEYS = new Set([
  'name', 'kernel', 'ramdisk', 'memory', 'maxmem', 'disk', 'vif', 'extra', 'root', 'cmdline', 'vcpus', 'cpus',
  'on_poweroff', 'on_reboot', 'on_crash', 'builder', 'type', 'bootloader', 'uuid', 'vfb', 'serial', 'boot',
  'acpi', 'apic', 'pae', 'localtime', 'device_model', 'sdl', 'vnc', 'vncunused', 'usb', 'usbdevice', 'pci',
  'nographic', 'bootargs', 'maxvcpus', 'hap', 'ip', 'netmask', 'gateway', 'hostname', 'dhcp', 'nfs_server', 'nfs_root',
]);

const ASSIGNMENT = /^\s*([A-Za-z_][\w.]{0,63})\s*\+?=(?!=)\s*\S/;
const COMMENT = /^\s*#/;
/** Continuation lines inside a bracketed list (tested on the trimmed line): quoted spec, closing bracket. */
const CONTINUATION = /^(?:['"][^'"\n]{0,512}['"](?:[ \t]{0,16},)?(?:[ \t]{0,16}\])?|[\])])$/;
/** Shell prompts as pasted from a terminal: `root@dom0:~# `, `user@host:/etc/xen$ `, `# xm`, `$ xl`. */
const PROMPT = /(?:^|\s)[\w.-]{1,64}@[\w.-]{1,64}:[^\s#$]{0,256}[#$](?:\s|$)|^[ \t]*~[^\s#$]{0,200}[#$][ \t]+[a-z]|^[\w.-]{1,64}:[~/][^\s#$]{0,200} [\w.-]{1,32}[#$][ \t]+[a-z]|^[ \t]*[#$][ \t]+(?:sudo[ \t]+)?(?:xm|xl|xe|mke2fs|mkfs|fdisk|cat|grep|sudo|apt|apt-get|dpkg|brctl|ip|ifconfig|modprobe|service|systemctl|\/etc\/init\.d)\b/m;
/**
 * Tool output that people paste: error prefixes, tracebacks, boot messages, and syslog / journal lines
 * (`<date> <hh:mm:ss> <host> <program>[pid]: `, whatever language or mangling the date is in); also the shapes of
 * other programs' output, so that a paste of somebody else's error is a log (to be told it is not ours), not a
 * question: GRUB legacy's `Error 13: ...` and `Booting '...'`, a program's own prefix (`qemu-system-i386: Could not ...`,
 * a hyphenated or dotted name so that a person's `edit: I ...` is none), GNU Mach's debugger prompt `db> `, Python
 * logging's `ERROR nova.virt.libvirt ...`, and a
 * Linux kernel subsystem's `VFS: ...` / `EXT4-fs (sda1): ...` (upper-case tags, not a person's `PS:` or `EDIT:`).
 */
const LOG_LINE =
  /^\s*(?:[│┃|]\s{0,4})?(?:Error:|E:|W:|libxl: (?:error|warning|debug)|xc: error|Traceback \(most recent call last\)|Using config file|Parsing config from|Started domain|GNU Mach|AT386 boot|\(XEN\)|\[\s*\d+\.\d+\]|\[[A-Z][a-z]{2} [A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d \d{4}\]|[\w./-]+:\d+: config parsing error|warning:\s|Failed to parse config|xenconsole:|bash: |-bash: |sh: \d|Device \d+ \(\w+\) could not be connected|Unable to connect to xend|start ext2fs:|panic|kernel panic|fatal: |dpkg: |Setting up \S{1,80} \(|Errors were encountered|Disk \/dev\/[\w/-]{1,40}: \d|Device {1,8}Boot {1,8}Start|[a-z_]{2,32} {2,40}: \S|\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[ \d]{0,12}\] (?:DEBUG|INFO|WARNING|ERROR) |Name {2,60}ID {2,10}Mem|Booting [`']|[a-z][a-z0-9]{1,20}(?:[-_.][a-z0-9]{1,20}){1,4}: [A-Z]|db> |pound pressed|Error \d{1,3}: [A-Z]|(?:ERROR|WARNING|CRITICAL) [a-z_]\w{0,30}(?:\.\w{1,30}){1,8} |(?!(?:PS|FYI|EDIT|UPDATE|NB|TLDR|NOTE|BTW|IMHO|FWIW|TODO|RE|OT|Q|A)\b)[A-Z][A-Z0-9]{1,7}(?:-fs)?(?: \([\w.-]{1,40}\))?: [A-Z]|make(?:\[\d{1,3}\])?: |Loading (?:GNU Mach|the Hurd|Linux|initial ramdisk)|bridge name\s{1,20}bridge id|\S{1,12}(?: {1,2}\S{1,12})? \d\d:\d\d:\d\d \S{1,64} [\w.-]{1,40}(?:\[\d{1,8}\])?: )/i;
const GREETING = /^\s*(?:hi|hello|hey|yo|thanks|thank you|thx|ty|ok|okay|cool|nice|great|bye|good (?:morning|night|evening)|cheers|lol|:\)|:-\))[\s!.,:)]*$/i;

export interface PasteShape {
  lines: number;
  configLines: number;
  knownKeyAssignments: number;
  logLines: number;
  hasPrompt: boolean;
  /** Lines that carry a chat log's `[hh:mm] <nick>` prefix: an excerpt of a conversation, pasted. */
  chatLines: number;
  /**
   * Lines laid out by a program, not written by a person: indented, or with columns (a run of three spaces inside),
   * or not a config assignment. Tool output of any program has them (ifconfig, ls -l, df, ps).
   */
  alignedLines: number;
}

/** Indentation or a column gap. Bounded runs, no nesting: linear. */
const ALIGNED = /^[ \t]{2,}\S|\S {3,}\S|\S\t\S/;

export function shapeOf(text: string): PasteShape {
  const lines = text.split(/\r?\n/, 5000).filter((l) => l.trim() !== '');
  let configLines = 0;
  let knownKeyAssignments = 0;
  let logLines = 0;
  let chatLines = 0;
  let alignedLines = 0;
  for (const raw of lines) {
    // what a person pasted, without the chat's `[hh:mm] <nick>` prefixes or code fences around it
    const cut = raw.length > 2048 ? raw.slice(0, 2048) : raw;
    const line = cleanPasteLine(cut);
    if (line.length < cut.trim().length && /^\s{0,8}(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s{1,4})?<[^\s<>]{1,40}>/.test(cut)) chatLines++;
    const m = ASSIGNMENT.exec(line);
    if (m) {
      configLines++;
      if (CONFIG_KEYS.has(m[1]!.toLowerCase())) knownKeyAssignments++;
    } else if (COMMENT.test(line) || CONTINUATION.test(line.trim())) {
      configLines++;
    }
    if (LOG_LINE.test(line)) logLines++;
    if (!m && ALIGNED.test(line)) alignedLines++;
  }
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  // `$ any-command` opening a paste of several lines is a terminal session too (`# ...` could be a config comment).
  const dollarPrompt = lines.length >= 2 && /^\s*\$\s+[a-z][\w.-]{0,63}(?:\s|$)/.test(lines[0]!);
  return { lines: lines.length, configLines, knownKeyAssignments, logLines, hasPrompt: dollarPrompt || PROMPT.test(head), chatLines, alignedLines };
}

/**
 * Classify a message that is not a command. `logScore` is the log parser's confidence (0..1) that the
 * text is terminal output; it is passed in so that this module stays free of the rule engine.
 */
export function classify(text: string, logScore = 0): Exclude<Kind, 'command'> {
  const trimmed = text.trim();
  if (trimmed === '') return 'chatter';
  const s = shapeOf(trimmed);
  const mostlyConfig = s.knownKeyAssignments >= 1 && s.configLines >= Math.max(1, Math.ceil((s.lines - s.logLines) * 0.6));
  const looksLikeConfig =
    (s.knownKeyAssignments >= 2 && mostlyConfig) ||
    // one line that is nothing but an assignment to a known key: `memory = 1024`
    (s.lines === 1 && s.knownKeyAssignments === 1 && /^[a-z_]+\s*\+?=\s*(?:\[[^\]]*\]|"[^"]*"|'[^']*'|\d+)\s*(?:#.*)?$/i.test(trimmed));
  // A single line that is nothing but tool output ("Error: Device 768 (vbd) could not be connected...") is a paste too.
  // The log parser also sees through chat prefixes (`<nick> Error: ...`), so a high score alone counts, unless it reads as a question.
  const asksSomething = /\?\s*$|^\s*(?:how|what|why|where|which|when|who|can|could|should|is|are|does|do|did|any|anyone)\b/i.test(trimmed);
  const loneToolLine = s.lines === 1 && !asksSomething && ((s.logLines === 1 && logScore >= 0.5) || logScore >= 0.7);
  // an excerpt of a chat log (`<nick>` lines, even one) is a paste of what someone said, whatever it says; when it
  // asks something the log reply answers it from the knowledge base (a relayed "<mh> whats the xl equivalent?" too)
  const chatExcerpt = s.chatLines >= 1;
  // four lines or more, most of them laid out by a program: output, whatever the program
  const programOutput = s.lines >= 4 && s.alignedLines >= s.lines * 0.5;
  const looksLikeLog = s.hasPrompt || s.logLines >= 2 || programOutput || chatExcerpt || loneToolLine || (s.lines >= 2 && logScore >= 0.5) || (s.lines >= 3 && s.logLines >= 1);
  if (looksLikeConfig && s.logLines === 0 && !s.hasPrompt) return 'config';
  if (looksLikeLog) {
    // A paste that mixes a config and a log is one diagnosis, reported as a config.
    return s.knownKeyAssignments >= 3 && s.configLines >= s.lines / 2 ? 'config' : 'log';
  }
  if (looksLikeConfig) return 'config';
  if (GREETING.test(trimmed)) return 'chatter';
  return 'question';
}
