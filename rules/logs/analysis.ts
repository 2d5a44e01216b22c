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
}

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
  };
}

function embeddedConfigOf(text: string): ParsedConfig | undefined {
  const assignments = text.split('\n').filter((l) => ASSIGNMENT_LINE.test(l) && !USER_AT.test(l));
  if (assignments.length === 0) return undefined;
  const cfg = parseConfig(assignments.join('\n') + '\n');
  return Object.keys(cfg.values).length > 0 ? cfg : undefined;
}
