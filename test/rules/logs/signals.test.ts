import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { logSignals } from '../../../rules/logs/parse.js';
import { SHARED } from '../../support/eval.js';

const EVAL = `${SHARED}/eval/logs`;

describe('logSignals', () => {
  it('scores every eval paste as a log', () => {
    for (const f of readdirSync(EVAL).filter((n) => n.endsWith('.txt') && !n.includes('unrelated'))) {
      const { score, reasons } = logSignals(readFileSync(join(EVAL, f), 'utf8'));
      expect(score, `${f}: ${reasons.join(', ')}`).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('scores questions low, even when they quote an error', () => {
    const plain = logSignals('How do I give the Hurd more than 580 MB of memory under Xen?');
    const quoting = logSignals('hi, why does xm say the vif could not be connected when I start my hurd domU? any idea what to do?');
    expect(plain.score).toBeLessThan(0.3);
    expect(quoting.score).toBeLessThan(0.4);
    expect(plain.reasons).toContain('reads like a question');
  });

  it('gives its reasons', () => {
    const { reasons } = logSignals('root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\nError: Device 0 (vif) could not be connected. Hotplug scripts not working.');
    expect(reasons.join(' ')).toContain('shell prompt');
    expect(reasons.join(' ')).toContain('xm error line');
  });

  it('is 0 for empty input and bounded for huge input', () => {
    expect(logSignals('').score).toBe(0);
    const started = performance.now();
    const { score } = logSignals('Error: x\n'.repeat(200_000));
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
