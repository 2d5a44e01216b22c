/**
 * Structured logging (pino) that cannot leak what users paste or what operators configure:
 * secret-looking keys are censored, IP and MAC addresses are masked, and long or multi-line
 * texts (pastes) are replaced by their size and a short hash before anything is written.
 */
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { pino, type DestinationStream, type Level } from 'pino';

export type LogLevel = Level | 'silent';
export type LogFields = Record<string, unknown>;

/** What adapters and the brain's callers take: a small subset of pino's API. */
export interface Logger {
  info(fieldsOrMsg: LogFields | Error | string, msg?: string): void;
  warn(fieldsOrMsg: LogFields | Error | string, msg?: string): void;
  error(fieldsOrMsg: LogFields | Error | string, msg?: string): void;
  debug(fieldsOrMsg: LogFields | Error | string, msg?: string): void;
  child(bindings: LogFields): Logger;
}

/** The process logger: a Logger that can also be flushed on shutdown. */
export interface AppLogger extends Logger {
  readonly level: string;
  child(bindings: LogFields): AppLogger;
  flush(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Address masking (used for logs, and by anyone storing or echoing user text)

const HEX = '[0-9A-Fa-f]';
/** Six hex pairs with one consistent separator; fixed length, so no backtracking blow-up. */
// regex-safe: built from constants only; checked by recheck in test/bot/log.test.ts
const MAC_RE = new RegExp(
  `(?<![0-9A-Fa-f:-])(${HEX}{2})([:-])(${HEX}{2})\\2(${HEX}{2})\\2${HEX}{2}\\2${HEX}{2}\\2${HEX}{2}(?![0-9A-Fa-f]|[:-]${HEX})`,
  'g',
);
/** A maximal run of IPv6 characters; the replacer decides with node:net whether it is an address. */
const IPV6_CANDIDATE_RE = /(?<![0-9A-Fa-f.:])[0-9A-Fa-f:.]{2,}/g;
const IPV4_RE = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\w|\.\d)/g;

const NETMASK_OCTETS = new Set([0, 128, 192, 224, 240, 248, 252, 254, 255]);

/** Netmasks, loopback and the unspecified address say nothing about a user's network. */
function isHarmlessIPv4(octets: number[]): boolean {
  if (octets[0] === 127) return true;
  if (octets.every((o) => o === 0)) return true;
  if (octets[0] !== 255 || !octets.every((o) => NETMASK_OCTETS.has(o))) return false;
  const bits = octets.map((o) => o.toString(2).padStart(8, '0')).join('');
  return !bits.includes('01');
}

function maskIPv4(match: string, a: string, b: string, c: string, d: string): string {
  const octets = [a, b, c, d].map(Number);
  if (octets.some((o) => o > 255)) return match;
  return isHarmlessIPv4(octets) ? match : '[ipv4]';
}

function maskIPv6(token: string): string {
  if (token.indexOf(':') === token.lastIndexOf(':')) return token;
  // A leading single colon ("addr:fe80::1") or a trailing dot (end of a sentence) is not part of the address.
  const lead = /^:[^:]/.test(token) ? ':' : '';
  const trail = token.endsWith('.') ? '.' : '';
  const core = token.slice(lead.length, token.length - trail.length);
  if (!isIPv6(core)) return token;
  if (core === '::' || core === '::1') return token;
  return `${lead}[ipv6]${trail}`;
}

/**
 * Mask IPv4, IPv6 and MAC addresses. MACs keep their vendor prefix (00:16:3e is Xen's own, which
 * matters when diagnosing) and lose the device part. Loopback, unspecified and netmasks are kept.
 */
export function redactText(text: string): string {
  return text
    .replace(MAC_RE, (_m, o1: string, sep: string, o2: string, o3: string) => [o1, o2, o3, 'xx', 'xx', 'xx'].join(sep))
    .replace(IPV6_CANDIDATE_RE, maskIPv6)
    .replace(IPV4_RE, maskIPv4);
}

// ---------------------------------------------------------------------------------------------
// Secrets and pastes

const SECRET_KEY_RE = /pass(?:word|wd|phrase)?$|secret|token|authori[sz]ation|cookie|api[-_]?key|credential|private[-_]?key/i;
/** "password=hunter2", "token: abc", "Authorization: Bot abc" inside free text. */
const SECRET_ASSIGNMENT_RE = /\b(pass(?:word|wd)?|token|secret|authorization|api[-_]?key)(\s{0,3}[:=]\s{0,3})(?:bot |bearer |basic )?[^\s,;'"]+/gi;
/** "IDENTIFY [account] password" sent to NickServ. */
const NICKSERV_IDENTIFY_RE = /\b(identify) +\S+(?: +\S+)?/gi;

export const REDACTED = '[redacted]';

/** Every pattern applied to user text, for the ReDoS check in the tests. */
export const TEXT_PATTERNS: readonly RegExp[] = [MAC_RE, IPV6_CANDIDATE_RE, IPV4_RE, SECRET_ASSIGNMENT_RE, NICKSERV_IDENTIFY_RE];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_RE.test(key);
}

export function maskSecretsInText(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT_RE, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`)
    .replace(NICKSERV_IDENTIFY_RE, (_m, word: string) => `${word} ${REDACTED}`);
}

/** What the logs say about a text instead of the text itself. */
export interface TextSummary {
  chars: number;
  lines: number;
  sha256: string;
}

export function describeText(text: string): TextSummary {
  let lines = text.length === 0 ? 0 : 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  if (text.endsWith('\n')) lines--;
  return { chars: text.length, lines, sha256: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

/** Strings this long, or with more than one line, are pastes: never written out. */
export const MAX_LOGGED_STRING = 300;
/** Fields that carry what users typed or pasted: always summarised, whatever their length. */
const PASTE_KEYS = new Set(['text', 'paste', 'content', 'body', 'attachment', 'attachments', 'raw', 'input', 'log', 'message_text']);
const MAX_DEPTH = 6;
const MAX_KEYS = 50;
const MAX_ARRAY = 20;

function summarise(text: string): string {
  const s = describeText(text);
  return `[text ${s.chars} chars, ${s.lines} lines, sha256:${s.sha256}]`;
}

function cleanString(value: string, key: string | undefined): string {
  if (key !== undefined && PASTE_KEYS.has(key)) return summarise(value);
  if (key === 'stack') return redactText(maskSecretsInText(value.split('\n').slice(0, 12).join('\n')));
  if (value.length > MAX_LOGGED_STRING || /[\r\n]/.test(value)) return summarise(value);
  return redactText(maskSecretsInText(value));
}

/** A copy of a log record that is safe to write: secrets censored, addresses masked, pastes summarised. */
export function sanitizeFields(value: unknown, key?: string, depth = 0): unknown {
  if (key !== undefined && isSecretKey(key) && value !== undefined && value !== null && value !== '') return REDACTED;
  if (typeof value === 'string') return cleanString(value, key);
  if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    const message = cleanString(value.message, 'message');
    const err: LogFields = { type: value.name, message };
    // The stack's first line repeats the message (which may be a paste): rebuild it from the frames.
    const frames = (value.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
    if (frames.length > 0) err.stack = cleanString([`${value.name}: ${message}`, ...frames].join('\n'), 'stack');
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') err.code = code;
    return err;
  }
  if (Array.isArray(value)) {
    if (key !== undefined && PASTE_KEYS.has(key)) return `[${value.length} items]`;
    return value.slice(0, MAX_ARRAY).map((v) => sanitizeFields(v, undefined, depth + 1));
  }
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value).slice(0, MAX_KEYS)) {
    const cleaned = sanitizeFields(v, k, depth + 1);
    if (cleaned !== undefined) out[k] = cleaned;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The logger

type Method = 'info' | 'warn' | 'error' | 'debug';

function wrap(base: pino.Logger): AppLogger {
  const emit = (method: Method) => (fieldsOrMsg: LogFields | Error | string, msg?: string) => {
    if (!base.isLevelEnabled(method)) return;
    // Logging must never be the thing that takes the bot down (a throwing getter, a stream error).
    try {
      if (typeof fieldsOrMsg === 'string') {
        base[method](cleanString(fieldsOrMsg, 'msg'));
        return;
      }
      const fields = fieldsOrMsg instanceof Error ? { err: fieldsOrMsg } : fieldsOrMsg;
      const cleaned = sanitizeFields(fields) as LogFields;
      const text = msg ?? (fieldsOrMsg instanceof Error ? fieldsOrMsg.message : undefined);
      if (text === undefined) base[method](cleaned);
      else base[method](cleaned, cleanString(text, 'msg'));
    } catch {
      // Nothing sensible to do: the record is lost, the process lives.
    }
  };
  return {
    get level() {
      return base.level;
    },
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    debug: emit('debug'),
    child: (bindings) => wrap(base.child(sanitizeFields(bindings) as LogFields)),
    flush: () => new Promise<void>((resolve) => base.flush(() => resolve())),
  };
}

/**
 * A JSON-lines logger at the given level, writing to `dest` (stdout by default).
 * Every record passes through sanitizeFields first; pino's own redaction is a second net for
 * secrets nested where the sanitiser's depth limit stops.
 */
export function createLogger(level: LogLevel = 'info', dest?: DestinationStream): AppLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    // Records are sanitised before pino sees them; its own error serializer would undo that.
    serializers: { err: (value: unknown) => value },
    redact: { paths: ['password', 'token', 'authorization', '*.password', '*.token', '*.authorization'], censor: REDACTED },
  };
  return wrap(dest ? pino(options, dest) : pino(options));
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: AppLogger = createLogger('silent');
