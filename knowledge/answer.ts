/**
 * From a question to an Answer: decline empty and off-topic questions,
 * resolve follow-ups against the previous topic, answer only above a
 * confidence threshold, and shape the reply as one or two chat lines that
 * carry the answer, a source, and more lines on request.
 */
import { asksAboutAnotherGuest, classifyDomain, domainTerms, type DomainTerms } from './domain.js';
import { MAX_INPUT, terms } from './normalize.js';
import type { ScoredHit, Searcher, QueryTerms } from './search.js';
import type { Answer, AnswerContext, Entry, Section } from './types.js';
import { isForeignFunctionWord, looksNonEnglish } from './language.js';
import { createFactIndex, isGapFact, type FactHit, type FactIndex } from './fact-index.js';

/** Minimum similarity to answer when the question names the domain (Xen, Hurd, ...). */
export const ANSWER_THRESHOLD = 0.3;
/** Stricter minimum when it only shares ordinary words (memory, disk, ...) with the entries. */
export const WEAK_DOMAIN_THRESHOLD = 0.5;
/** Topics below this are not even worth naming as "closest". */
const CLOSEST_FLOOR = 0.12;
/** IRC servers cut lines near 512 bytes including the prefix. */
export const MAX_LINE = 380;
const MAX_MORE_LINES = 24;
/** Tag of the entry that collects questions no source answers (knowledge/entries/undocumented.md). */
export const GAP_TAG = 'gap';
/** Fewest words a sentence needs to lead an answer. */
const MIN_LEAD_WORDS = 6;
/** Heading of a section that lists what the sources leave open about a topic. */
export const GAP_HEADING = /^not documented/i;
/** Share of the question's weight another sentence must add to lead instead of the curated first line. */
const LEAD_MARGIN = 0.25;

export const FOLLOW_UP = /^\s*(?:and|also|what about|how about|what if|same for|same with|for|with|or|but|ok and|and what about|and with|and for|and on|and in|on)\b/i;

/** A line of a paste that reports a failure. Plain alternation of literals: linear. */
export const ERROR_LINE = /error|panic|fail|cannot|can't|could not|not found|no such|invalid|not supported|assert|refus|unable|denied|must be/i;

/** Words that open a question. */
const QUESTION_OPENER = new Set('how what why where which when who whom whose can could should would is are does do did any anyone will shall may'.split(' '));

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
function refersBack(sentence: string): boolean {
  if (REFERS_BACK.test(sentence)) return true;
  const words = sentence.split(/\s+/).filter(Boolean);
  return words.length <= 9 && POINTING_PRONOUN.test(sentence);
}

/** Literal alternation: linear. */
const POINTING_PRONOUN = /\b(?:it|that|this|them|those|these|there)\b/i;

/** Literal alternations: linear. */
const REFERS_BACK =
  /\b(?:(?:that|this|these|those) (?:key|keys|line|lines|setting|settings|option|options|value|file|message|error|disk|one|thing|script|package|command)|with that|with this|with it|about that|about this|those|do that|does that|is that|is this|it do|it does|it mean|that mean)\b/i;

export interface Answerer {
  answer(question: string, ctx?: AnswerContext): Answer;
}

function splitLong(line: string): string[] {
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

function sectionLead(section: Section): string {
  const lines = section.text.split('\n');
  let lead = '';
  for (const l of lines) {
    if (lead.length + l.length > MAX_LINE) break;
    lead = lead === '' ? l : `${lead} ${l}`;
    if (/[.:!?]$/.test(l) && lead.length > 60) break;
  }
  return lead || (lines[0] ?? '').slice(0, MAX_LINE);
}

function moreLines(entry: Entry, first?: Section): string[] {
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

/**
 * What kind of answer the question asks for, from its question word: "when"
 * wants a year or version, "where" a path or address. Literal alternations: linear.
 */
export const ASKS_WHEN = /\b(?:when|what year|which year|since which|which version|what version|which xen|first (?:release|version))\b/i;
export const HAS_DATE = /\b(?:19|20)\d\d\b|\b\d+\.\d+\b/;
export const ASKS_WHERE = /\b(?:where|url|link)\b/i;
export const HAS_PLACE = /https?:\/\/|(?:^|[\s"'(])\/[a-z]/i;

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
 * plus a bonus when it holds the kind of thing the question word asks for.
 */
function lineScore(line: string, q: QueryTerms, idf: (t: string) => number, total: number, question: string): number {
  const lt = terms(line).set;
  let s = 0;
  for (const t of q.set) if (lt.has(t)) s += idf(t);
  if (ASKS_WHEN.test(question) && HAS_DATE.test(line)) s += 0.35 * total;
  if (ASKS_WHERE.test(question) && HAS_PLACE.test(line)) s += 0.35 * total;
  return s;
}

function sourcesOf(entry: Entry): string[] {
  return [...new Set(entry.sources.map((s) => s.url))].slice(0, 3);
}

/** HXB_TRACE_ANSWER=1: each answer's decision inputs go to stderr, one JSON line (for maintainers tuning ranking). */
const TRACE_ANSWERS = Boolean(process.env.HXB_TRACE_ANSWER);

/** A fact answers on its own (without its entry ranking high) when it covers this much of the question... */
export const FACT_ANSWER = 0.55;
/** ...and its own text (not its topic's title) holds this much. */
const FACT_OWN_MIN = 0.4;
/** Share of the question a fact must hold beyond the curated first line to lead. */
const FACT_LEAD_MARGIN = 0.1;
/** A fact leads its topic's answer only when its own words hold this share of the question. */
const FACT_LEAD_OWN_MIN = 0.3;
/** A topic this similar to the question keeps the answer even when a fact of another topic covers more words. */
const CONFIDENT_TOPIC = 0.5;
/**
 * A long question (context, then the ask) spreads its weight over words no single fact holds: per term beyond
 * this many, the share a fact must cover drops by FACT_DILUTION, down to FACT_ANSWER_FLOOR.
 */
const FACT_PLAIN_TERMS = 6;
const FACT_DILUTION = 0.02;
const FACT_ANSWER_FLOOR = 0.4;
/** Per question word beyond two that the fact's own text holds: the share it must cover drops by this much. */
const FACT_MATCH_BONUS = 0.03;
/** A fact about a config key the question assigns or names (`vcpus = 4`) answers at this coverage. */
const KEY_FACT_ANSWER = 0.3;
/** A key name this rare among the facts (IDF) is a config key when it appears, even without `=`. */
const RARE_KEY_WEIGHT = 3;
/** A number, with a size unit or not (4096m, 512mb, 2g): an amount, not a subject. */
const AMOUNT = /^[\d.]+(?:[kmgt]i?b?)?$/;
/** Word endings of adverbs and adjectives (after stemming): never the unknown subject of a question. */
const MODIFIER_SUFFIX = /(?:ly|ical|ful|ous|less)$/;
/** The share of a documentation question its documentation words take. */
const DOCUMENTATION_WORDS_SHARE = 0.1;
/** Asking whether something is documented: a fact that says the sources leave it open is then the answer. */
const DOCUMENTATION_WORD = /\b(?:documented|documentation|docs|written|write-?up|recipe|howto|how-to|guide|folklore)\b/i;
/** ... when the question asks whether it exists ("is there a written ...", "any howto ..."), or says "documented". */
const ASKS_EXISTENCE = /\b(?:is there|are there|any|is it|was it|does (?:the wiki|anything|anyone))\b|\b(?:documented|written down|folklore)\b/i;
const asksDocumented = (text: string): boolean => DOCUMENTATION_WORD.test(text) && ASKS_EXISTENCE.test(text);
/** A question about the page's history or versions. Literal alternations: linear. */
export const ASKS_HISTORY = /\b(?:when|who|whose|history|histor|since|originally|first|revision|edit|edited|added|removed|dropped|changed|wrote|written|created|made|year|date|old wiki|older|used to|back then|back in|in (?:19|20)\d\d)\b/i;
/** A fact of another topic must beat the best line of the ranked topic by this share to take over. */
const FACT_SWITCH_MARGIN = 0.15;

export function createAnswerer(entries: Entry[], searcher: Searcher, factIndex: FactIndex = createFactIndex([], entries)): Answerer {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const domain: DomainTerms = domainTerms([]);

  function declined(why: NonNullable<Answer['declined']>, closest: string[] = []): Answer {
    return { answered: false, lines: [], more: [], sources: [], closest, declined: why };
  }

  /** The question is about what a topic's "Not documented" section lists, more than about its answer. */
  function asksTheUndocumented(hit: ScoredHit, q: QueryTerms): boolean {
    if (hit.entry.origin !== 'curated') return false;
    const { section, gain, summaryCover } = searcher.bestSection(hit.entry, q);
    let total = 0;
    for (const t of q.set) total += searcher.idf(t);
    return section !== undefined && GAP_HEADING.test(section.heading) && gain > summaryCover && gain >= 0.5 * total;
  }

  function shape(hit: ScoredHit, q: QueryTerms, question: string, factHits: FactHit[] = [], forcedLead?: FactHit): Answer {
    const entry = hit.entry;
    if (entry.origin === 'wiki') {
      const section = hit.section ?? entry.sections.find((s) => s.text !== '');
      const lead = section ? sectionLead(section) : entry.summary;
      const where = section && section.heading !== '' ? ` (${section.heading})` : '';
      return {
        answered: true,
        lines: splitLong(`From the Hurd wiki${where}: ${lead}`).slice(0, 2),
        more: moreLines(entry, section),
        sources: sourcesOf(entry),
        topic: entry.id,
        closest: [],
      };
    }
    const summary = entry.summary.split('\n').flatMap(splitLong);
    let lines = summary.slice(0, 2);
    const { section, gain, summaryCover } = searcher.bestSection(entry, q);
    let total = 0;
    for (const t of q.set) total += searcher.idf(t);
    const lead = section ? splitLong(sectionLead(section))[0] : undefined;
    const detail = lead && gain >= 0.2 * total && !lines.includes(lead) ? lead : undefined;
    if (lead && gain >= 0.2 * total && !lines.includes(lead)) {
      // A detail question: the section that holds it answers first, the
      // summary follows for context. Otherwise the section adds a line.
      lines = gain > summaryCover ? [lead, ...lines] : [...lines, lead];
    }
    // The first line must answer: when one sentence of the entry answers this
    // question clearly better than the current first line, it leads.
    const first = lines[0];
    if (first !== undefined && total > 0) {
      const idf = (t: string) => searcher.idf(t);
      // A sentence is read with its heading: "Link the config into /etc/xen/auto"
      // answers an autostart question because it stands under "Autostart".
      const candidates = [
        ...summary.map((text) => ({ text, context: '' })),
        ...entry.sections.flatMap((s) => sentences(s.text).map((text) => ({ text, context: s.heading }))),
      ];
      const gapSentences = new Set(entry.sections.filter((s) => GAP_HEADING.test(s.heading)).flatMap((s) => sentences(s.text)));
      let best = first;
      // The usual first line is the curated answer: another must beat it clearly.
      const firstScore = lineScore(first, q, idf, total, question);
      let bestScore = firstScore + LEAD_MARGIN * total;
      for (const c of candidates) {
        // A lone config line ('kernel = "/boot/pv-grub.gz"') is part of a sample, not an answer.
        if (c.text.length > MAX_LINE || c.text.split(' ').length < MIN_LEAD_WORDS) continue;
        const v = lineScore(`${c.context} ${c.text}`, q, idf, total, question);
        if (v > bestScore) {
          bestScore = v;
          best = c.text;
        }
      }
      // The topic's facts are curated answers too, one value each: the one that holds more of the question leads
      // (no margin against the summary, which answers the common question, not the detail).
      let leadFact: FactHit | undefined = forcedLead?.fact.entry === entry.id ? forcedLead : undefined;
      // The curated first line answers the common question: a fact must hold clearly more of this one to lead.
      let leadScore = Math.max(firstScore + FACT_LEAD_MARGIN * total, bestScore - LEAD_MARGIN * total);
      for (const fh of factHits) {
        if (leadFact === forcedLead && forcedLead) break;
        if (fh.fact.entry !== entry.id || fh.ownCoverage < FACT_LEAD_OWN_MIN) continue;
        const v = lineScore(fh.fact.text, q, idf, total, question);
        if (v > leadScore) {
          leadFact = fh;
          leadScore = v;
        }
      }
      // What answers best is a statement that the sources leave this open: decline.
      if (!leadFact && gapSentences.has(best)) return declined('low-confidence', [entry.title]);
      if (leadFact) {
        const factLine = leadFact.fact.text;
        // The section that holds the detail, then the topic's own answer, follow the fact for context.
        const ordered = detail ? [detail, ...lines.filter((l) => l !== detail)] : lines;
        const rest = ordered.filter((l) => l !== factLine && !factLine.includes(l));
        lines = [factLine, ...rest.slice(0, 2)];
        return {
          answered: true,
          lines: lines.slice(0, 3),
          more: moreLines(entry, section),
          sources: [...new Set([leadFact.fact.source, ...sourcesOf(entry)])].slice(0, 3),
          topic: entry.id,
          closest: [],
        };
      }
      if (best !== first) lines = [best, ...lines.filter((l) => l !== best && !l.includes(best))];
    }
    return {
      answered: true,
      lines: lines.slice(0, 3),
      more: moreLines(entry, section),
      sources: sourcesOf(entry),
      topic: entry.id,
      closest: [],
    };
  }

  /** Whether the text assigns the key (`vcpus = 4`, `vcpus=4`). */
  function assignsKey(text: string, key: string): boolean {
    const lower = text.toLowerCase();
    const k = key.toLowerCase();
    for (let at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) {
      const before = at === 0 ? ' ' : lower[at - 1]!;
      if (/[a-z0-9_]/.test(before)) continue;
      let i = at + k.length;
      while (lower[i] === ' ' || lower[i] === '\t') i++;
      if (lower[i] === '=') return true;
    }
    return false;
  }

  /** A config key as a query term ("on_crash" -> its canonical term). */
  function canonicalKey(key: string): string {
    return terms(key).sequence.join('') || key.toLowerCase();
  }

  /** Whether any of the entry's answer lines (summary, sentences) holds one of the terms. */
  function mentionsTerms(entry: Entry, wanted: string[]): boolean {
    const have = terms([entry.summary, ...entry.sections.map((s) => s.text)].join('\n')).set;
    return wanted.some((t) => have.has(t));
  }

  /** The entry hit for a fact's topic, from the ranking or made for it. */
  function hitFor(entryId: string, hits: ScoredHit[]): ScoredHit | undefined {
    const found = hits.find((h) => h.entry.id === entryId);
    if (found) return found;
    const entry = byId.get(entryId);
    return entry ? { entry, score: 0.5, similarity: 0.5 } : undefined;
  }

  /**
   * The question's own words pick the topic when they can; the topic just
   * discussed wins when it answers them nearly as well (continuity), and
   * lends its words when the question alone finds nothing.
   */
  function followUpHits(q: QueryTerms, text: string, own: ScoredHit[], last: Entry): ScoredHit[] {
    const top = own[0];
    const lastHit = own.find((h) => h.entry.id === last.id);
    if (top && lastHit && lastHit.similarity >= 0.6 * top.similarity) {
      return [{ ...lastHit, similarity: Math.max(lastHit.similarity, ANSWER_THRESHOLD) }, ...own.filter((h) => h !== lastHit)];
    }
    if (top && top.similarity >= ANSWER_THRESHOLD) return own;
    const context = searcher.queryTerms(`${last.title} ${last.aliases.slice(0, 2).join(' ')}`);
    const merged: QueryTerms = {
      set: new Set([...q.set, ...context.set]),
      sequence: [...q.sequence, ...context.sequence],
    };
    return searcher.rank(merged, text, 5);
  }

  function answer(question: string, ctx: AnswerContext = {}): Answer {
    const text = String(question ?? '').slice(0, MAX_INPUT);
    const all = searcher.queryTerms(text);
    if (all.set.size === 0) return declined('empty');
    // In a pasted log, the error lines say what is wrong; banners and prompts
    // around them only add noise ("Running on xen-3.0-x86_32p." is fine).
    // Another language: its own words mean nothing here; the Xen and Hurd terms and the words we share may.
    if (looksNonEnglish(text)) {
      // (short words are the other language's articles and prepositions: "de", "en", "al")
      // (and the words as written: a foreign word "corrected" to a near English one would mislead)
      const known = [...terms(text).set].filter((t) => t.length > 2 && !isForeignFunctionWord(t) && (factIndex.knows(t) || searcher.knownTerm(t)));
      all.alternatives = new Map();
      all.set = new Set(known);
      all.sequence = all.sequence.filter((t) => all.set.has(t));
      if (all.set.size === 0) return declined('off-topic');
    }
    const errorLines = text.split(/\r?\n/).filter((l) => ERROR_LINE.test(l));
    const focused = errorLines.length > 0 && text.includes('\n') ? searcher.queryTerms(errorLines.join('\n')) : all;
    let q = focused.set.size > 0 ? focused : all;
    // A question after a sentence or two about one's setup: the asking sentence says what is wanted, the context
    // only adds words. When the asking sentence alone finds a closer topic, it leads.
    const asking = askingClause(text);
    if (asking && q === all) {
      const aq = searcher.queryTerms(asking);
      const whole = searcher.rank(q, text, 1)[0]?.similarity ?? 0;
      const clause = searcher.rank(aq, asking, 1)[0]?.similarity ?? 0;
      const wholeFact = factIndex.rank(q, 1)[0]?.coverage ?? 0;
      const clauseFact = factIndex.rank(aq, 1)[0]?.coverage ?? 0;
      if (aq.set.size >= 2 && (clause > whole || (whole < CONFIDENT_TOPIC && clauseFact > wholeFact + 0.1))) q = aq;
    }

    const last = ctx.lastTopic ? byId.get(ctx.lastTopic) : undefined;
    const marked = FOLLOW_UP.test(text);
    let signal = classifyDomain(all.set, searcher.knownTerm, domain);
    let hits = searcher.rank(q, text, 5);
    // "and for non-pae?" is a follow-up; so is a bare "xl?" that means nothing
    // alone. A short question that stands on its own ("pv-grub?") is not.
    const standsAlone = (hits[0]?.similarity ?? 0) >= ANSWER_THRESHOLD + 0.15 && signal === 'strong';
    // Words from outside the domain ("what is the capital of france") never continue the last topic.
    const followUp = last !== undefined && signal !== 'none' && signal !== 'foreign' && (marked || (q.set.size <= 2 && !standsAlone));
    if (followUp && last) {
      hits = followUpHits(q, text, hits, last);
      if (signal !== 'foreign') signal = 'strong';
    }

    if (signal === 'none' || signal === 'foreign' || asksAboutAnotherGuest(text)) return declined('off-topic');
    // The page's history answers "when did ...", "who ...", "since which version": not how-to questions that
    // happen to share its words.
    const asksHistory = ASKS_HISTORY.test(text);
    let factHits = factIndex.rank(q, 12).filter((f) => asksHistory || f.fact.kind !== 'history');
    // A topic just discussed lends its facts to a follow-up ("and with xl?").
    if (followUp && last) for (const f of factIndex.rank({ ...q, set: new Set([...q.set, ...searcher.queryTerms(last.title).set]) }, 4)) factHits.push(f);
    // Facts that cover the question equally go to the topic the ranking agrees on.
    const agreement = (f: FactHit) => f.coverage + 0.15 * (hits.find((h) => h.entry.id === f.fact.entry)?.similarity ?? 0);
    factHits = [...factHits].sort((a, b) => agreement(b) - agreement(a));
    let best = hits[0];
    let switchedBy: FactHit | undefined;
    const threshold = signal === 'strong' ? ANSWER_THRESHOLD : WEAK_DOMAIN_THRESHOLD;
    // The decision reads the facts too: a question one fact answers almost whole is answered, whatever its
    // phrasing did to the topic ranking (statements, context before the question, no question word).
    const topFact = factHits[0];
    // ...and each question word the fact holds beyond two is evidence on its own
    const matchedBonus = topFact ? FACT_MATCH_BONUS * Math.max(0, topFact.matched - 2) : 0;
    const diluted = Math.max(FACT_ANSWER_FLOOR, FACT_ANSWER - FACT_DILUTION * Math.max(0, q.set.size - FACT_PLAIN_TERMS) - matchedBonus);
    // A config key the question assigns (`vcpus = 4`) or names when it is a rare word: the key's fact is about it.
    const namesKey =
      topFact !== undefined &&
      topFact.fact.keys.some((k) => {
        const term = canonicalKey(k);
        return q.set.has(term) && (assignsKey(text, k) || factIndex.weight(term) >= RARE_KEY_WEIGHT);
      });
    const factThreshold = namesKey ? KEY_FACT_ANSWER : signal === 'strong' ? diluted : diluted + 0.15;
    // Two or more words nothing in the knowledge base uses ("usb passthrough") are what is asked, and no fact
    // answers them: a fact that shares the other words is not an answer.
    // (adverbs and adjectives, "purely hypothetical", "really weird", are how it is asked, not what)
    const unknownSubject =
      [...q.set].filter((t) => !factIndex.knows(t) && !searcher.knownTerm(t) && t.length >= 3 && !AMOUNT.test(t) && !MODIFIER_SUFFIX.test(t)).length >= 2;
    // One shared word is a coincidence, not an answer (unless the question has only that word).
    const factAnswers =
      !unknownSubject &&
      topFact !== undefined &&
      topFact.coverage >= factThreshold &&
      topFact.ownCoverage >= (namesKey ? KEY_FACT_ANSWER : FACT_OWN_MIN) &&
      (topFact.matched >= 2 || q.set.size === 1);
    // What answers best is a statement that the sources leave this open: decline, naming what is known nearby.
    const confidentTopic = best !== undefined && best.similarity >= CONFIDENT_TOPIC && !best.entry.tags.includes(GAP_TAG);
    // "is there a written recipe for X?": that the sources leave X open is the answer, not a reason to decline.
    // (the documentation words themselves are no domain words: the strong-domain threshold applies)
    const documentedGap =
      !unknownSubject &&
      topFact !== undefined &&
      isGapFact(topFact.fact) &&
      asksDocumented(text) &&
      // the question's own documentation words ("written", "recipe", "folklore") are in no fact: they do not count
      topFact.coverage >= diluted - DOCUMENTATION_WORDS_SHARE &&
      topFact.ownCoverage >= FACT_OWN_MIN &&
      topFact.matched >= 2;
    const gapTopic = documentedGap && topFact ? hitFor(topFact.fact.entry, hits) : undefined;
    if (gapTopic && topFact) return shape(gapTopic, q, text, factHits, topFact);
    if (factAnswers && topFact && isGapFact(topFact.fact) && !confidentTopic) {
      const closest = hits.filter((h) => h.similarity >= CLOSEST_FLOOR && h.entry.origin === 'curated' && !h.entry.tags.includes(GAP_TAG)).slice(0, 3);
      return declined('low-confidence', closest.map((h) => h.entry.title));
    }
    if (factAnswers && topFact) {
      const topic = hitFor(topFact.fact.entry, hits);
      const lead = best ? lineCoverage(best, q, text) : 0;
      // The fact's topic takes over when the ranked topic is unsure and its best line holds clearly less of the
      // question (a topic that matches the question closely keeps its curated answer).
      const unsure = !best || best.similarity < threshold || best.similarity < CONFIDENT_TOPIC;
      // A config key the question names is its subject: the fact about that key answers, unless the ranked topic's
      // own lines say something about the key too.
      const askedKey =
        best !== undefined &&
        best.similarity < 0.6 &&
        topFact.fact.keys.some((k) => q.set.has(canonicalKey(k))) &&
        !mentionsTerms(best.entry, topFact.fact.keys.map(canonicalKey));
      if (topic && (!best || best.similarity < threshold || askedKey || (unsure && topic.entry.id !== best.entry.id && topFact.coverage > lead + FACT_SWITCH_MARGIN))) {
        best = { ...topic, similarity: Math.max(topic.similarity, threshold) };
        hits = [best, ...hits.filter((h) => h.entry.id !== topic.entry.id)];
        // the fact that chose the topic is what answers: it leads
        switchedBy = topFact;
      }
    }
    if (TRACE_ANSWERS) {
      process.stderr.write(
        `${JSON.stringify({ q: [...q.set], signal, best: best && [best.entry.id, +best.similarity.toFixed(3)], threshold, unknownSubject, unknown: [...q.set].filter((t) => !factIndex.knows(t) && !searcher.knownTerm(t)), topFact: topFact && [topFact.fact.id, +topFact.coverage.toFixed(3), +topFact.ownCoverage.toFixed(3), topFact.matched], factAnswers, switched: switchedBy?.fact.id })}\n`,
      );
    }
    if (!best || best.similarity < threshold) {
      const closest = hits
        .filter((h) => h.similarity >= CLOSEST_FLOOR && h.entry.origin === 'curated')
        .slice(0, 3)
        .map((h) => h.entry.title);
      return declined('low-confidence', closest);
    }
    // A question the sources leave open is declined, not answered from the
    // nearest documented topic.
    if (best.entry.tags.includes(GAP_TAG) || asksTheUndocumented(best, q)) {
      const closest = hits
        .filter((h) => h !== best && h.similarity >= CLOSEST_FLOOR && h.entry.origin === 'curated')
        .slice(0, 3)
        .map((h) => h.entry.title);
      return declined('low-confidence', closest);
    }
    return shape(best, q, text, factHits, switchedBy);
  }

  /** The share of the question the topic's own answer lines (summary and sentences) hold at best, weighed as facts are. */
  function lineCoverage(hit: ScoredHit, q: QueryTerms, question: string): number {
    let total = 0;
    for (const t of q.set) total += factIndex.weight(t);
    if (total <= 0) return 0;
    const idf = (t: string) => factIndex.weight(t);
    const texts = [hit.entry.summary, ...hit.entry.sections.flatMap((s) => sentences(s.text))];
    let best = 0;
    for (const t of texts) best = Math.max(best, lineScore(t, q, idf, total, question) / total);
    return best;
  }

  return { answer };
}
