/** The contract of the knowledge base (knowledge/). */

export interface SourceLink {
  url: string;
  section?: string;
}

export interface Section {
  /** Heading text ('' for the text before the first heading). */
  heading: string;
  /** Plain text of the section (Markdown rendered to plain text, no directives). */
  text: string;
}

export interface Entry {
  id: string;
  title: string;
  aliases: string[];
  /** Example questions this entry answers. */
  questions: string[];
  tags: string[];
  /** Related rule ids (HXnnn). */
  rules: string[];
  sources: SourceLink[];
  /** The one or two lines that answer the typical question (first paragraph of the body). */
  summary: string;
  sections: Section[];
  /** 'curated' for knowledge/entries, 'wiki' for pages loaded from an ikiwiki directory. */
  origin: 'curated' | 'wiki';
  /**
   * Extra search terms (optional, added compatibly): commands, file names, and
   * verbatim fragments of the error text people paste, matched as phrases.
   */
  keywords?: string[];
}

export interface Hit {
  entry: Entry;
  /** 0 = perfect .. 1 = no match (Fuse convention). */
  score: number;
  /** The section that matched best, if any. */
  section?: Section;
}

export interface AnswerContext {
  /** Topic (entry id) discussed just before in the same channel, for follow-ups like "and for non-pae?". */
  lastTopic?: string;
}

export interface Answer {
  answered: boolean;
  /** First line answers; second line optional. Plain text, no Markdown. */
  lines: string[];
  /** More detail, given on "more" or in private. */
  more: string[];
  sources: string[];
  /** Entry id answered (for follow-ups). */
  topic?: string;
  /** When not answered: the closest topics (titles). */
  closest: string[];
  /** Why it was declined, when it was: 'off-topic' | 'low-confidence' | 'empty'. */
  declined?: 'off-topic' | 'low-confidence' | 'empty';
}

export interface KnowledgeBase {
  entries: Entry[];
  /** The answerable units (knowledge/facts), each tied to an entry. */
  facts: import('./facts.js').Fact[];
  get(id: string): Entry | undefined;
  search(query: string, limit?: number): Hit[];
  answer(question: string, ctx?: AnswerContext): Answer;
  /** Whether a word is a term of the domain (the bot's reader keeps `memory: ...` and strips `alice: ...`). */
  knows(word: string): boolean;
}
