/** The maintainer's store: write latency and size on a real SQLite file. */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { QUESTIONS } from '../bench-inputs.js';

import { add, round, stats } from './support.js';

export async function benchStore(): Promise<void> {
  const { mkdtempSync, rmSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { openStore } = await import('../../store/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'hxb-bench-store-'));
  try {
    const store = await openStore(dir);
    const samples: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const t = performance.now();
      store.recordUnanswered(i % 2 ? 'question' : 'paste', `${QUESTIONS[i % QUESTIONS.length]} variant ${i} on 10.0.${i % 250}.7`, { transport: 'irc', channel: '#hurd', nick: `user${i % 97}` });
      samples.push(performance.now() - t);
    }
    const s = stats(samples);
    add({ section: 'store', metric: `unanswered row write latency p50 (n=${s.n}, one transaction each, WAL)`, value: round(s.p50, 3), unit: 'ms' });
    add({ section: 'store', metric: 'unanswered row write latency p99', value: round(s.p99, 3), unit: 'ms', target: '< 5 ms', pass: s.p99 < 5 });
    store.close();
    let bytes = 0;
    for (const f of ['hurd-xen-bot.sqlite', 'hurd-xen-bot.sqlite-wal']) {
      try {
        bytes += statSync(join(dir, f)).size;
      } catch {
        // no WAL left after a clean close
      }
    }
    add({ section: 'store', metric: 'store size after 10 000 unanswered entries', value: round(bytes / (1024 * 1024), 2), unit: 'MB', target: '< 20 MB', pass: bytes < 20 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

