/**
 * Ranking of the answerable units (facts): an inverted index from terms to the facts that hold them, so a query
 * touches only the postings of its own terms (cost grows with the matches, not with the size of the base).
 * A fact's score is the share of the question's IDF weight it covers: its own text and keys fully, its entry's
 * title, aliases and tags at half weight (they say what the fact is about without saying the fact).
 */
import type { Fact } from './facts.js';
import { terms } from './normalize.js';
import type { QueryTerms } from './search.js';
import type { Entry } from './types.js';

const TEXT_WEIGHT = 1;
const CONTEXT_WEIGHT = 0.5;
/** Weight of a word no fact and no entry title uses, as a share of the rarest word's. */
const UNKNOWN_SHARE = 0.2;

export interface FactHit {
  fact: Fact;
  /** How many of the question's terms the fact's own text holds. */
  matched: number;
  /** 0..1: the share of the question's weight the fact covers. */
  coverage: number;
  /** The same share from the fact's own text and keys only (no help from its entry's title). */
  ownCoverage: number;
}

/** A fact that says the sources leave a question open (the "undocumented" topic, or "Not documented: ..."). */
export function isGapFact(f: Fact): boolean {
  return f.entry === 'undocumented' || /^(?:no documentation|not documented)\b/i.test(f.text);
}

export interface FactIndex {
  readonly facts: readonly Fact[];
  /**
   * Facts by the share of the question they cover. Terms are weighted by how rare they are among the facts
   * (a word in every third fact says little); a word no fact uses weighs little, since no fact can answer it
   * (filler like "straight away"; off-topic questions are the domain gate's to decline).
   */
  rank(q: QueryTerms, limit?: number): FactHit[];
  /** A term's weight in that share. */
  weight(term: string): number;
  /** Whether any fact or entry title uses the term. */
  knows(term: string): boolean;
  /** Facts of one entry, in file order. */
  ofEntry(entryId: string): Fact[];
  /** Whether some fact is about this config key. */
  hasKey(key: string): boolean;
  /** The terms of a fact's own text (computed once per fact, on first use). */
  textTerms(fact: Fact): ReadonlySet<string>;
}

export function createFactIndex(facts: readonly Fact[], entries: readonly Entry[]): FactIndex {
  const byEntry = new Map<string, Fact[]>();
  for (const f of facts) byEntry.set(f.entry, [...(byEntry.get(f.entry) ?? []), f]);
  const entryContext = new Map<string, Set<string>>();
  for (const e of entries) entryContext.set(e.id, terms([e.title, ...e.aliases, ...e.tags].join(' \n ')).set);

  /** term -> [fact index, weight] */
  const postings = new Map<string, [number, number][]>();
  const df = new Map<string, number>();
  /** How many distinct terms each fact's own text holds (the tie-break for facts that cover a question alike). */
  const size = new Uint16Array(facts.length);
  facts.forEach((f, i) => {
    const mine = terms(`${f.text} \n ${f.keys.join(' \n ')} \n ${f.terms.join(' \n ')}`).set;
    size[i] = Math.min(mine.size, 65535);
    for (const t of mine) df.set(t, (df.get(t) ?? 0) + 1);
    const weights = new Map<string, number>();
    for (const t of entryContext.get(f.entry) ?? []) weights.set(t, CONTEXT_WEIGHT);
    for (const t of mine) weights.set(t, TEXT_WEIGHT);
    for (const [t, w] of weights) {
      const list = postings.get(t);
      if (list) list.push([i, w]);
      else postings.set(t, [[i, w]]);
    }
  });

  const n = facts.length;
  const covered = new Float64Array(n);
  const ownCovered = new Float64Array(n);
  const matched = new Uint16Array(n);
  const stamp = new Uint32Array(n);
  let generation = 0;
  const maxIdf = Math.log((n + 1) / 0.5);
  const weight = (t: string): number => {
    const d = df.get(t);
    if (d !== undefined) return Math.log((n + 1) / (d + 0.5));
    // in an entry's title or aliases only: it places the topic, not the fact
    return postings.has(t) ? 0.5 * maxIdf : UNKNOWN_SHARE * maxIdf;
  };

  const keys = new Set(facts.flatMap((f) => f.keys));
  const textTermsOf = new WeakMap<Fact, ReadonlySet<string>>();

  return {
    facts,
    weight,
    knows: (t) => postings.has(t),
    ofEntry: (id) => byEntry.get(id) ?? [],
    hasKey: (k) => keys.has(k),
    textTerms(fact) {
      let t = textTermsOf.get(fact);
      if (!t) {
        t = terms(fact.text).set;
        textTermsOf.set(fact, t);
      }
      return t;
    },
    rank(q, limit = 5) {
      let total = 0;
      const weightOf = new Map<string, number>();
      for (const t of q.set) {
        const v = weight(t);
        weightOf.set(t, v);
        total += v;
      }
      if (total <= 0 || limit <= 0) return [];
      // Accumulators indexed by fact, reset through the list of facts touched: the cost is the length of the
      // query terms' postings, never the size of the base.
      const touched: number[] = [];
      const add = (i: number, v: number, w: number): void => {
        if (stamp[i] !== generation) {
          stamp[i] = generation;
          covered[i] = 0;
          ownCovered[i] = 0;
          matched[i] = 0;
          touched.push(i);
        }
        covered[i]! += v * w;
        if (w === TEXT_WEIGHT) {
          ownCovered[i]! += v;
          matched[i]! += 1;
        }
      };
      generation = (generation + 1) >>> 0;
      if (generation === 0) {
        stamp.fill(0);
        generation = 1;
      }
      for (const [t, v] of weightOf) {
        const list = postings.get(t);
        // A typo's second reading may match; it adds the weight of the word it replaces (the better of the two).
        const alt = q.alternatives?.get(t);
        const altList = alt ? postings.get(alt) : undefined;
        if (!altList) {
          for (const [i, w] of list ?? []) add(i, v, w);
          continue;
        }
        const best = new Map<number, number>();
        for (const l of [list, altList]) for (const [i, w] of l ?? []) best.set(i, Math.max(best.get(i) ?? 0, w));
        for (const [i, w] of best) add(i, v, w);
      }
      // Top `limit` by coverage, then own coverage, then id: a bounded insertion instead of sorting every match.
      // (of facts that hold the question alike, the one with fewer other words is more about it; then by id)
      const better = (a: number, b: number): boolean =>
        covered[a]! !== covered[b]!
          ? covered[a]! > covered[b]!
          : ownCovered[a]! !== ownCovered[b]!
            ? ownCovered[a]! > ownCovered[b]!
            : size[a]! !== size[b]!
              ? size[a]! < size[b]!
              : facts[a]!.id < facts[b]!.id;
      const top: number[] = [];
      for (const i of touched) {
        if (top.length === limit && !better(i, top[top.length - 1]!)) continue;
        let at = top.length;
        while (at > 0 && better(i, top[at - 1]!)) at--;
        top.splice(at, 0, i);
        if (top.length > limit) top.pop();
      }
      return top.map((i) => ({ fact: facts[i]!, coverage: covered[i]! / total, ownCoverage: ownCovered[i]! / total, matched: matched[i]! }));
    },
  };
}
