/**
 * From a question to an Answer: decline empty and off-topic questions,
 * resolve follow-ups against the previous topic, answer only above a
 * confidence threshold, and shape the reply as one or two chat lines that
 * carry the answer, a source, and more lines on request.
 */
import { asksAboutAnotherGuest, asksAnotherDistributionsPackages, asksForOpinion, asksPrivateDetails, asksToWriteCode, classifyDomain, namesOnlyAnotherHypervisor, UBIQUITOUS, domainTerms, type DomainTerms } from './domain.js';
import { MAX_INPUT, terms } from './normalize.js';
import type { ScoredHit, Searcher, QueryTerms } from './search.js';
import type { Answer, AnswerContext, Entry } from './types.js';
import { isForeignFunctionWord, looksNonEnglish } from './language.js';
import { createFactIndex, isGapFact, type FactHit, type FactIndex } from './fact-index.js';
import { ANSWERING } from './weights.js';
import { askOf, holdsAsked } from './asked-kind.js';
import { readPastedValues } from './pasted-values.js';
import { askingClause, lineScore, moreLines, sectionLead, sentences, sourcesOf, splitLong } from './answer-text.js';
import { isEnglishWord } from './english.js';

export { askingClause, sentences } from './answer-text.js';
export { ASKS_WHEN, ASKS_WHERE, HAS_DATE, HAS_PLACE } from './asked-kind.js';

// The tuned numbers live in weights.ts (one frozen place); these names keep the code below readable.

export const ANSWER_THRESHOLD = ANSWERING.threshold;
export const WEAK_DOMAIN_THRESHOLD = ANSWERING.weakDomainThreshold;
const CLOSEST_FLOOR = ANSWERING.closestFloor;
export const MAX_LINE = ANSWERING.leadMaxChars;
/** Tag of the entry that collects questions no source answers (knowledge/entries/undocumented.md). */
export const GAP_TAG = 'gap';
const MIN_LEAD_WORDS = ANSWERING.minLeadWords;
/** Heading of a section that lists what the sources leave open about a topic. */
export const GAP_HEADING = /^not documented/i;
const LEAD_MARGIN = ANSWERING.leadMargin;

export const FOLLOW_UP = /^\s*(?:and|also|what about|how about|what if|same for|same with|for|with|or|but|ok and|and what about|and with|and for|and on|and in|on)\b/i;

/** `Memory = 512`: a capitalised word assigned like a key. Bounded runs: linear. */
const CAPITALISED_KEY = /(?:^|[\s;"'])([A-Z][a-z_]{1,30})[ \t]{0,8}=(?!=)/;

/** A line of a paste that reports a failure. Plain alternation of literals: linear. */
export const ERROR_LINE = /error|panic|fail|cannot|can't|could not|not found|no such|invalid|not supported|assert|refus|unable|denied|must be/i;

export interface Answerer {
  answer(question: string, ctx?: AnswerContext): Answer;
}

const TRACE_ANSWERS = Boolean(process.env.HXB_TRACE_ANSWER);

export const FACT_ANSWER = ANSWERING.factAnswer;
const FACT_OWN_MIN = ANSWERING.factOwnMin;
const FACT_LEAD_MARGIN = ANSWERING.factLeadMargin;
const FACT_LEAD_OWN_MIN = ANSWERING.factLeadOwnMin;
const CONFIDENT_TOPIC = ANSWERING.confidentTopic;
const { factPlainTerms: FACT_PLAIN_TERMS, factDilution: FACT_DILUTION, factAnswerFloor: FACT_ANSWER_FLOOR } = ANSWERING;
const FACT_MATCH_BONUS = ANSWERING.factMatchBonus;
const KEY_FACT_ANSWER = ANSWERING.keyFactAnswer;
const RARE_KEY_WEIGHT = ANSWERING.rareKeyWeight;
/** A number, with a size unit or not (4096m, 512mb, 2g): an amount, not a subject. */
const AMOUNT = /^[\d.]+(?:[kmgt]i?b?)?$/;
/** Word endings of adverbs and adjectives (after stemming): never the unknown subject of a question. */
const MODIFIER_SUFFIX = /(?:ly|ical|ful|ous|less)$/;
const DOCUMENTATION_WORDS_SHARE = ANSWERING.documentationWordsShare;
/** Asking whether something is documented: a fact that says the sources leave it open is then the answer. */
const DOCUMENTATION_WORD = /\b(?:documented|documentation|docs|written|write-?up|recipe|howto|how-to|guide|folklore)\b/i;
/** ... when the question asks whether it exists ("is there a written ...", "any howto ..."), or says "documented". */
const ASKS_EXISTENCE = /\b(?:is there|are there|any|is it|was it|does (?:the wiki|anything|anyone))\b|\b(?:documented|written down|folklore)\b/i;
const asksDocumented = (text: string): boolean => DOCUMENTATION_WORD.test(text) && ASKS_EXISTENCE.test(text);
/** A question about the page's history or versions. Literal alternations: linear. */
export const ASKS_HISTORY = /\b(?:when|who|whose|history|histor|since|originally|first|revisions?|edits?|edited|added|removed|dropped|changed|wrote|written|created|made|year|date|old wiki|older|how old|how many times|used to|back then|back in|in (?:19|20)\d\d|(?:19|20)\d\d (?:[a-z-]{2,12} )?(?:wiki|page|instructions|docs?|documentation|sample|example|news)|old (?:hurd |xen |gnumach )?(?:wiki|page|instructions|docs|documentation|sample|example|news))\b/i;
const FACT_SWITCH_MARGIN = ANSWERING.factSwitchMargin;

/**
 * The two asks of one question: split after the first "?" when another question follows, or before a second
 * question word after "and" ("who wrote it, and when was it merged?"). Literal alternations: linear.
 */
const SECOND_ASK = /\b(?:and|also|plus) (?:when|where|how|what|which|why|who|whether|is|are|was|were|does|do|did|can|could|get|make)\b/i;
export function twoAsks(question: string): [string, string] | undefined {
  const mark = question.indexOf('?');
  if (mark >= 0) {
    const rest = question.slice(mark + 1).trim();
    if (rest !== '' && (rest.includes('?') || /^\w/.test(rest))) return [question.slice(0, mark + 1).trim(), rest];
  }
  const m = SECOND_ASK.exec(question);
  if (!m) return undefined;
  let end = m.index;
  while (end > 0 && ' \t\n,;'.includes(question[end - 1]!)) end--;
  return [question.slice(0, end), question.slice(m.index + m[0].indexOf(' ') + 1)];
}

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
      // (facts and lines are weighed alike here, by how rare a word is among the facts: the weights that ranked the
      // facts in the first place)
      const factWeight = (t: string) => factIndex.weight(t);
      let factTotal = 0;
      for (const t of q.set) factTotal += factWeight(t);
      const lineAsFact = (line: string) => lineScore(line, q, factWeight, factTotal, question);
      let leadScore = Math.max(lineAsFact(first) + FACT_LEAD_MARGIN * factTotal, best === first ? -Infinity : lineAsFact(best));
      for (const fh of factHits) {
        if (leadFact === forcedLead && forcedLead) break;
        if (fh.fact.entry !== entry.id || fh.ownCoverage < FACT_LEAD_OWN_MIN) continue;
        // (what the fact's key and topic names add to its words counts as in the ranking: "w!" is the subject of
        // the w! fact even where a longer fact mentions w! among other things)
        const v = lineAsFact(fh.fact.text) + (fh.coverage - fh.ownCoverage) * factTotal;
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
        // (a line that says again what the fact says, in other words, makes way for one that adds something)
        const factTerms = terms(factLine).set;
        const repeats = (l: string) => {
          const own = terms(l).set;
          let shared = 0;
          for (const t of own) if (factTerms.has(t)) shared++;
          return own.size > 0 && shared / own.size >= ANSWERING.repeatedLineShare;
        };
        const rest = ordered.filter((l) => l !== factLine && !factLine.includes(l) && !repeats(l));
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

  /** Whether the question's word behind a stem ("aliv" of "alive") is an everyday English word. */
  function saidInEnglish(stemmed: string, text: string): boolean {
    const lower = text.slice(0, MAX_INPUT).toLowerCase();
    for (let at = lower.indexOf(stemmed); at >= 0; at = lower.indexOf(stemmed, at + 1)) {
      if (at > 0 && /[a-z]/.test(lower[at - 1]!)) continue;
      let end = at + stemmed.length;
      while (end < lower.length && end - at < 40 && /[a-z]/.test(lower[end]!)) end++;
      if (isEnglishWord(lower.slice(at, end))) return true;
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
      // (the domain's own short words, xm and xl, are no article of any language)
      const known = [...terms(text).set].filter(
        (t) => (domain.strong.has(t) || (t.length > 2 && !isForeignFunctionWord(t))) && (factIndex.knows(t) || searcher.knownTerm(t)),
      );
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
    // (the whole question's fact ranking, kept: it is the main ranking too when the whole question stays asked)
    let wholeRanked: FactHit[] | undefined;
    let wholeHits: ScoredHit[] | undefined;
    if (asking && q === all) {
      const aq = searcher.queryTerms(asking);
      wholeHits = searcher.rank(q, text, 5);
      const whole = wholeHits[0]?.similarity ?? 0;
      const clause = searcher.rank(aq, asking, 1)[0]?.similarity ?? 0;
      wholeRanked = factIndex.rank(q, ANSWERING.factCandidates);
      const wholeFact = wholeRanked[0]?.coverage ?? 0;
      const clauseFact = factIndex.rank(aq, 1)[0]?.coverage ?? 0;
      // (a short one after its context points back at it: "forgot memory= in my config. what does xl default to?")
      const pointsBack = aq.set.size < ANSWERING.askingClauseMinTerms && text.trimEnd().endsWith(asking);
      // (nor one whose only domain words are the ubiquitous ones when the context names a specific thing: "no
      // network-bridge in /etc/xen/scripts any more. how do i get a bridge for the hurd guest")
      const specific = (t: string) => domain.strong.has(t) && !UBIQUITOUS.has(t);
      // (context is what comes before the ask: "can gnumach be the dom0 itself? like xen.gz in grub ..." asks its
      // first sentence, and the rest only illustrates it)
      const before = searcher.queryTerms(text.slice(0, Math.max(0, text.indexOf(asking))));
      const contextNamesThing = [...before.set].some((t) => specific(t) && !aq.set.has(t)) && ![...aq.set].some(specific);
      if (aq.set.size >= 2 && !pointsBack && !contextNamesThing && (clause > whole || (whole < CONFIDENT_TOPIC && clauseFact > wholeFact + ANSWERING.clauseFactMargin))) q = aq;
    }

    // A config key written with a capital (`Memory = 512`) in a question about an error is the error itself: xl's
    // key names are lower-case only. The question then asks about key names, whatever else it says.
    const capitalKey = CAPITALISED_KEY.exec(text.slice(0, 2000));
    if (capitalKey && ERROR_LINE.test(text) && factIndex.hasKey(capitalKey[1]!.toLowerCase())) {
      q = { ...q, set: new Set([...q.set, ...terms('lowercase key names').set]) };
    }
    const last = ctx.lastTopic ? byId.get(ctx.lastTopic) : undefined;
    const marked = FOLLOW_UP.test(text);
    let signal = classifyDomain(all.set, searcher.knownTerm, domain);
    let hits = q === all && wholeHits ? wholeHits : searcher.rank(q, text, 5);
    // "and for non-pae?" is a follow-up; so is a bare "xl?" that means nothing
    // alone. A short question that stands on its own ("pv-grub?") is not.
    const standsAlone = (hits[0]?.similarity ?? 0) >= ANSWER_THRESHOLD + ANSWERING.standsAloneMargin && signal === 'strong';
    // Words from outside the domain ("what is the capital of france") never continue the last topic.
    const followUp = last !== undefined && signal !== 'none' && signal !== 'foreign' && (marked || (q.set.size <= 2 && !standsAlone));
    if (followUp && last) {
      hits = followUpHits(q, text, hits, last);
      if (signal !== 'foreign') signal = 'strong';
    }

    if (signal === 'none' || signal === 'foreign' || asksAboutAnotherGuest(text) || namesOnlyAnotherHypervisor(text) || asksAnotherDistributionsPackages(text) || asksPrivateDetails(text) || asksToWriteCode(text) || asksForOpinion(text)) return declined('off-topic');
    // The page's history answers "when did ...", "who ...", "since which version": not how-to questions that
    // happen to share its words.
    const asksHistory = ASKS_HISTORY.test(text);
    // (more than are kept: many facts may cover a short question whole, and what it asks for decides among them)
    // (a history fact that holds clearly more of a question than any other fact is its answer all the same: "what was
    // the labri url for gnumach-xen")
    const ranked = q === all && wholeRanked ? wholeRanked : factIndex.rank(q, ANSWERING.factCandidates);
    let bestCurrent = 0;
    for (const f of ranked) if (f.fact.kind !== 'history') bestCurrent = Math.max(bestCurrent, f.coverage);
    let factHits = ranked.filter((f) => asksHistory || f.fact.kind !== 'history' || f.coverage >= bestCurrent + ANSWERING.historyOverMargin);
    // A topic just discussed lends its facts to a follow-up ("and with xl?").
    if (followUp && last) for (const f of factIndex.rank({ ...q, set: new Set([...q.set, ...searcher.queryTerms(last.title).set]) }, 4)) factHits.push(f);
    // Facts that cover the question equally go to the topic the ranking agrees on, and to the one that holds the
    // kind of thing asked (a date for "when", a name for "who").
    const { kinds, counted } = askOf(text);
    const agreement = (f: FactHit) =>
      f.coverage +
      0.15 * (hits.find((h) => h.entry.id === f.fact.entry)?.similarity ?? 0) +
      ANSWERING.factKindBonus * holdsAsked(f.fact.text, kinds, counted) -
      // (of equals, the fact about the thing itself before what the wiki page once said about it)
      (f.fact.kind === 'history' ? ANSWERING.historyTieBreak : 0);
    // (each fact's agreement once, not once per comparison)
    const agreed = new Map(factHits.map((f) => [f, agreement(f)]));
    factHits = [...factHits].sort((a, b) => agreed.get(b)! - agreed.get(a)!).slice(0, ANSWERING.factHitsKept);
    // A fact that says the sources leave something open yields to one that covers more of the question and says
    // something ("which savannah tasks does the page link" is answered; "what is in task 5468" stays the gap).
    const saying = factHits.find((f) => !isGapFact(f.fact));
    if (factHits[0] && isGapFact(factHits[0].fact) && saying && saying.coverage > factHits[0].coverage) {
      factHits = [saying, ...factHits.filter((f) => f !== saying)];
    }
    let best = hits[0];
    let switchedBy: FactHit | undefined;
    const threshold = signal === 'strong' ? ANSWER_THRESHOLD : WEAK_DOMAIN_THRESHOLD;
    // The decision reads the facts too: a question one fact answers almost whole is answered, whatever its
    // phrasing did to the topic ranking (statements, context before the question, no question word).
    const topFact = factHits[0];
    // ...and each question word the fact holds beyond two is evidence on its own
    const matchedBonus = topFact ? FACT_MATCH_BONUS * Math.max(0, topFact.matched - 2) : 0;
    // (a long account of a symptom spreads its weight thin: a fact that holds many of its words, and much more of it
    // than any other fact, may answer below the usual floor)
    const manyWords = topFact !== undefined && topFact.matched >= ANSWERING.manyWordsMatched && topFact.coverage >= (factHits[1]?.coverage ?? 0) + ANSWERING.manyWordsLead;
    const floor = manyWords ? ANSWERING.manyWordsFloor : FACT_ANSWER_FLOOR;
    const diluted = Math.max(floor, FACT_ANSWER - FACT_DILUTION * Math.max(0, q.set.size - FACT_PLAIN_TERMS) - matchedBonus);
    // A config key the question assigns (`vcpus = 4`) or names when it is a rare word: the key's fact is about it.
    const namesKey =
      topFact !== undefined &&
      topFact.fact.keys.some((k) => {
        const term = canonicalKey(k);
        return q.set.has(term) && (assignsKey(text, k) || factIndex.weight(term) >= RARE_KEY_WEIGHT);
      });
    const factThreshold = namesKey ? KEY_FACT_ANSWER : signal === 'strong' ? diluted : diluted + ANSWERING.weakSignalFactExtra;
    // Two or more words nothing in the knowledge base uses ("usb passthrough") are what is asked, and no fact
    // answers them: a fact that shares the other words is not an answer.
    // (adverbs and adjectives, "purely hypothetical", "really weird", are how it is asked, not what)
    // (nor are everyday English words, "alive", "curiosity", "everyone": how it is said; "passthrough" and "usb" are
    // no dictionary words, they name the thing)
    const unknownSubject =
      [...q.set].filter((t) => !factIndex.knows(t) && !searcher.knownTerm(t) && t.length >= 3 && !AMOUNT.test(t) && !MODIFIER_SUFFIX.test(t) && !saidInEnglish(t, text)).length >= 2;
    // One shared word is a coincidence, not an answer (unless the question has only that word).
    // (nor is it when that word is all the question says beyond the ubiquitous hurd / xen / domU: "can I throttle
    // the hurd guest's bandwidth from xen" asks about rate= and nothing else)
    const particularTerms = [...q.set].filter((t) => !UBIQUITOUS.has(t));
    const holdsAllParticular = topFact !== undefined && particularTerms.length >= 1 && particularTerms.every((t) => factIndex.textTerms(topFact.fact).has(t));
    const factAnswers =
      !unknownSubject &&
      topFact !== undefined &&
      topFact.coverage >= factThreshold &&
      topFact.ownCoverage >= (namesKey ? KEY_FACT_ANSWER : manyWords ? ANSWERING.manyWordsFloor : FACT_OWN_MIN) &&
      (topFact.matched >= 2 || q.set.size === 1 || holdsAllParticular);
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
      // (the topic's lines are scored with the bonus for holding what is asked: so is the fact, to compare alike)
      const factScore = topFact.coverage + ANSWERING.askedKindBonus * holdsAsked(topFact.fact.text, kinds, counted);
      // The fact's topic takes over when the ranked topic is unsure and its best line holds clearly less of the
      // question (a topic that matches the question closely keeps its curated answer).
      // (the topic of undocumented questions is never sure of a question that a fact answers)
      const unsure = !best || best.similarity < threshold || best.similarity < CONFIDENT_TOPIC || (best.entry.tags.includes(GAP_TAG) && !isGapFact(topFact.fact));
      // A config key the question names is its subject: the fact about that key answers, unless the ranked topic's
      // own lines say something about the key too.
      const askedKey =
        best !== undefined &&
        best.similarity < ANSWERING.keyFactTopicBelow &&
        topFact.fact.keys.some((k) => q.set.has(canonicalKey(k))) &&
        !mentionsTerms(best.entry, topFact.fact.keys.map(canonicalKey));
      // A fact that holds most of the question, far more than any line of the ranked topic, is the answer even
      // when that topic looks sure ("check that xl parses my config without starting it": the dry-run fact).
      // (a question of a few words is covered whole by many facts: that is no evidence; nor is a gap fact an answer)
      // (a short question counts when what it asks for, a date, a name, a place, is in the fact: "who ported it?")
      const holdsKind = (kinds.length > 0 || counted !== undefined) && holdsAsked(topFact.fact.text, kinds, counted) === 1;
      const dominant =
        !isGapFact(topFact.fact) &&
        (topFact.matched >= ANSWERING.dominantFactWords || holdsKind) &&
        topFact.ownCoverage >= ANSWERING.dominantFactOwn &&
        factScore > lead + ANSWERING.dominantFactMargin;
      // (a fact whose own words hold every word of a question of several is its answer, unless a line of the topic
      // holds as much)
      // (words that name a particular thing, not "run the hurd under xen"; never over the undocumented topic)
      const particular = [...q.set].filter((t) => !UBIQUITOUS.has(t) && !domain.generic.has(t)).length;
      const whole =
        !isGapFact(topFact.fact) &&
        !best?.entry.tags.includes(GAP_TAG) &&
        topFact.ownCoverage >= ANSWERING.wholeFactOwn &&
        topFact.matched >= ANSWERING.wholeFactWords &&
        particular >= ANSWERING.wholeFactParticular &&
        factScore > lead + ANSWERING.wholeFactMargin;
      const switches = unsure || dominant || whole;
      if (topic && (!best || best.similarity < threshold || askedKey || (switches && topic.entry.id !== best.entry.id && factScore > lead + FACT_SWITCH_MARGIN))) {
        best = { ...topic, similarity: Math.max(topic.similarity, threshold) };
        hits = [best, ...hits.filter((h) => h.entry.id !== topic.entry.id)];
        // the fact that chose the topic is what answers: it leads
        switchedBy = topFact;
      } else if ((dominant || whole) && topic && best && topic.entry.id === best.entry.id) {
        // (a fact that dominates the question leads its own topic's answer too)
        switchedBy = topFact;
      }
    }
    // A value quoted from the user's machine (a xen_caps line) decides which fact answers, over word matching.
    const pasted = readPastedValues(text);
    const pastedFact = pasted ? factIndex.facts.find((f) => f.id === pasted.factId) : undefined;
    if (pastedFact) {
      const topic = hitFor(pastedFact.entry, hits);
      if (topic) {
        best = { ...topic, similarity: Math.max(topic.similarity, threshold) };
        hits = [best, ...hits.filter((h) => h.entry.id !== topic.entry.id)];
        switchedBy = { fact: pastedFact, coverage: 1, ownCoverage: 1, matched: 0 };
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
    const shaped = withComplement(shape(best, q, text, factHits, switchedBy), q, text, factHits);
    // The verdict of a quoted value leads; what the words of the question ask ("what does the code do with it")
    // follows when another fact holds it.
    // (the asking sentence's own best fact when there is one: the quoted value is context, the sentence the ask)
    const askedFact = pastedFact ? (asking ? factIndex.rank(searcher.queryTerms(asking), 1)[0] : topFact) : undefined;
    const follow = askedFact && !isGapFact(askedFact.fact) && askedFact.ownCoverage >= FACT_OWN_MIN ? askedFact : topFact;
    if (pastedFact && follow && shaped.answered && follow.fact.id !== pastedFact.id && !isGapFact(follow.fact) && follow.ownCoverage >= FACT_OWN_MIN) {
      const lines = [shaped.lines[0]!, follow.fact.text, ...shaped.lines.slice(1).filter((l) => l !== follow.fact.text)].slice(0, 3);
      return { ...shaped, lines, sources: [...new Set([...shaped.sources, follow.fact.source])].slice(0, 3) };
    }
    return shaped;
  }

  /**
   * A question that asks two things ("who wrote it, and when was it merged?", "boot from the second partition and
   * get /dev entries for the others?") gets, as its second line, the fact that holds what the first lines leave out.
   */
  function withComplement(answer: Answer, q: QueryTerms, question: string, factHits: FactHit[]): Answer {
    if (!answer.answered) return answer;
    const asks = twoAsks(question);
    if (asks === undefined) return answer;
    // (the later ask first: the first line usually answers the first; of a first ask after context, its asking
    // sentence: "xm create fails ... . what is 768")
    for (const ask of [asks[1], askingClause(asks[0]) ?? asks[0]]) {
      const complement = complementFor(answer.lines, ask, q, factHits, answer.topic);
      if (!complement) continue;
      const lines = [answer.lines[0]!, complement.text, ...answer.lines.slice(1)].slice(0, 3);
      return { ...answer, lines, sources: [...new Set([...answer.sources, complement.source])].slice(0, 3) };
    }
    return answer;
  }

  /** The fact that answers an ask the lines leave open, if one does. */
  function complementFor(lines: string[], ask: string, q: QueryTerms, factHits: FactHit[], topic?: string): FactHit['fact'] | undefined {
    const qa = searcher.queryTerms(ask);
    // "... with xl? and with xm?": a fragment that names only what changes asks the first question again for it
    if (FOLLOW_UP.test(ask) && qa.set.size >= 1 && qa.set.size < 2) return fragmentComplement(lines, qa, q);
    let total = 0;
    for (const t of qa.set) total += factIndex.weight(t);
    // (one word is an ask when it is a rare one: "what is 768?")
    const rareAlone = qa.set.size === 1 && factIndex.weight([...qa.set][0]!) >= RARE_KEY_WEIGHT;
    if ((qa.set.size < 2 && !rareAlone) || total <= 0) return undefined;
    // Answered when one line holds most of the ask (the words spread over several lines may each mean something
    // else; a date is not "when" here: the first line may date something else).
    let said = new Set<string>();
    let held = 0;
    for (const line of lines) {
      const own = terms(line).set;
      let w = 0;
      for (const t of qa.set) if (own.has(t)) w += factIndex.weight(t);
      if (w > held) {
        held = w;
        said = own;
      }
    }
    if (held / total >= ANSWERING.complementCovered) return undefined;
    const unsaid = [...qa.set].filter((t) => !said.has(t));
    let best: { hit: FactHit; gain: number; shared: number } | undefined;
    for (const hit of [...factIndex.rank(qa, 8), ...factHits]) {
      if (isGapFact(hit.fact) || lines.some((l) => l.includes(hit.fact.text) || hit.fact.text.includes(l))) continue;
      const own = factIndex.textTerms(hit.fact);
      let gain = 0;
      for (const t of unsaid) if (own.has(t)) gain += factIndex.weight(t);
      let shared = 0;
      for (const t of new Set([...q.set, ...qa.set])) if (own.has(t)) shared++;
      // (the topic that answers the first ask counts as one more shared word: "is it alive, and how much cpu does
      // it eat" stays with the running domain, not a CPU in the installer)
      if (topic !== undefined && hit.fact.entry === topic) shared++;
      // (of facts that hold the ask alike, the one that shares most with the whole question)
      if (shared >= 2 && gain / total >= ANSWERING.complementGain && (!best || gain > best.gain || (gain === best.gain && shared > best.shared))) best = { hit, gain, shared };
    }
    if (TRACE_ANSWERS) process.stderr.write(`${JSON.stringify({ ask, unsaid, complement: best && [best.hit.fact.id, +(best.gain / total).toFixed(3)] })}\n`);
    return best?.hit.fact;
  }

  /**
   * The fact that answers a follow-up fragment ("and with xm?") of the same question: it holds the fragment's own
   * word, which no line says yet, and shares most of the rest of the question.
   */
  function fragmentComplement(lines: string[], fragment: QueryTerms, q: QueryTerms): FactHit['fact'] | undefined {
    const own = [...fragment.set];
    const said = lines.map((l) => terms(l).set);
    if (own.every((t) => said.some((s) => s.has(t)))) return undefined;
    const merged: QueryTerms = { set: new Set([...q.set, ...own]), sequence: [...q.sequence, ...own] };
    let best: { fact: FactHit['fact']; shared: number } | undefined;
    for (const hit of factIndex.rank(merged, ANSWERING.factCandidates)) {
      if (isGapFact(hit.fact) || lines.some((l) => l.includes(hit.fact.text) || hit.fact.text.includes(l))) continue;
      const text = factIndex.textTerms(hit.fact);
      if (!own.every((t) => text.has(t))) continue;
      // (about what the first line answered: the words it shares with the question and that line, by rarity)
      let count = 0;
      let shared = 0;
      for (const t of new Set([...q.set, ...said[0]!])) {
        if (!text.has(t)) continue;
        shared += factIndex.weight(t);
        if (q.set.has(t)) count++;
      }
      if (count >= 2 && (!best || shared > best.shared)) best = { fact: hit.fact, shared };
    }
    return best?.fact;
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
