/**
 * `npm run bench` (after `npm run build`): a benchmark, not a test. Prints a table and one JSON line with
 * brain latency per kind of input, throughput, knowledge index build time, resident memory with both chat
 * adapters loaded, CLI cold start, and the end-to-end IRC answer latency through a local ngircd measured
 * beside that server's own relay round trip. Targets (issue 7) are shown beside each figure.
 *
 * Every loop is bounded by a count and a time budget; the IRC part is skipped, with a note, without ngircd.
 * Environment: NGIRCD (path to ngircd), BENCH_WIKI_DIR (also load a Hurd wiki checkout), BENCH_JSON (write the JSON there too).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBrain } from '../bot/brain/index.js';

import { add, ROOT, round, rows, table, within } from './bench/support.js';
import { benchBrain, benchKnowledge, benchWorstCase } from './bench/brain.js';
import { benchCli, benchMemory } from './bench/process.js';
import { BOT_NICK, benchBurst, benchIrc } from './bench/irc.js';
import { benchStore } from './bench/store.js';

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'bot', 'cli.js'))) {
    process.stderr.write('bench: run `npm run build` first (dist/ is missing)\n');
    process.exit(2);
  }
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  // BENCH_ONLY=brain,irc,burst runs some parts only (while working on one of them; the full run is the record).
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const wanted = (part: string) => !only || only.includes(part);
  const kb = benchKnowledge();
  const brain = createBrain({ name: BOT_NICK, knowledge: kb });
  if (wanted('brain')) benchBrain(brain, kb);
  if (wanted('worst')) benchWorstCase(brain);
  if (wanted('memory')) await benchMemory();
  if (wanted('cli')) await benchCli();
  if (wanted('irc')) {
    try {
      await within(120_000, 'IRC benchmark', benchIrc(brain));
    } catch (e) {
      add({ section: 'irc', metric: 'end-to-end answer latency', value: null, unit: 'ms', note: `failed: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  if (wanted('store')) await benchStore();
  if (wanted('burst')) {
    try {
      await within(90_000, 'IRC burst benchmark', benchBurst(brain));
    } catch (e) {
      add({ section: 'irc', metric: 'burst of 20 questions', value: null, unit: 'of 20', note: `failed: ${(e as Error).message.split('\n')[0]}` });
    }
  }

  const judged = rows.filter((r) => r.pass !== undefined);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    seconds: round((performance.now() - started) / 1000, 1),
    /** 1-minute load average at start and end: above the CPU count, every wall-clock figure is inflated. */
    loadAverage: [round(loadAtStart, 2), round(loadavg()[0] ?? 0, 2)],
    targetsPassed: judged.filter((r) => r.pass).length,
    targetsJudged: judged.length,
    rows,
  };
  const busy = Math.max(...result.loadAverage) > result.cpus;
  process.stdout.write(
    `hurd-xen-bot ${brain.version} benchmark: node ${result.node}, ${result.platform}, ${result.cpus} x ${result.cpuModel}, load average ${result.loadAverage.join(' -> ')}\n` +
      (busy ? `warning: the machine was busy (load above ${result.cpus} CPUs): wall-clock figures are inflated; rerun on a quiet machine for a fair reading\n` : '') +
      '\n',
  );
  process.stdout.write(`${table()}\n\ntargets met: ${result.targetsPassed}/${result.targetsJudged} (in ${result.seconds} s)\n\nJSON:\n${JSON.stringify(result)}\n`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  // Whatever a library left running (sockets, timers), the bench ends here.
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
