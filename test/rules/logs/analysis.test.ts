/**
 * One analysis of a paste (issue 14): classification and diagnosis read the same lines and events, and reading a
 * paste through its analysis gives exactly what reading the text gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysePaste } from '../../../rules/logs/analysis.js';
import { logSignals } from '../../../rules/logs/parse.js';
import { MAX_INPUT_CHARS } from '../../../rules/engine.js';

const dirs = [join(__dirname, '../../fixtures/logs'), join(__dirname, '../../fixtures/logs/blind3'), join(__dirname, '../../fixtures/logs/blind4'), join(__dirname, '../../../../shared/eval/logs')];
const pastes = dirs.flatMap((d) => {
  try {
    return readdirSync(d)
      .filter((f) => f.endsWith('.txt') || f.endsWith('.log'))
      .map((f) => ({ name: f, text: readFileSync(join(d, f), 'utf8') }));
  } catch {
    return [];
  }
});

describe('analysePaste', () => {
  it('has fixtures to read', () => {
    expect(pastes.length).toBeGreaterThan(100);
  });

  it('scores a paste as the classifier always did (same signals as logSignals on the text)', () => {
    for (const p of pastes) expect(analysePaste(p.text).signals, p.name).toEqual(logSignals(p.text));
  });

  it('parses the embedded config once, on demand', () => {
    const a = analysePaste('# grep -E "disk|kernel" /etc/xen/hurd\nkernel = "/boot/gnumach-xen-pae"\ndisk = [\'phy:/dev/sda4,hda,w\']\n# xm create hurd\nError: Device 768 (vbd) could not be connected.');
    const first = a.embeddedConfig();
    expect(first?.values.kernel).toBeDefined();
    expect(a.embeddedConfig()).toBe(first);
    expect(analysePaste('Error: Device 0 (vif) could not be connected.').embeddedConfig()).toBeUndefined();
  });

  it('caps a long paste before any line is split, keeping the error at its end', () => {
    const long = `${'libxl: debug: libxl_dom.c:100: filler line\n'.repeat(12_000)}libxl: error: libxl_dom.c:1234: panic at the end`;
    const a = analysePaste(long);
    expect(a.text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS + 100);
    expect(a.events.at(-1)?.text).toContain('panic at the end');
  });
});
