/**
 * Every number that decides how a question is ranked and answered, in one frozen place (issue 15: they were
 * inline in search.ts and answer.ts). Each was tuned against the question sets in test/knowledge (the blind ones
 * included); change one and run `npm run eval` on all of them before and after.
 */
export const RANKING = Object.freeze({
  /** Two query words with a short first one ("pv grub") are read as their join when it occurs in at least this many texts. */
  shortJoinMinTexts: 2,
  /** What a query word found in each field of an entry is worth. */
  fields: Object.freeze({ title: 3, aliases: 3, keywords: 2.5, questions: 2, tags: 2, headings: 1, body: 0.6 }),
  /** The heaviest field weight (normalises a term's weight in an entry). */
  maxField: 3,
  /** A wiki page's title counts as a heading this many times over (wiki pages have no curated fields). */
  wikiTitleOverHeading: 1.5,
  /** Wiki pages rank below curated entries on the same evidence. */
  wikiFactor: 0.7,
  /** Inverse document frequency: log((n + 1) / (df + idfSmoothing)). */
  idfSmoothing: 0.5,
  /** A word no entry has weighs this share of the rarest known word. */
  unknownIdfShare: 0.6,
  /** fuse.js, only for words the vocabulary does not know (typos): its field weights and match threshold. */
  fuzzy: Object.freeze({ title: 3, aliases: 3, keywords: 2.5, tags: 1.5, threshold: 0.35 }),
  /** Typo correction: words this long at least; two edits from this length, else one. */
  correctMinLength: 4,
  /** Shorter words are corrected only into the domain's strong words. */
  correctAnyFrom: 5,
  correctTwoEditsFrom: 8,
  /** A phrase of the entry found in the question adds this much per unit of its specificity, capped. */
  phraseWeight: 0.25,
  phraseCap: 0.45,
  /** How a curated entry's similarity is made: word coverage, the nearest example question, sections, fuzzy names. */
  curated: Object.freeze({ coverage: 0.35, nearestQuestion: 0.3, section: 0.2, fuzzy: 0.15 }),
  /** The same for a wiki page (no example questions). */
  wiki: Object.freeze({ coverage: 0.5, section: 0.3, fuzzy: 0.2 }),
});

export const ANSWERING = Object.freeze({
  /** Minimum similarity to answer when the question names the domain (Xen, Hurd, ...). */
  threshold: 0.3,
  /** Stricter minimum when it only shares ordinary words (memory, disk, ...) with the entries. */
  weakDomainThreshold: 0.5,
  /** Topics below this are not even worth naming as "closest". */
  closestFloor: 0.12,
  /**
   * The longest sentence that may lead an answer, and the length answer lines are cut to: one chat line (an IRC
   * line is about 512 bytes with its prefix; the renderers cut by bytes again, this keeps a lead whole).
   */
  leadMaxChars: 380,
  maxMoreLines: 24,
  /** Share of the question's weight a line gains when it holds what the question asks for (asked-kind.ts). */
  askedKindBonus: 0.35,
  /** Facts ranked per question before what it asks for reorders them, and how many are kept after. */
  factCandidates: 24,
  factHitsKept: 12,
  /** What a fact that holds the asked kind (a date for "when") gains in that order, as a share of coverage. */
  factKindBonus: 0.1,
  /** A history fact answers a question that does not ask about history when it covers this much more than any other. */
  historyOverMargin: 0.25,
  /** A fact of the page's history ranks this much below an equal fact about the software itself. */
  historyTieBreak: 0.01,
  /** Fewest words a sentence needs to lead an answer. */
  minLeadWords: 6,
  /** Share of the question's weight another sentence must add to lead instead of the curated first line. */
  leadMargin: 0.25,
  /** A fact answers on its own (without its entry ranking high) when it covers this much of the question... */
  factAnswer: 0.55,
  /** ...and its own text (not its topic's title) holds this much. */
  factOwnMin: 0.4,
  /** Share of the question a fact must hold beyond the curated first line to lead. */
  factLeadMargin: 0,
  /** A fact leads its topic's answer only when its own words hold this share of the question. */
  factLeadOwnMin: 0.3,
  /** A topic this similar to the question keeps the answer even when a fact of another topic covers more words. */
  confidentTopic: 0.5,
  /**
   * A long question (context, then the ask) spreads its weight over words no single fact holds: per term beyond
   * factPlainTerms, the share a fact must cover drops by factDilution, down to factAnswerFloor.
   */
  factPlainTerms: 6,
  factDilution: 0.02,
  factAnswerFloor: 0.4,
  /** Per question word beyond two that the fact's own text holds: the share it must cover drops by this much. */
  factMatchBonus: 0.03,
  /** A fact that holds this many of a question's words, and leads the next fact by manyWordsLead, answers from manyWordsFloor. */
  manyWordsMatched: 6,
  manyWordsLead: 0.08,
  manyWordsFloor: 0.3,
  /** A fact about a config key the question assigns or names (`vcpus = 4`) answers at this coverage. */
  keyFactAnswer: 0.3,
  /** A key name this rare among the facts (IDF) is a config key when it appears, even without `=`. */
  rareKeyWeight: 3,
  /** The share of a documentation question its documentation words take. */
  documentationWordsShare: 0.1,
  /** A fact of another topic must beat the best line of the ranked topic by this share to take over. */
  factSwitchMargin: 0.15,
  /** A fact about a config key the question names answers instead of a ranked topic below this similarity. */
  keyFactTopicBelow: 0.6,
  /** An asking clause of fewer words than this points at its context ("what does xl default to?"): the whole is asked. */
  askingClauseMinTerms: 3,
  /** The asking clause of a long question replaces the whole when its best fact covers this much more. */
  clauseFactMargin: 0.1,
  /** A follow-up ("and with xl?") stands alone when its own best topic clears the threshold by this much. */
  standsAloneMargin: 0.15,
  /** A fact that holds at least this many of the question's words... */
  dominantFactWords: 5,
  /** ...whose own text holds this share of the question... */
  dominantFactOwn: 0.5,
  /** ...and this much more than the ranked topic's best line answers instead of that topic, however sure it is. */
  dominantFactMargin: 0.2,
  /** A fact whose own text holds this share of a question of at least this many words... */
  wholeFactOwn: 0.95,
  wholeFactWords: 4,
  /** ...of which this many name something particular (not hurd, xen, xl, run, start...). */
  wholeFactParticular: 2,
  /** ...answers instead of the ranked topic when it holds this much more than the topic's best line. */
  wholeFactMargin: 0.05,
  /** A line under a leading fact whose words are this much the fact's own says nothing new: it is left out. */
  repeatedLineShare: 0.7,
  /** A question that asks two things: its second ask is left unanswered when no line holds this share of it... */
  complementCovered: 0.5,
  /** ...and gets, as its second line, the fact that holds this share of it beyond what the lines say. */
  complementGain: 0.3,
  /** Without a strong domain word, a fact must cover this much more of the question to answer. */
  weakSignalFactExtra: 0.15,
});
