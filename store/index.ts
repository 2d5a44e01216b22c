/**
 * The maintainer's loop (issue 18): what the bot could not answer, feedback on its replies, and facts taught in
 * the channel with their history, in one SQLite file (store/db.ts). Every write is one short transaction.
 * Nicks are stored as salted hashes (the salt lives in the file, so counts per person work, names do not leak).
 */
import { createHash, randomBytes } from 'node:crypto';
import { openDb, StoreError, type Db } from './db.js';
import { cleanTaughtText, redactForStore } from './clean.js';
import { topicKey } from './topic.js';

export { StoreError } from './db.js';
export { cleanTaughtText, redactForStore, topicKey } from './clean.js';

export interface Seen {
  transport: string;
  channel: string;
  nick: string;
  /** ms since the epoch (tests pass their own clock) */
  at?: number;
}

export interface UnansweredRow {
  kind: 'question' | 'paste';
  text: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  transport: string;
  channel: string;
}

export interface FeedbackCount {
  kind: 'wrong' | 'thanks';
  ref: string;
  count: number;
}

export interface Factoid {
  topic: string;
  text: string;
  taughtBy: string;
  updatedAt: number;
  /** The topic asked for, when it is an alias of `topic`. */
  via?: string;
}

export interface FactoidChange {
  action: 'learn' | 'forget' | 'alias' | 'revert';
  oldText: string | null;
  newText: string | null;
  oldAlias: string | null;
  newAlias: string | null;
  who: string;
  at: number;
}

export interface Store {
  readonly path: string;
  recordUnanswered(kind: 'question' | 'paste', text: string, seen: Seen): void;
  unanswered(limit?: number): UnansweredRow[];
  recordFeedback(kind: 'wrong' | 'thanks', refs: string[], comment: string, replyText: string, seen: Seen): void;
  feedbackCounts(): FeedbackCount[];
  learn(topic: string, text: string, who: string, at?: number): Factoid;
  forget(topic: string, who: string, at?: number): boolean;
  alias(topic: string, target: string, who: string, at?: number): void;
  revert(topic: string, who: string, at?: number): Factoid | undefined;
  factoid(topic: string): Factoid | undefined;
  topics(): string[];
  history(topic: string, limit?: number): FactoidChange[];
  /** Ignore masks (`nick!user@host` globs, or a nick) added at run time; cached for a few seconds. */
  ignoreMasks(): readonly string[];
  addIgnore(mask: string, who: string, at?: number): void;
  removeIgnore(mask: string): boolean;
  stats(): { unanswered: number; unansweredRepeats: number; wrong: number; thanks: number; factoids: number };
  close(): void;
}

/** Whitespace-insensitive, case-insensitive identity of a stored text: repeats of one question count up. */
function fingerprint(kind: string, text: string): string {
  return createHash('sha256').update(`${kind}\n${text.toLowerCase().replace(/\s+/g, ' ').trim()}`).digest('hex');
}

export async function openStore(dir: string): Promise<Store> {
  const { db, path } = await openDb(dir);
  return storeOver(db, path);
}

function storeOver(db: Db, path: string): Store {
  const salt = ensureSalt(db);
  const hashNick = (nick: string) => createHash('sha256').update(`${salt}:${nick.toLowerCase()}`).digest('hex').slice(0, 16);
  const now = (at?: number) => at ?? Date.now();

  const upsertUnanswered = db.prepare(
    `INSERT INTO unanswered (kind, fingerprint, text, count, first_seen, last_seen, transport, channel, nick_hash)
     VALUES (@kind, @fingerprint, @text, 1, @at, @at, @transport, @channel, @nick)
     ON CONFLICT (fingerprint) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen,
       transport = excluded.transport, channel = excluded.channel`,
  );
  const listUnanswered = db.prepare(
    `SELECT kind, text, count, first_seen AS firstSeen, last_seen AS lastSeen, transport, channel
     FROM unanswered ORDER BY count DESC, last_seen DESC LIMIT ?`,
  );
  const insertFeedback = db.prepare(
    `INSERT INTO feedback (kind, comment, refs, reply_text, at, transport, channel, nick_hash)
     VALUES (@kind, @comment, @refs, @reply, @at, @transport, @channel, @nick)`,
  );
  const feedbackRows = db.prepare(`SELECT kind, refs FROM feedback`);
  const getFactoid = db.prepare(`SELECT topic, text, alias_of AS aliasOf, taught_by AS taughtBy, updated_at AS updatedAt FROM factoid WHERE topic = ?`);
  const putFactoid = db.prepare(
    `INSERT INTO factoid (topic, text, alias_of, taught_by, updated_at) VALUES (@topic, @text, @alias, @who, @at)
     ON CONFLICT (topic) DO UPDATE SET text = excluded.text, alias_of = excluded.alias_of, taught_by = excluded.taught_by, updated_at = excluded.updated_at`,
  );
  const deleteFactoid = db.prepare(`DELETE FROM factoid WHERE topic = ?`);
  const logChange = db.prepare(
    `INSERT INTO factoid_change (topic, action, old_text, old_alias, new_text, new_alias, who, at)
     VALUES (@topic, @action, @oldText, @oldAlias, @newText, @newAlias, @who, @at)`,
  );
  const changes = db.prepare(
    `SELECT action, old_text AS oldText, new_text AS newText, old_alias AS oldAlias, new_alias AS newAlias, who, at
     FROM factoid_change WHERE topic = ? ORDER BY id DESC LIMIT ?`,
  );
  const allTopics = db.prepare(`SELECT topic FROM factoid ORDER BY topic`);
  const listMasks = db.prepare(`SELECT mask FROM ignore_mask ORDER BY mask`);
  const putMask = db.prepare(`INSERT OR REPLACE INTO ignore_mask (mask, added_by, at) VALUES (?, ?, ?)`);
  const deleteMask = db.prepare(`DELETE FROM ignore_mask WHERE mask = ?`);
  let masks: { list: readonly string[]; at: number } | undefined;
  let topicList: { list: readonly string[]; at: number } | undefined;

  type Row = { topic: string; text: string | null; aliasOf: string | null; taughtBy: string; updatedAt: number };
  const row = (topic: string) => getFactoid.get(topic) as Row | undefined;

  const change = db.transaction((topic: string, action: FactoidChange['action'], next: { text: string | null; alias: string | null } | null, who: string, at: number) => {
    topicList = undefined;
    const before = row(topic);
    if (next) putFactoid.run({ topic, text: next.text, alias: next.alias, who, at });
    else deleteFactoid.run(topic);
    logChange.run({ topic, action, oldText: before?.text ?? null, oldAlias: before?.aliasOf ?? null, newText: next?.text ?? null, newAlias: next?.alias ?? null, who, at });
    return before;
  });

  function resolve(topic: string): Factoid | undefined {
    let key = topicKey(topic);
    const asked = key;
    // aliases may chain, never loop: at most a few hops
    for (let hop = 0; hop < 4; hop++) {
      const r = row(key);
      if (!r) return undefined;
      if (r.aliasOf) {
        key = r.aliasOf;
        continue;
      }
      if (r.text === null) return undefined;
      return { topic: r.topic, text: r.text, taughtBy: r.taughtBy, updatedAt: r.updatedAt, ...(asked !== r.topic ? { via: asked } : {}) };
    }
    return undefined;
  }

  return {
    path,
    recordUnanswered(kind, text, seen) {
      const clean = redactForStore(text).trim();
      if (clean === '') return;
      upsertUnanswered.run({ kind, fingerprint: fingerprint(kind, clean), text: clean, at: now(seen.at), transport: seen.transport, channel: seen.channel, nick: hashNick(seen.nick) });
    },
    unanswered(limit = 20) {
      return listUnanswered.all(Math.max(1, Math.min(1000, limit))) as UnansweredRow[];
    },
    recordFeedback(kind, refs, comment, replyText, seen) {
      insertFeedback.run({
        kind,
        comment: redactForStore(comment).slice(0, 500),
        refs: JSON.stringify(refs.slice(0, 20)),
        reply: redactForStore(replyText).slice(0, 1000),
        at: now(seen.at),
        transport: seen.transport,
        channel: seen.channel,
        nick: hashNick(seen.nick),
      });
    },
    feedbackCounts() {
      const counts = new Map<string, FeedbackCount>();
      for (const r of feedbackRows.iterate() as Iterable<{ kind: 'wrong' | 'thanks'; refs: string }>) {
        let refs: unknown;
        try {
          refs = JSON.parse(r.refs);
        } catch {
          refs = [];
        }
        for (const ref of Array.isArray(refs) && refs.length > 0 ? refs.map(String) : ['(none)']) {
          const key = `${r.kind}\n${ref}`;
          const c = counts.get(key) ?? { kind: r.kind, ref, count: 0 };
          c.count++;
          counts.set(key, c);
        }
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.ref.localeCompare(b.ref));
    },
    learn(topic, text, who, at) {
      const key = topicKey(topic);
      const clean = cleanTaughtText(text);
      if (key === '' || clean === '') throw new StoreError('a taught fact needs a topic and a text');
      change(key, 'learn', { text: clean, alias: null }, who, now(at));
      return resolve(key)!;
    },
    forget(topic, who, at) {
      const key = topicKey(topic);
      if (!row(key)) return false;
      change(key, 'forget', null, who, now(at));
      return true;
    },
    alias(topic, target, who, at) {
      const key = topicKey(topic);
      const to = topicKey(target);
      if (key === '' || to === '' || key === to) throw new StoreError('an alias needs two different topics');
      if (!resolve(to)) throw new StoreError(`no taught fact "${to}" to point to`);
      change(key, 'alias', { text: null, alias: to }, who, now(at));
    },
    revert(topic, who, at) {
      const key = topicKey(topic);
      const last = (changes.all(key, 1) as FactoidChange[])[0];
      if (!last) return undefined;
      const back = last.oldText !== null || last.oldAlias !== null ? { text: last.oldText, alias: last.oldAlias } : null;
      change(key, 'revert', back, who, now(at));
      return resolve(key);
    },
    factoid: resolve,
    topics() {
      // every question asks: read the table at most every few seconds (changes here reset it at once)
      if (!topicList || Date.now() - topicList.at > CACHE_MS) topicList = { list: (allTopics.all() as { topic: string }[]).map((r) => r.topic), at: Date.now() };
      return [...topicList.list];
    },
    history(topic, limit = 10) {
      return changes.all(topicKey(topic), Math.max(1, Math.min(100, limit))) as FactoidChange[];
    },
    ignoreMasks() {
      // every message asks: read the table at most every few seconds (another process may change it too)
      if (!masks || Date.now() - masks.at > CACHE_MS) masks = { list: (listMasks.all() as { mask: string }[]).map((r) => r.mask), at: Date.now() };
      return masks.list;
    },
    addIgnore(mask, who, at) {
      const m = mask.trim();
      if (!/^[^\s]{1,100}$/.test(m)) throw new StoreError('an ignore mask is one word: nick, or nick!user@host with * wildcards');
      putMask.run(m, who, now(at));
      masks = undefined;
    },
    removeIgnore(mask) {
      const changed = deleteMask.run(mask.trim()).changes > 0;
      masks = undefined;
      return changed;
    },
    stats() {
      const one = (sql: string) => Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
      return {
        unanswered: one('SELECT COUNT(*) AS n FROM unanswered'),
        unansweredRepeats: one('SELECT SUM(count) AS n FROM unanswered'),
        wrong: one("SELECT COUNT(*) AS n FROM feedback WHERE kind = 'wrong'"),
        thanks: one("SELECT COUNT(*) AS n FROM feedback WHERE kind = 'thanks'"),
        factoids: one('SELECT COUNT(*) AS n FROM factoid WHERE text IS NOT NULL'),
      };
    },
    close() {
      if (db.open) db.close();
    },
  };
}

/** How long lists read on every message (ignore masks, taught topics) are kept before the table is read again. */
const CACHE_MS = 5000;

function ensureSalt(db: Db): string {
  const get = db.prepare(`SELECT value FROM meta WHERE key = 'nick-salt'`);
  const found = get.get() as { value: string } | undefined;
  if (found) return found.value;
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('nick-salt', ?)`).run(randomBytes(16).toString('hex'));
  return (get.get() as { value: string }).value;
}
