/**
 * The bot's one database file (issue 18): SQLite through better-sqlite3 12, WAL mode, schema migrations versioned
 * in code (PRAGMA user_version). Opening fails with a StoreError that says what is wrong (a corrupt file, a
 * directory the bot cannot write, a schema newer than this version); callers keep answering without a store.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;

export class StoreError extends Error {
  override name = 'StoreError';
}

export const STORE_FILE = 'hurd-xen-bot.sqlite';

/**
 * Each migration moves the schema one version up, inside one transaction. Never edit a released one: add the next.
 * Rows hold no nick in clear (a salted hash) and no paste before redaction.
 */
const MIGRATIONS: readonly string[] = [
  // 1: what the bot could not answer, feedback on its replies, channel-taught facts with their history
  `CREATE TABLE unanswered (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('question', 'paste')),
     fingerprint TEXT NOT NULL UNIQUE,
     text TEXT NOT NULL,
     count INTEGER NOT NULL DEFAULT 1,
     first_seen INTEGER NOT NULL,
     last_seen INTEGER NOT NULL,
     transport TEXT NOT NULL,
     channel TEXT NOT NULL,
     nick_hash TEXT NOT NULL
   );
   CREATE INDEX unanswered_last_seen ON unanswered (last_seen);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('wrong', 'thanks')),
     comment TEXT NOT NULL DEFAULT '',
     refs TEXT NOT NULL,
     reply_text TEXT NOT NULL DEFAULT '',
     at INTEGER NOT NULL,
     transport TEXT NOT NULL,
     channel TEXT NOT NULL,
     nick_hash TEXT NOT NULL
   );
   CREATE TABLE factoid (
     topic TEXT PRIMARY KEY,
     text TEXT,
     alias_of TEXT,
     taught_by TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE factoid_change (
     id INTEGER PRIMARY KEY,
     topic TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('learn', 'forget', 'alias', 'revert')),
     old_text TEXT,
     old_alias TEXT,
     new_text TEXT,
     new_alias TEXT,
     who TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX factoid_change_topic ON factoid_change (topic, id);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 2: ignore masks maintainers add at run time (!ignore add)
  `CREATE TABLE ignore_mask (mask TEXT PRIMARY KEY, added_by TEXT NOT NULL, at INTEGER NOT NULL);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating when absent) the database in `dir` and brings its schema up to date. */
export async function openDb(dir: string): Promise<{ db: Db; path: string }> {
  const path = join(resolve(dir), STORE_FILE);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new StoreError(`cannot create the data directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { default: Database } = await import('better-sqlite3');
  let db: Db;
  try {
    db = new Database(path, { timeout: 5000 });
  } catch (e) {
    throw new StoreError(`cannot open ${path}: ${(e as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL is durable against a killed process (only an OS crash may lose the last transactions)
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new StoreError(`${path} is damaged (quick_check: ${String(quick).slice(0, 200)}); move it away and the bot starts a new one`);
    migrate(db, path);
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new StoreError(`${path} is not a usable database (${code}); move it away and the bot starts a new one`);
    throw new StoreError(`cannot use ${path}: ${(e as Error).message}`);
  }
  return { db, path };
}

function migrate(db: Db, path: string): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) throw new StoreError(`${path} has schema version ${current}, newer than this bot's ${SCHEMA_VERSION}: run the newer bot, or restore an older backup`);
  for (let v = current; v < SCHEMA_VERSION; v++) {
    // IMMEDIATE: a second process migrating at the same time waits instead of interleaving
    db.transaction(() => {
      const again = Number(db.pragma('user_version', { simple: true }));
      if (again > v) return;
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
