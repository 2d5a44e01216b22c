/**
 * What kind of thing a question asks for (a time, a version, a person, a place, an amount), read from its question
 * words, and whether a line of text holds one. A line that holds what is asked answers better than one that only
 * shares the question's words ("when did GNU Mach get PAE?" wants "November 2008", not "every Xen since 3.3").
 * Literal alternations and bounded classes only: linear in the input.
 */

export type AskedKind = 'when' | 'version' | 'who' | 'where' | 'amount' | 'yesno';

/** "when", "what year", "how long ago": a date answers; a release number answers less well. */
export const ASKS_WHEN = /\b(?:when|what year|which year|since when|how long ago|what date)\b/i;
/** "which version", "since which release", "which xen": a release number or a year answers. */
export const ASKS_VERSION = /\b(?:since which|(?:which|what) (?:xen |gnumach |gnu mach |debian |qemu |glibc |grub )?(?:version|release)|which xen|first (?:release|version))\b/i;
/** "who", "whose", "which person", "by whom". */
export const ASKS_WHO = /\b(?:who|whose|whom|which person|which developer)\b/i;
export const ASKS_WHERE = /\b(?:where|url|link|download from)\b/i;
/** "how much", "how many", "how big", "what size", "default": a number answers. */
export const ASKS_AMOUNT = /\b(?:how much|how many|how big|how large|how long|what size|which size|how fast|default|defaults|limit|maximum|minimum)\b/i;

/**
 * A yes/no question: a sentence that opens with an auxiliary ("is there a 64-bit gnumach?", "can I ...", "does xl
 * ..."). A fact that opens with its verdict ("Yes, ...", "No: ...") answers it better than one that only shares its
 * words (issue 12: a yes/no question answered with the steps of a related procedure).
 */
export const ASKS_YESNO = /(?:^|[.?!\n])[ \t]*(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have|must|may)\b/i;
/** "A or B": a choice between two things. */
const ASKS_CHOICE = /\bor\b/i;
/** "... or not", "... or is that a known gap?": the "or" opens another yes/no, not an alternative. */
const OR_NOT = /\bor (?:not|is|are|was|were|do|does|did|can|could|should|will|would|has|have|must|am)\b/i;
/** A line that opens with its verdict. */
export const HAS_VERDICT = /^(?:yes|no|mostly yes|mostly no|not yet)\b[,:;]/i;

/** A year (1990-2039) or a month name: a date. */
export const HAS_YEAR = /\b(?:19[89]\d|20[0-3]\d)\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
/** A release number standing on its own ("Xen 4.0", "since 3.3"), not inside a name ("xen-3.0-x86_32p"). */
export const HAS_VERSION = /(?:^|[\s(,])v?\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?=$|[\s),;:.])/;
/** Any dated or numbered release (the older, looser test). */
export const HAS_DATE = /\b(?:19|20)\d\d\b|\b\d+\.\d+\b/;
/** A line that opens by naming where something comes from ("From debian-ports: ..."). */
export const OPENS_WITH_FROM = /^from\b/i;
export const HAS_PLACE = /https?:\/\/|(?:^|[\s"'(])\/[a-z]/i;
/**
 * A person the sources name, by name or IRC nick. (A pattern for any capitalised pair takes "From Linux" or "Event
 * Actions" for people; the knowledge base names few people, so they are listed.)
 */
export const HAS_PERSON = /\b(?:Samuel Thibault|Neal Walfield|Damien Zammit|Stefan Siegl|Vladimir Serbinenko|Thomas Schwinge|Richard Braun|youpi|phcoder|braunr|sthibault|tschwinge)\b/i;
/** A number standing on its own ("32", "0.5"), not a digit inside a name ("dom0", "x86_32p"). */
export const HAS_NUMBER = /\b\d{1,9}(?:\.\d{1,3})?\b/;
/** An amount: a number with its unit ("32 MB", "128MB", "10 times"). */
export const HAS_AMOUNT = /\b\d{1,9}(?:\.\d{1,3})?[ \t]?(?:[kmgt]i?b|[kmg]\b|%|times\b|bytes\b)/i;

/** "how many modules": the thing counted. Bounded: linear. */
const HOW_MANY = /\bhow many ([a-z]{3,20})/i;

/** The thing a "how many" question counts ("modules"), as the first letters both its forms share. */
export function countedNoun(question: string): string | undefined {
  const m = HOW_MANY.exec(question);
  // (a stem: "modules" and "module", "revisions" and "revision" meet on their first letters)
  return m ? m[1]!.toLowerCase().slice(0, Math.max(3, m[1]!.length - 2)) : undefined;
}

/** Whether the line gives a count of that thing: a number right before it ("31 modules", "36 distinct revisions"). */
function countsNoun(line: string, noun: string): boolean {
  const lower = line.toLowerCase();
  for (let at = lower.indexOf(noun); at >= 0; at = lower.indexOf(noun, at + 1)) {
    // the word before (skipping one adjective such as "distinct") is a number
    const before = lower.slice(Math.max(0, at - 24), at).trim().split(/\s+/);
    const last = before[before.length - 1] ?? '';
    const previous = before[before.length - 2] ?? '';
    if (/^\d{1,9}$/.test(last) || /^\d{1,9}$/.test(previous)) return true;
  }
  return false;
}

/** The kinds a question asks for (none for a plain how-to or yes/no question). */
export function askedKinds(question: string): AskedKind[] {
  const kinds: AskedKind[] = [];
  if (ASKS_WHEN.test(question)) kinds.push('when');
  if (ASKS_VERSION.test(question)) kinds.push('version');
  if (ASKS_WHO.test(question)) kinds.push('who');
  if (ASKS_WHERE.test(question)) kinds.push('where');
  if (ASKS_AMOUNT.test(question)) kinds.push('amount');
  // ("is it pae or non-pae" asks to choose, not yes or no; "... or not", "... or is it ..." still ask yes or no)
  if (ASKS_YESNO.test(question) && !(ASKS_CHOICE.test(question) && !OR_NOT.test(question))) kinds.push('yesno');
  return kinds;
}

/** What one question asks for: its kinds and, for "how many", the thing counted. */
export interface Ask {
  kinds: readonly AskedKind[];
  counted?: string;
}

let lastQuestion: string | undefined;
let lastAsk: Ask = { kinds: [] };

/**
 * The ask of a question, read once: every line scored for one question (dozens per answer) reuses it instead of
 * running the question-word patterns again.
 */
export function askOf(question: string): Ask {
  if (question !== lastQuestion) {
    lastQuestion = question;
    lastAsk = { kinds: askedKinds(question), counted: countedNoun(question) };
  }
  return lastAsk;
}

/** How well a line holds one kind: 1, 0.5 for the weaker form ("when" answered by a release), or 0. */
function holdsKind(line: string, kind: AskedKind): number {
  switch (kind) {
    case 'when':
      return HAS_YEAR.test(line) ? 1 : HAS_VERSION.test(line) ? 0.5 : 0;
    case 'version':
      return HAS_VERSION.test(line) || HAS_YEAR.test(line) ? 1 : 0;
    case 'who':
      return HAS_PERSON.test(line) ? 1 : 0;
    case 'where':
      // ("where does crosshurd pull the packages from": "From debian-ports: ..." names the place)
      return HAS_PLACE.test(line) || OPENS_WITH_FROM.test(line) ? 1 : 0;
    case 'amount':
      return HAS_AMOUNT.test(line) ? 1 : HAS_NUMBER.test(line) ? 0.5 : 0;
    case 'yesno':
      return HAS_VERDICT.test(line) ? 0.25 : 0;
  }
}

/**
 * How well a line holds what is asked, 0..1: a date for "when" (a release number half as well), a release or a
 * date for "which version", a name for "who", an address or a path for "where", a number for an amount.
 */
export function holdsAsked(line: string, kinds: readonly AskedKind[], counted?: string): number {
  if (kinds.length === 0 && counted === undefined) return 0;
  // "how many modules": a count of modules answers fully
  if (counted !== undefined && countsNoun(line, counted)) return 1;
  let best = 0;
  for (const k of kinds) best = Math.max(best, holdsKind(line, k));
  return best;
}
