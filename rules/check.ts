/**
 * `check`: one pasted or given config in, everything the bot can say about it out: which tools parse it,
 * the values they see, the findings, the corrected file with its diff, and the questions the bot cannot
 * answer itself (each with the corrected file per answer). This is what `check --json` prints and what the
 * brain uses for pasted configs.
 */
import type { Dialect, ParseError, ParsedConfig, PlainValue, SyntaxVerdict } from './config/types.js';
import { parseConfig } from './config/index.js';
import { loneCrAsNewline } from './config/text.js';
import { crlfLineEndings } from './catalogue/config/syntax.js';
import { dialectSignals } from './catalogue/config/toolstack.js';
import { fixConfig, lintParsed } from './fix.js';
import type { Finding } from './types.js';

/** Same cap as the rule engine's (rules/engine.ts MAX_INPUT_CHARS): nothing larger reaches a regex. */
export const MAX_CHECK_CHARS = 256 * 1024;
/** Above this, the checker does the bounded amount of work described in checkConfig. */
export const LARGE_CONFIG_CHARS = 16 * 1024;
/** What the chat checks of a pasted config: a real /etc/xen/hurd is a few KiB, and one message must not hold the bot. */
export const CHAT_CHECK_CHARS = 64 * 1024;
const MAX_QUESTIONS = 3;

export interface CheckOptions {
  /** The toolstack the user targets, when known (e.g. the paste said `xl create`). */
  dialect?: Dialect;
  /** File name for the diff headers. */
  fileName?: string;
  /** Variables of the `xm create FILE name=value` command line, for configs that declare them with xm_vars. */
  vars?: Record<string, PlainValue>;
  /** Read at most this much (whole lines); default MAX_CHECK_CHARS. Chat uses less: see CHAT_CHECK_CHARS. */
  maxChars?: number;
}

export interface CheckVariant {
  label: string;
  /** The corrected file if this is the answer (all other fixes applied too). */
  corrected: string;
  diff: string | null;
}

export interface CheckQuestion {
  rule: string;
  name: string;
  question: string;
  variants: CheckVariant[];
}

export interface CheckResult {
  /** Which tools accept the file: 'xm', 'xl', 'both', or null when neither does. */
  syntax: SyntaxVerdict | null;
  /** The toolstack the findings assume (null: written for either). */
  dialect: Dialect | null;
  /** What the real tool sees (plain data; last assignment wins). */
  values: Record<string, PlainValue>;
  findings: Finding[];
  /** The fixed file, or null when no fix applies. */
  corrected: string | null;
  /** Unified diff original -> corrected, hunks annotated with rule ids; null when unchanged. */
  diff: string | null;
  /** Present when no tool can parse the file (or the targeted one cannot). */
  parseError?: { message: string; line: number; column: number };
  /** Facts the bot needs from the user, one corrected file per answer. */
  questions: CheckQuestion[];
  /** Rule ids whose fixes went into `corrected`. */
  fixed: string[];
  /** True when the input was longer than MAX_CHECK_CHARS and only its head was checked (then no corrected file). */
  truncated: boolean;
  /** How many characters were checked, of how many given. */
  checkedChars: number;
  totalChars: number;
  /** Fixes left out, with the reason (e.g. the edit would have turned text into Python code). */
  refused: { rule: string; name: string; why: string }[];
  /** Work left out to keep a huge input within the per-message budget, in words. */
  skipped: string[];
}

/**
 * The toolstack the user meant: given explicitly, or told by the file (xl-only keys such as type/cmdline,
 * or Python beyond a bare import for xm). Undefined when the file is written for either (or for both at once).
 */
export function decideDialect(config: ParsedConfig, explicit?: Dialect): Dialect | undefined {
  if (explicit) return explicit;
  const s = dialectSignals(config);
  if (s.xl.length > 0 && s.xm.length === 0) return 'xl';
  if (s.xm.length > 0 && s.xl.length === 0) return 'xm';
  return undefined;
}

function parseErrorOf(config: ParsedConfig, dialect: Dialect | undefined): ParseError | undefined {
  if (dialect) return config[dialect].ok ? undefined : config[dialect].error;
  if (config.syntax !== null) return undefined;
  return config.xl.error ?? config.xm.error;
}

const FENCE = /^[ \t]*(?:```|~~~)[\w+-]{0,20}[ \t]*$/;
const SHELL_SHOW_FILE = /^[ \t]*(?:[\w.-]{1,64}@[\w.-]{1,64}:[^\s#$]{0,200}[#$]|[#$%>])[ \t]*(?:sudo[ \t]+)?(?:cat|less|more|head|tail|bat|cat -A|nl)\b[^\n]{0,300}$/;
/** A chat sentence around a paste: words, no '=', not a comment and not a Python statement. */
const PROSE = /^[ \t]*(?!(?:import|from|if|elif|else|for|while|def|print|try|except|return|raise|with|del|pass|assert)\b)[A-Za-z][\w'’,.-]{0,40}(?:[ \t]+[^\s=]{1,40}){2,40}[ \t]*$/;
const MAX_WRAPPER_LINES = 5;

/**
 * The config inside a chat paste: the part between the first pair of code fences, without a leading
 * `$ cat /etc/xen/hurd` line or a few lines of prose before or after it ("here is my config:").
 * A config file as such comes back unchanged; only lines no config tool accepts are ever dropped.
 */
export function pastedConfigBody(text: string): string {
  let lines = text.split('\n');
  const fences = lines.flatMap((l, i) => (l.length <= 40 && FENCE.test(l) ? [i] : []));
  if (fences.length >= 2) lines = lines.slice(fences[0]! + 1, fences[1]!);
  else if (fences.length === 1) lines = fences[0]! < lines.length / 2 ? lines.slice(fences[0]! + 1) : lines.slice(0, fences[0]!);
  const wrapper = (l: string): boolean => l.trim() === '' || (l.length <= 400 && (SHELL_SHOW_FILE.test(l) || PROSE.test(l)));
  let head = 0;
  while (head < Math.min(lines.length, MAX_WRAPPER_LINES) && wrapper(lines[head]!)) head++;
  let tail = lines.length;
  while (tail > head && lines.length - tail < MAX_WRAPPER_LINES && wrapper(lines[tail - 1]!)) tail--;
  const body = lines.slice(head, tail);
  // Nothing left that looks like a setting: it was not a wrapped config after all.
  if (!body.some((l) => /^[ \t]*[A-Za-z_][\w.]*[ \t]*\+?=/.test(l))) return text;
  const out = body.join('\n');
  return text.endsWith('\n') || tail < lines.length || fences.length > 0 ? `${out}\n` : out;
}

/** Rules about a key that is absent: noise on a fragment ("memory = 1024" asked about on its own). */
const ABSENT_KEY_RULES = new Set(['kernel-missing', 'disk-missing', 'root-missing', 'name-missing', 'memory-missing', 'ramdisk-missing']);
const WHOLE_CONFIG_MIN_KEYS = 4;

function loneCrFinding(count: number, dialect: Dialect | undefined): Finding {
  return {
    rule: crlfLineEndings.meta.id,
    name: crlfLineEndings.meta.name,
    severity: dialect === 'xm' ? 'warning' : 'error',
    message: `the file has ${count} lone CR (old Mac) line end${count === 1 ? '' : 's'}: Python (xm) reads them as line ends, xl's libxlu fails with a lexical error. I read them as line ends; the corrected file uses LF.`,
    source: crlfLineEndings.meta.source,
    knowledge: crlfLineEndings.meta.knowledge,
    line: 1,
  };
}

/** The whole lines that fit in `max` characters (a cut inside a line would read as a syntax error there). */
function headLines(text: string, max: number): string {
  const cut = text.lastIndexOf('\n', max - 1);
  return cut > 0 ? text.slice(0, cut + 1) : text.slice(0, max);
}

function isFragment(config: ParsedConfig): boolean {
  const keys = new Set(config.assignments.map((a) => a.key));
  return keys.size < WHOLE_CONFIG_MIN_KEYS;
}

export function checkConfig(pasted: string, opts: CheckOptions = {}): CheckResult {
  const max = Math.min(opts.maxChars ?? MAX_CHECK_CHARS, MAX_CHECK_CHARS);
  const truncated = pasted.length > max;
  const { text: given, loneCr } = loneCrAsNewline(truncated ? headLines(pasted, max) : pasted);
  const source = pastedConfigBody(given);
  const config = parseConfig(source, opts.vars ? { vars: opts.vars } : {});
  const dialect = decideDialect(config, opts.dialect);
  const all = lintParsed(config, dialect);
  const findings = isFragment(config) ? all.filter((f) => !ABSENT_KEY_RULES.has(f.name)) : all;
  if (loneCr > 0) findings.unshift(loneCrFinding(loneCr, dialect));
  const fixOptions = { ...(dialect ? { dialect } : {}), ...(opts.fileName ? { fileName: opts.fileName } : {}) };
  // A cut file is not the user's file: never hand back a "corrected" copy of half of it.
  // Work budget: a real /etc/xen/hurd is a few KiB. Each fix pass re-parses the file, so a huge one is checked but
  // not fixed (and gets no per-answer corrected files, each a whole fix run); the result says what was skipped.
  const large = source.length > LARGE_CONFIG_CHARS;
  const skipped: string[] = [];
  const fixed = truncated || large ? undefined : fixConfig(source, fixOptions, [], { config, findings });
  if (large && !truncated && findings.some((f) => f.fix)) skipped.push(`a corrected file (the config is over ${LARGE_CONFIG_CHARS / 1024} KiB, more than any Hurd domU config)`);
  const questions: CheckQuestion[] = (truncated || large ? [] : findings)
    .filter((f) => f.ask && f.ask.variants.length > 0)
    .slice(0, MAX_QUESTIONS)
    .map((f) => ({
      rule: f.rule,
      name: f.name,
      question: f.ask!.question,
      variants: f.ask!.variants.map((v) => {
        const answered = fixConfig(source, fixOptions, [{ rule: f.rule, name: f.name, edits: v.edits }], { config, findings });
        return { label: v.label, corrected: answered.output, diff: answered.diff };
      }),
    }));
  const error = parseErrorOf(config, dialect);
  // A "corrected" file the target tool still cannot read is no correction (an xm program checked for xl: its
  // Python has to run, which no fix can do): the result says so and offers conversion instead.
  const unreadable = fixed?.changed === true && dialect !== undefined && !parseConfig(fixed.output)[dialect].ok;
  if (unreadable && fixed) {
    fixed.refused.push({ rule: 'HX501', name: 'python-in-xl', why: `${dialect} still could not read the file after the fixes (it holds code that has to run); rewrite it, or convert it with \`hurd-xen-bot convert\` / !convert, which says which line needs work` });
  }
  const result: CheckResult = {
    syntax: config.syntax,
    dialect: dialect ?? null,
    values: config.values,
    findings,
    // With lone CRs the user's file differs from what was checked even when no rule changed a thing.
    corrected: !unreadable && (fixed?.changed || (fixed && loneCr > 0)) ? fixed!.output : null,
    diff: unreadable ? null : (fixed?.diff ?? null),
    questions,
    fixed: [...new Set((fixed?.applied ?? []).map((a) => a.rule))],
    truncated,
    checkedChars: source.length,
    totalChars: pasted.length,
    refused: fixed?.refused ?? [],
    skipped,
  };
  if (error) result.parseError = { message: error.message, line: error.line, column: error.column };
  return result;
}
