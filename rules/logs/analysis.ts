/**
 * One analysis of a paste, shared by classification, diagnosis and the embedded-config check (issue 14: a paste
 * used to be split and classified line by line up to four times). Everything here is linear in the paste, which
 * is capped first; the embedded config is parsed only when a caller asks for it.
 */
import { parseConfig } from '../config/index.js';
import type { ParsedConfig } from '../config/types.js';
import { capInput } from './cap.js';
import { pasteLines, type PasteLine } from './lines.js';
import { parseLog } from './parse.js';
import { signalsOf, type LogSignals } from './signals.js';
import type { LogEvent } from './types.js';

export interface PasteAnalysis {
  /** The paste as the rules read it (capped: head, tail and the error lines between). */
  readonly text: string;
  readonly lines: readonly PasteLine[];
  readonly events: readonly LogEvent[];
  /** How strongly it looks like terminal output (the classifier's evidence). */
  readonly signals: LogSignals;
  /** Assignment lines in the paste (`grep disk /etc/xen/hurd` output, a `cat` of the config), parsed as a config. */
  embeddedConfig(): ParsedConfig | undefined;
  /**
   * The config file a terminal paste shows (`cat /etc/xen/hurd` and what it printed, up to the next prompt), with
   * the paste line it starts on: the prompts and tool output around it are not part of the file.
   */
  configShown(): { text: string; firstLine: number } | undefined;
}

/** Programs that print a file as it is. */
const SHOWS_A_FILE = new Set(['cat', 'less', 'more', 'head', 'tail', 'bat', 'batcat', 'view', 'grep', 'egrep', 'sed']);

/** `key = value` at the start of a line, not a `user@host` prompt. */
const ASSIGNMENT_LINE = /^\s*[a-z_][\w.]*\s*\+?=\s*\S/i;
const USER_AT = /^\s*\w+@/;

export function analysePaste(paste: string): PasteAnalysis {
  const text = capInput(paste);
  const lines = pasteLines(text);
  const events = parseLog(text, lines);
  let config: ParsedConfig | undefined | null = null;
  return {
    text,
    lines,
    events,
    signals: signalsOf(events),
    embeddedConfig() {
      if (config === null) config = embeddedConfigOf(text);
      return config;
    },
    configShown: () => configShownIn(lines, events),
  };
}

function configShownIn(lines: readonly PasteLine[], events: readonly LogEvent[]): { text: string; firstLine: number } | undefined {
  const commands = events.filter((e) => e.type === 'command');
  const show = commands.find((e) => SHOWS_A_FILE.has(e.data.program ?? ''));
  if (!show) return undefined;
  const end = commands.find((e) => e.line > show.line)?.line ?? Number.POSITIVE_INFINITY;
  const body = lines.filter((l) => l.line > show.line && l.line < end);
  if (body.filter((l) => ASSIGNMENT_LINE.test(l.text)).length < 2) return undefined;
  return { text: `${body.map((l) => l.text).join('\n')}\n`, firstLine: body[0]!.line };
}

/**
 * The fields of libxl's JSON view of a domain (`xl create -n` / `xl -N create`, `xl list -l`) that carry a config
 * key's value as it was written: "kernel": "...", "cmdline": "..." (extra/root/cmdline joined), "ramdisk": "...".
 * One line each, quoted value without escapes: bounded, linear.
 */
const LIBXL_JSON_FIELD = /^\s{0,40}"(?<key>kernel|cmdline|ramdisk|bootloader)": "(?<value>[^"\\\n]{0,512})",?\s*$/;

function embeddedConfigOf(text: string): ParsedConfig | undefined {
  const assignments = text.split('\n').flatMap((l) => {
    if (ASSIGNMENT_LINE.test(l) && !USER_AT.test(l)) return [l];
    // xl's JSON dump shows what the config gave: read it as the same keys (cmdline is xl's key for the whole line)
    const json = l.includes('": "') ? LIBXL_JSON_FIELD.exec(l) : null;
    return json?.groups ? [`${json.groups.key} = "${json.groups.value}"`] : [];
  });
  if (assignments.length === 0) return undefined;
  const cfg = parseConfig(assignments.join('\n') + '\n');
  return Object.keys(cfg.values).length > 0 ? cfg : undefined;
}
