/**
 * The maintainer's store (issue 18) on real SQLite files in temporary directories: what it keeps, what it never
 * keeps in clear, how it refuses a damaged or newer file, and that taught facts carry their whole history.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError, type Store } from '../../store/index.js';
import { STORE_FILE, SCHEMA_VERSION } from '../../store/db.js';
import { cleanTaughtText, redactForStore } from '../../store/clean.js';

const opened: Store[] = [];
async function fresh(): Promise<{ store: Store; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hxb-store-'));
  const store = await openStore(dir);
  opened.push(store);
  return { store, dir };
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const seen = (nick = 'alice', at = 1_000) => ({ transport: 'irc', channel: '#hurd', nick, at });

describe('unanswered', () => {
  it('counts repeats of one question (case and spacing aside) and lists the most asked first', async () => {
    const { store } = await fresh();
    store.recordUnanswered('question', 'how do i run the hurd on a toaster', seen('a', 1));
    store.recordUnanswered('question', 'How do I  run the Hurd on a toaster', seen('b', 5));
    store.recordUnanswered('paste', 'xc: error: something new', seen('c', 3));
    const rows = store.unanswered();
    expect(rows.map((r) => [r.kind, r.count])).toEqual([['question', 2], ['paste', 1]]);
    expect(rows[0]).toMatchObject({ firstSeen: 1, lastSeen: 5, transport: 'irc', channel: '#hurd' });
  });

  it('keeps no address, secret or user@host in clear, and no nick at all', async () => {
    const { store, dir } = await fresh();
    store.recordUnanswered('paste', 'root@dom0box:~# ping 192.168.17.42\nmac 00:16:3e:12:34:56 password=hunter2', seen('SecretNick'));
    const text = store.unanswered()[0]!.text;
    expect(text).not.toMatch(/192\.168\.17\.42|12:34:56|hunter2|dom0box/);
    store.close();
    const raw = readFileSync(join(dir, STORE_FILE)).toString('latin1') + (() => {
      try {
        return readFileSync(join(dir, `${STORE_FILE}-wal`)).toString('latin1');
      } catch {
        return '';
      }
    })();
    expect(raw).not.toMatch(/SecretNick|secretnick|hunter2/);
  });
});

describe('feedback', () => {
  it('counts wrong and thanks per entry and rule the reply came from', async () => {
    const { store } = await fresh();
    store.recordFeedback('wrong', ['memory', 'HX201'], 'it said 580', 'Give the Hurd no more than 580 MB', seen());
    store.recordFeedback('wrong', ['memory'], '', 'x', seen('bob'));
    store.recordFeedback('thanks', ['pv-grub'], '', 'y', seen());
    expect(store.feedbackCounts()).toEqual([
      { kind: 'wrong', ref: 'memory', count: 2 },
      { kind: 'wrong', ref: 'HX201', count: 1 },
      { kind: 'thanks', ref: 'pv-grub', count: 1 },
    ]);
    expect(store.stats()).toMatchObject({ wrong: 2, thanks: 1 });
  });
});

describe('taught facts', () => {
  it('learns, aliases, forgets and reverts, keeping who and when for every change', async () => {
    const { store } = await fresh();
    store.learn('Hurd Box', 'the public box', 'alice', 10);
    store.learn('hurd box', 'the public Hurd box', 'bob', 20);
    store.alias('publicbox', 'hurd box', 'alice', 30);
    expect(store.factoid('PublicBox')).toMatchObject({ topic: 'hurd box', text: 'the public Hurd box', taughtBy: 'bob', via: 'publicbox' });
    expect(store.forget('hurd box', 'carol', 40)).toBe(true);
    expect(store.factoid('publicbox')).toBeUndefined();
    expect(store.revert('hurd box', 'alice', 50)?.text).toBe('the public Hurd box');
    expect(store.history('hurd box').map((c) => [c.action, c.who, c.at, c.oldText, c.newText])).toEqual([
      ['revert', 'alice', 50, null, 'the public Hurd box'],
      ['forget', 'carol', 40, 'the public Hurd box', null],
      ['learn', 'bob', 20, 'the public box', 'the public Hurd box'],
      ['learn', 'alice', 10, null, 'the public box'],
    ]);
    expect(() => store.alias('a', 'nothing taught', 'x')).toThrow(StoreError);
  });

  it('stores no mention, markup or control character, and caps the length', () => {
    expect(cleanTaughtText('<@1234> **bold** @everyone \u0002irc bold\u0002 [wiki](https://example.org) `code`')).toBe('bold irc bold wiki https://example.org code');
    expect(cleanTaughtText('x'.repeat(5000))).toHaveLength(400);
    expect(redactForStore('ssh alice@example.org')).toBe('ssh user@host');
  });
});

describe('the file itself', () => {
  it('is a WAL database at the current schema version, reopened as it was', async () => {
    const { store, dir } = await fresh();
    store.learn('x', 'y', 'z');
    store.close();
    const again = await openStore(dir);
    opened.push(again);
    expect(again.factoid('x')?.text).toBe('y');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file that is not a database, and one from a newer bot, with a clear error', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'hxb-bad-'));
    writeFileSync(join(bad, STORE_FILE), 'this is not sqlite at all, just text '.repeat(200));
    await expect(openStore(bad)).rejects.toThrow(/not a usable database|damaged/);
    const { store, dir } = await fresh();
    store.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, STORE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    await expect(openStore(dir)).rejects.toThrow(/newer than this bot/);
  });
});
