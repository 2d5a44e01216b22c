/**
 * Ranking for hurried chat questions. Three signals, combined:
 * - term coverage: how much of the question's (IDF-weighted) content the
 *   entry's fields cover, fields weighted title/aliases > keywords > example
 *   questions > tags > headings > body;
 * - nearest example question (weighted Dice) and phrase hits (an alias or
 *   keyword, e.g. an error fragment, appearing in the question in order);
 * - Fuse.js token search (fuzzy, TF-IDF) over title, aliases, questions,
 *   tags and keywords, which forgives typos the others miss.
 * Wiki pages are ranked beside curated entries with a lower weight.
 */
import Fuse from 'fuse.js';
import { domainTerms } from './domain.js';
import { isEnglishWord } from './english.js';
import { editDistance, terms, type Terms } from './normalize.js';
import type { Entry, Hit, Section } from './types.js';
import { RANKING } from './weights.js';

const FIELD_WEIGHTS = RANKING.fields;
const MAX_FIELD_WEIGHT = RANKING.maxField;
const WIKI_FACTOR = RANKING.wikiFactor;

interface IndexedEntry {
  entry: Entry;
  weights: Map<string, number>;
  questionTerms: Set<string>[];
  phrases: string[][];
  sections: { section: Section; heading: Set<string>; terms: Set<string> }[];
  summaryTerms: Set<string>;
  /** Terms of the name-like fields (title, aliases, keywords, tags): what the fuzzy signal compares. */
  nameTerms: Set<string>;
}

export interface QueryTerms {
  set: Set<string>;
  sequence: string[];
  /** Second readings of rare words (kernal -> kernel): they may match, they add no weight. */
  alternatives?: Map<string, string>;
}

export interface ScoredHit extends Hit {
  /** 0..1, higher is better (1 - score). */
  similarity: number;
}

export interface Searcher {
  search(query: string, limit?: number): ScoredHit[];
  /** Query terms after typo correction and compound joining. */
  queryTerms(query: string): QueryTerms;
  rank(q: QueryTerms, rawQuery: string, limit?: number): ScoredHit[];
  /** Is this canonical term in the vocabulary of the curated entries' search fields? */
  knownTerm(term: string): boolean;
  idf(term: string): number;
  /**
   * The section that adds most to the summary for this question: `gain` is the
   * IDF weight of question terms it holds beyond the summary, `summaryCover`
   * the weight the summary itself holds.
   */
  bestSection(entry: Entry, q: QueryTerms): { section?: Section; gain: number; summaryCover: number };
}

function addAll(weights: Map<string, number>, t: Terms, w: number): void {
  for (const term of t.set) if ((weights.get(term) ?? 0) < w) weights.set(term, w);
}

function indexEntry(entry: Entry): IndexedEntry {
  const weights = new Map<string, number>();
  const phrases: string[][] = [];
  const add = (texts: string[], w: number, asPhrases: boolean): Set<string>[] =>
    texts.map((text) => {
      const t = terms(text);
      addAll(weights, t, w);
      if (asPhrases && t.sequence.length >= 2) phrases.push(t.sequence);
      return t.set;
    });
  // A wiki page's title and keywords come from its path and headings
  // ("microkernel mach gnumach ports xen"): words every question shares.
  const wiki = entry.origin === 'wiki';
  add([entry.title], wiki ? FIELD_WEIGHTS.headings * RANKING.wikiTitleOverHeading : FIELD_WEIGHTS.title, !wiki);
  add(entry.aliases, FIELD_WEIGHTS.aliases, true);
  add(entry.keywords ?? [], wiki ? FIELD_WEIGHTS.headings : FIELD_WEIGHTS.keywords, !wiki);
  const questionTerms = add(entry.questions, FIELD_WEIGHTS.questions, false);
  add(entry.tags, FIELD_WEIGHTS.tags, false);
  // Each text is tokenised once: section terms feed both the section index
  // and the body weights.
  const sections = entry.sections.map((section) => {
    const heading = terms(section.heading).set;
    const text = terms(section.text).set;
    for (const t of heading) if ((weights.get(t) ?? 0) < FIELD_WEIGHTS.headings) weights.set(t, FIELD_WEIGHTS.headings);
    for (const t of text) if (!weights.has(t)) weights.set(t, FIELD_WEIGHTS.body);
    return { section, heading, terms: new Set([...heading, ...text]) };
  });
  const summaryTerms = terms(entry.summary).set;
  for (const t of summaryTerms) if (!weights.has(t)) weights.set(t, FIELD_WEIGHTS.body);
  const nameTerms = terms([entry.title, ...entry.aliases, ...(entry.keywords ?? []), ...entry.tags].join(' \n ')).set;
  return { entry, weights, questionTerms, phrases, sections, summaryTerms, nameTerms };
}

/**
 * As much as body text: facts make their entry findable, but their everyday words ("favour", "colour") must not
 * join the vocabulary that makes a question look like ours (knownTerm counts only words above body weight).
 */
const FACT_WEIGHT = FIELD_WEIGHTS.body;

function withFacts(ie: IndexedEntry, texts: readonly string[]): IndexedEntry {
  for (const text of texts) {
    const t = terms(text).set;
    for (const term of t) if ((ie.weights.get(term) ?? 0) < FACT_WEIGHT) ie.weights.set(term, FACT_WEIGHT);
    // a fact is one place that may hold most of a detail question's terms (the "section" signal)
    ie.sections.push({ section: { heading: '', text }, heading: new Set(), terms: t });
  }
  return ie;
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The domain's strong words: the only words a short typo may be corrected into. */
const STRONG_TERMS = domainTerms([]).strong;

/**
 * Terms are stems ("merg", "tim"): an English word is one whose stem this is, with the endings stem() takes off
 * put back.
 */
function isEnglishTerm(term: string): boolean {
  return ['', 'e', 's', 'ed', 'ing', 'es'].some((ending) => isEnglishWord(term + ending));
}

/**
 * `facts` (entry id -> fact texts) count as more text of their entry: they make it findable by the words of every
 * fact it holds, and put those words in the vocabulary the typo corrector knows. They are not sections of the
 * entry (the answerer ranks facts on their own).
 */
export function createSearcher(entries: Entry[], facts: ReadonlyMap<string, readonly string[]> = new Map()): Searcher {
  const indexed = entries.map((e) => withFacts(indexEntry(e), facts.get(e.id) ?? []));
  const byId = new Map(indexed.map((ie) => [ie.entry.id, ie]));
  const df = new Map<string, number>();
  for (const ie of indexed) for (const t of ie.weights.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = indexed.length;
  const idfCache = new Map<string, number>();
  for (const [t, d] of df) idfCache.set(t, Math.log((n + 1) / (d + RANKING.idfSmoothing)));
  const unseenIdf = Math.log((n + 1) / RANKING.idfSmoothing);
  const idfOf = (t: string) => idfCache.get(t) ?? unseenIdf;
  const curatedVocab = new Set<string>();
  for (const ie of indexed) {
    if (ie.entry.origin !== 'curated') continue;
    for (const [t, w] of ie.weights) if (w > FIELD_WEIGHTS.body) curatedVocab.add(t);
  }
  const vocabByLength = new Map<number, string[]>();
  for (const t of df.keys()) {
    if (!/^[a-z]+$/.test(t)) continue;
    const list = vocabByLength.get(t.length) ?? [];
    list.push(t);
    vocabByLength.set(t.length, list);
  }
  for (const list of vocabByLength.values()) list.sort();
  const maxIdf = Math.log((n + 1) / (1 + RANKING.idfSmoothing));
  const unknownIdf = maxIdf * RANKING.unknownIdfShare;

  // Inverted index: every signal below is accumulated from the postings of the question's own terms, so ranking
  // costs what the question matches, not the size of the base (issue 14: the base grows with every fact).
  /** term -> entries whose fields hold it, with the field weight and whether it is a name-field term */
  const fieldPostings = new Map<string, { entry: number; weight: number; name: boolean }[]>();
  /** term -> example questions that hold it (global question numbers) */
  const questionPostings = new Map<string, number[]>();
  const questionEntry: number[] = [];
  const questionTotal: number[] = [];
  /** term -> sections that hold it (global section numbers) */
  const sectionPostings = new Map<string, number[]>();
  const sectionEntry: number[] = [];
  /** first term of a phrase -> phrases (global numbers) */
  const phrasePostings = new Map<string, number[]>();
  const phraseEntry: number[] = [];
  const phraseWords: string[][] = [];
  const phraseSpecificity: number[] = [];
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  indexed.forEach((ie, e) => {
    for (const [t, w] of ie.weights) push(fieldPostings, t, { entry: e, weight: w, name: ie.nameTerms.has(t) });
    for (const qt of ie.questionTerms) {
      const qi = questionEntry.length;
      questionEntry.push(e);
      let qtTotal = 0;
      for (const t of qt) {
        qtTotal += idfOf(t);
        push(questionPostings, t, qi);
      }
      questionTotal.push(qtTotal);
    }
    for (const { terms: st } of ie.sections) {
      const si = sectionEntry.length;
      sectionEntry.push(e);
      for (const t of st) push(sectionPostings, t, si);
    }
    for (const p of ie.phrases) {
      const pi = phraseEntry.length;
      phraseEntry.push(e);
      phraseWords.push(p);
      let specificity = 0;
      for (const t of new Set(p)) specificity += idfOf(t);
      phraseSpecificity.push(specificity);
      push(phrasePostings, p[0]!, pi);
    }
  });
  const indexByEntryId = new Map(indexed.map((ie, e) => [ie.entry.id, e]));
  // Per-query accumulators, reset through the lists of what was touched.
  const acc = {
    covered: new Float64Array(n),
    named: new Float64Array(n),
    nearest: new Float64Array(n),
    section: new Float64Array(n),
    phrase: new Float64Array(n),
    entryStamp: new Uint32Array(n),
    shared: new Float64Array(questionEntry.length),
    questionStamp: new Uint32Array(questionEntry.length),
    hit: new Float64Array(sectionEntry.length),
    sectionStamp: new Uint32Array(sectionEntry.length),
    phraseStamp: new Uint32Array(phraseEntry.length),
    generation: 0,
  };

  // Fuse covers the short, name-like fields, where its fuzzy matching forgives
  // typos; the example questions are compared term by term above (cheaper,
  // and the bitap scan over every question made each query cost ~30 ms).
  const fuse = new Fuse(entries, {
    keys: [
      { name: 'title', weight: RANKING.fuzzy.title },
      { name: 'aliases', weight: RANKING.fuzzy.aliases },
      { name: 'keywords', weight: RANKING.fuzzy.keywords },
      { name: 'tags', weight: RANKING.fuzzy.tags },
    ],
    includeScore: true,
    ignoreLocation: true,
    threshold: RANKING.fuzzy.threshold,
    useTokenSearch: true,
  });

  /** Closest vocabulary word for a typo. */
  function correct(term: string, except?: string): string | undefined {
    if (term.length < RANKING.correctMinLength || !/^[a-z]+$/.test(term)) return undefined;
    // An English word is what was meant, not a typo of a word we know ("apart" is not "part").
    if (isEnglishTerm(term)) return undefined;
    const max = term.length >= RANKING.correctTwoEditsFrom ? 2 : 1;
    let best: string | undefined;
    let bestD = max + 1;
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const cand of vocabByLength.get(len) ?? []) {
        if (cand === except) continue;
        // A short word one letter from another is as likely a real word ("main", "gain"): it is read as a typo
        // only of the domain's own words (hurd, grub, xend).
        if (term.length < RANKING.correctAnyFrom && !STRONG_TERMS.has(cand)) continue;
        const d = editDistance(term, cand, max);
        // Ties go to the more common word, then to sorted order (deterministic).
        if (d < bestD || (d === bestD && best !== undefined && d <= max && (df.get(cand) ?? 0) > (df.get(best) ?? 0))) {
          bestD = d;
          best = cand;
        }
      }
    }
    return best;
  }

  function queryTerms(query: string): QueryTerms {
    const t = terms(query);
    const set = new Set<string>();
    const sequence: string[] = [];
    const alternatives = new Map<string, string>();
    for (const term of t.sequence) {
      const fixed = df.has(term) ? term : (correct(term) ?? term);
      sequence.push(fixed);
    }
    for (const term of t.set) {
      if (df.has(term)) {
        set.add(term);
        // A word one body text happens to quote (the misspelt key "kernal")
        // is more likely a typo of a common term: keep both readings.
        if ((df.get(term) ?? 0) <= 1 && !curatedVocab.has(term)) {
          const fixed = correct(term, term);
          if (fixed && !t.set.has(fixed)) alternatives.set(term, fixed);
        }
      } else if (!t.sequence.includes(term)) continue; // an unknown compound: its parts speak for it
      else set.add(correct(term) ?? term);
    }
    // "non pae" -> nonpae, "pv grub" -> pvgrub: joins the vocabulary knows, of a
    // short prefix or an unknown half (two ordinary words such as "hurd xen"
    // stay two words, or a rare join would outweigh them both).
    for (let i = 0; i + 1 < sequence.length; i++) {
      const a = sequence[i]!;
      const b = sequence[i + 1]!;
      const joined = a + b;
      // ... or a compound at least as common as its rarer half ("shut down" -> shutdown)
      const common = (df.get(joined) ?? 0) >= Math.min(df.get(a) ?? 0, df.get(b) ?? 0);
      // (a short prefix joins when the join is a word of several texts: "pv grub" is pvgrub, but "xen pv" is not the
      // xenpv that one page's file name holds)
      const shortPrefix = a.length <= 3 && (df.get(joined) ?? 0) >= RANKING.shortJoinMinTexts;
      if (df.has(joined) && (shortPrefix || !df.has(a) || !df.has(b) || common)) set.add(joined);
    }
    return { set, sequence, alternatives };
  }

  function bestSection(entry: Entry, q: QueryTerms): { section?: Section; gain: number; summaryCover: number } {
    const ie = byId.get(entry.id) ?? indexEntry(entry);
    let summaryCover = 0;
    for (const t of q.set) if (ie.summaryTerms.has(t)) summaryCover += idfOf(t);
    let best: Section | undefined;
    let bestGain = 0;
    for (const { section, heading, terms: st } of ie.sections) {
      if (section.heading === '' || section.text === '') continue;
      // What the section adds to the summary; its heading counts double.
      let gain = 0;
      for (const t of q.set) {
        if (!st.has(t) || ie.summaryTerms.has(t)) continue;
        gain += idfOf(t) * (heading.has(t) ? 2 : 1);
      }
      if (gain > bestGain) {
        bestGain = gain;
        best = section;
      }
    }
    return { section: best, gain: bestGain, summaryCover };
  }

  function rank(q: QueryTerms, rawQuery: string, limit = 5): ScoredHit[] {
    if (q.set.size === 0) return [];
    let total = 0;
    const idfs = new Map<string, number>();
    for (const t of q.set) {
      // A word no entry uses lowers confidence: a technical one (digits,
      // dashes, long) a lot, a plain short word (break, laptop) less.
      const v = df.has(t) ? idfOf(t) : /^[a-z]{1,7}$/.test(t) ? unknownIdf / 2 : unknownIdf;
      idfs.set(t, v);
      total += v;
    }
    const fuseSim = new Map<string, number>();
    // Fuzzy matching only for the words the vocabulary does not know (typos, variants): known words are matched
    // exactly against the same name fields below, which costs a set lookup instead of a bitap scan of every entry.
    // Fuse's bitap matcher takes patterns of at most 32 characters.
    // (an English word is no typo either: "connection", "refuse" are what was meant, not a name misspelt)
    const fuseQuery = [...new Set(q.sequence)].filter((t) => t.length <= 32 && !df.has(t) && !isEnglishTerm(t)).slice(0, 12).join(' ');
    if (fuseQuery !== '') {
      for (const r of fuse.search(fuseQuery, { limit: 20 })) fuseSim.set(r.item.id, 1 - (r.score ?? 1));
    }
    acc.generation = (acc.generation + 1) >>> 0;
    if (acc.generation === 0) {
      for (const a of [acc.entryStamp, acc.questionStamp, acc.sectionStamp, acc.phraseStamp]) a.fill(0);
      acc.generation = 1;
    }
    const gen = acc.generation;
    const candidates: number[] = [];
    const touch = (e: number): void => {
      if (acc.entryStamp[e] === gen) return;
      acc.entryStamp[e] = gen;
      acc.covered[e] = 0;
      acc.named[e] = 0;
      acc.nearest[e] = 0;
      acc.section[e] = 0;
      acc.phrase[e] = 0;
      candidates.push(e);
    };
    const touchedQuestions: number[] = [];
    const touchedSections: number[] = [];
    for (const [t, v] of idfs) {
      // Field coverage: the better of the word and its second reading (kernal -> kernel).
      const alt = q.alternatives?.get(t);
      const own = fieldPostings.get(t);
      const altList = alt ? fieldPostings.get(alt) : undefined;
      if (altList) {
        const best = new Map<number, number>();
        for (const l of [own, altList]) for (const { entry, weight } of l ?? []) best.set(entry, Math.max(best.get(entry) ?? 0, weight));
        for (const [e, w] of best) {
          touch(e);
          acc.covered[e]! += (v * w) / MAX_FIELD_WEIGHT;
        }
      } else {
        for (const { entry: e, weight: w } of own ?? []) {
          touch(e);
          acc.covered[e]! += (v * w) / MAX_FIELD_WEIGHT;
        }
      }
      // exact name-field hits, as Fuse's token search finds them for known words
      for (const { entry: e, name } of own ?? []) if (name) acc.named[e]! += v;
      for (const qi of questionPostings.get(t) ?? []) {
        if (acc.questionStamp[qi] !== gen) {
          acc.questionStamp[qi] = gen;
          acc.shared[qi] = 0;
          touchedQuestions.push(qi);
        }
        acc.shared[qi]! += idfOf(t);
      }
      for (const si of sectionPostings.get(t) ?? []) {
        if (acc.sectionStamp[si] !== gen) {
          acc.sectionStamp[si] = gen;
          acc.hit[si] = 0;
          touchedSections.push(si);
        }
        acc.hit[si]! += v;
      }
    }
    // The nearest example question (weighted Dice).
    for (const qi of touchedQuestions) {
      const e = questionEntry[qi]!;
      const dice = (2 * acc.shared[qi]!) / (total + questionTotal[qi]! || 1);
      if (dice > acc.nearest[e]!) acc.nearest[e] = dice;
    }
    // One section that holds most of the question's terms: detail questions.
    for (const si of touchedSections) {
      const e = sectionEntry[si]!;
      if (acc.hit[si]! > acc.section[e]!) acc.section[e] = acc.hit[si]!;
    }
    // A phrase counts by how specific its words are: "vif could not be connected" says much, "gnu mach on xen" little.
    for (const first of new Set(q.sequence)) {
      for (const pi of phrasePostings.get(first) ?? []) {
        if (acc.phraseStamp[pi] === gen) continue;
        acc.phraseStamp[pi] = gen;
        if (!containsSequence(q.sequence, phraseWords[pi]!)) continue;
        const e = phraseEntry[pi]!;
        touch(e);
        acc.phrase[e]! += (RANKING.phraseWeight * phraseSpecificity[pi]!) / maxIdf;
      }
    }
    for (const id of fuseSim.keys()) {
      const e = indexByEntryId.get(id);
      if (e !== undefined) touch(e);
    }
    const hits: ScoredHit[] = [];
    for (const e of candidates) {
      const ie = indexed[e]!;
      const coverage = acc.covered[e]! / total;
      const phrase = Math.min(acc.phrase[e]!, RANKING.phraseCap);
      const fuzzy = Math.max(fuseSim.get(ie.entry.id) ?? 0, Math.sqrt(acc.named[e]! / total));
      const section = acc.section[e]! / total;
      // Wiki pages have no example questions: coverage and sections carry that share.
      let sim =
        ie.entry.origin === 'wiki'
          ? WIKI_FACTOR * (RANKING.wiki.coverage * coverage + RANKING.wiki.section * section + RANKING.wiki.fuzzy * fuzzy + phrase)
          : RANKING.curated.coverage * coverage + RANKING.curated.nearestQuestion * acc.nearest[e]! + RANKING.curated.section * section + RANKING.curated.fuzzy * fuzzy + phrase;
      sim = Math.min(1, sim);
      if (sim <= 0) continue;
      hits.push({ entry: ie.entry, score: 1 - sim, similarity: sim });
    }
    const better = (a: ScoredHit, b: ScoredHit): boolean => a.similarity > b.similarity || (a.similarity === b.similarity && a.entry.id < b.entry.id);
    const top: ScoredHit[] = [];
    const want = Math.max(0, limit);
    for (const h of hits) {
      if (want === 0) break;
      if (top.length === want && !better(h, top[top.length - 1]!)) continue;
      let at = top.length;
      while (at > 0 && better(h, top[at - 1]!)) at--;
      top.splice(at, 0, h);
      if (top.length > want) top.pop();
    }
    for (const h of top) h.section = bestSection(h.entry, q).section;
    void rawQuery;
    return top;
  }

  return {
    search: (query, limit = 5) => rank(queryTerms(query), query, limit),
    queryTerms,
    rank,
    knownTerm: (t) => curatedVocab.has(t),
    idf: (t) => (df.has(t) ? idfOf(t) : unknownIdf),
    bestSection,
  };
}
