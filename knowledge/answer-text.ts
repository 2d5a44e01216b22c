/**
 * The text side of an answer: the clause a long question asks, sentences, a section's lead, lines cut to the lead
 * length, the detail for "more", and how well one line covers the question. Pure functions over strings.
 */
import { terms } from './normalize.js';
import type { QueryTerms } from './search.js';
import type { Entry, Section } from './types.js';
import { ANSWERING } from './weights.js';
import { askOf, holdsAsked } from './asked-kind.js';

const ASKED_BONUS = ANSWERING.askedKindBonus;

const MAX_LINE = ANSWERING.leadMaxChars;
const MAX_MORE_LINES = ANSWERING.maxMoreLines;

/** Words that open a question. */
export const QUESTION_OPENER = new Set('how what why where which when who whom whose can could should would is are does do did any anyone will shall may'.split(' '));

/**
 * The sentence that asks, when the text is context followed by a question: the last sentence that ends in "?" or
 * opens with a question word. Undefined for a single sentence (nothing to separate). One pass, no regex.
 */
export function askingClause(text: string): string | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const end = c === '\n' || ((c === '.' || c === '!' || c === '?' || c === ';') && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\n'));
    if (end) {
      const piece = text.slice(start, c === '?' ? i + 1 : i).trim();
      if (piece !== '') parts.push(piece);
      start = i + 1;
    }
  }
  const tail = text.slice(start).trim();
  if (tail !== '') parts.push(tail);
  if (parts.length < 2) return undefined;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    const first = p.split(/\s/, 1)[0]!.toLowerCase().replace(/[^a-z]/g, '');
    // "what does it do with that?" points back at the context: the whole text is the question
    if (p.endsWith('?') || QUESTION_OPENER.has(first)) return refersBack(p) ? undefined : p;
  }
  return undefined;
}

/**
 * An asking sentence whose subject is in the sentences before it: "what does it do with that?", "what's the xl
 * spelling of that key?", or a short one with a pronoun ("can I give it a fixed name?").
 */
export function refersBack(sentence: string): boolean {
  if (REFERS_BACK.test(sentence)) return true;
  const words = sentence.split(/\s+/).filter(Boolean);
  return words.length <= 9 && POINTING_PRONOUN.test(sentence);
}

/** Literal alternation: linear. */
export const POINTING_PRONOUN = /\b(?:it|that|this|them|those|these|there)\b/i;

/** Literal alternations: linear. */
export const REFERS_BACK =
  /\b(?:(?:that|this|these|those) (?:key|keys|line|lines|setting|settings|option|options|value|file|message|error|disk|one|thing|script|package|command)|with that|with this|with it|about that|about this|those|do that|does that|is that|is this|it do|it does|it mean|that mean|related|connected|the cause|the reason|because of)\b/i;

export function splitLong(line: string): string[] {
  const out: string[] = [];
  let rest = line.trim();
  while (rest.length > MAX_LINE) {
    const window = rest.slice(0, MAX_LINE);
    const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('; '));
    const at = cut > MAX_LINE / 3 ? cut + 1 : Math.max(window.lastIndexOf(' '), MAX_LINE / 2);
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest !== '') out.push(rest);
  return out;
}

export function sectionLead(section: Section): string {
  const lines = section.text.split('\n');
  let lead = '';
  for (const l of lines) {
    if (lead.length + l.length > MAX_LINE) break;
    lead = lead === '' ? l : `${lead} ${l}`;
    if (/[.:!?]$/.test(l) && lead.length > 60) break;
  }
  return lead || (lines[0] ?? '').slice(0, MAX_LINE);
}

export function moreLines(entry: Entry, first?: Section): string[] {
  const ordered = first ? [first, ...entry.sections.filter((s) => s !== first)] : entry.sections;
  const out: string[] = [];
  for (const s of ordered) {
    if (s.text === '') continue;
    const lines = s.text.split('\n');
    // The intro section repeats the summary already sent.
    const body = s.heading === '' ? lines.filter((l) => !entry.summary.includes(l)) : lines;
    if (body.length === 0) continue;
    if (s.heading !== '') out.push(`${s.heading}:`);
    for (const l of body) out.push(...splitLong(l));
    if (out.length >= MAX_MORE_LINES) break;
  }
  return out.slice(0, MAX_MORE_LINES);
}

/** Sentences of a section, so one fact can lead without its whole paragraph. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let start = 0;
    for (let i = 0; i + 2 < line.length; i++) {
      // ". " before a capital letter or a quote ends a sentence; "e.g. x" and "4.0" do not.
      if ((line[i] === '.' || line[i] === '!' || line[i] === '?') && line[i + 1] === ' ' && /[A-Z"(]/.test(line[i + 2]!)) {
        out.push(line.slice(start, i + 1).trim());
        start = i + 2;
      }
    }
    const rest = line.slice(start).trim();
    if (rest !== '') out.push(rest);
  }
  return out.filter((x) => x.length >= 20);
}

/**
 * How well one line answers: the IDF weight of the question's terms it holds,
 * plus a bonus when it holds the kind of thing the question word asks for (asked-kind.ts).
 */
export function lineScore(line: string, q: QueryTerms, idf: (t: string) => number, total: number, question: string): number {
  const lt = terms(line).set;
  let s = 0;
  for (const t of q.set) if (lt.has(t)) s += idf(t);
  const ask = askOf(question);
  return s + ASKED_BONUS * total * holdsAsked(line, ask.kinds, ask.counted);
}

export function sourcesOf(entry: Entry): string[] {
  return [...new Set(entry.sources.map((s) => s.url))].slice(0, 3);
}

/** HXB_TRACE_ANSWER=1: each answer's decision inputs go to stderr, one JSON line (for maintainers tuning ranking). */
