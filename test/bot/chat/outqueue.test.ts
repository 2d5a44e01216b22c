import { describe, expect, it } from 'vitest';
import { manualClock } from '../../support/manual-clock.js';
import { createOutQueue, type OutLine } from '../../../bot/chat/outqueue.js';


function setup(burst = 4, ratePerSec = 2, maxQueued?: number) {
  const clock = manualClock();
  const sent: Array<OutLine & { at: number }> = [];
  const dropped: OutLine[] = [];
  const q = createOutQueue({ burst, ratePerSec, clock, maxQueued, send: (l) => sent.push({ ...l, at: clock.t() }), onDrop: (l) => dropped.push(l) });
  return { clock, sent, dropped, q };
}

const lines = (target: string, n: number, tag = target): OutLine[] => Array.from({ length: n }, (_, i) => ({ target, text: `${tag} ${i}` }));

describe('outgoing queue', () => {
  it('sends a burst at once, then keeps to the sustained rate', () => {
    const { clock, sent, q } = setup(4, 2);
    q.enqueue(lines('#hurd', 10));
    expect(sent).toHaveLength(4);
    clock.advance(500);
    expect(sent).toHaveLength(5);
    clock.advance(2500);
    expect(sent).toHaveLength(10);
    // Never more than burst + rate × elapsed lines in any stretch of time.
    for (const a of sent) {
      for (const b of sent) {
        if (b.at < a.at) continue;
        const inWindow = sent.filter((s) => s.at >= a.at && s.at <= b.at).length;
        expect(inWindow).toBeLessThanOrEqual(4 + ((b.at - a.at) / 1000) * 2 + 1e-9);
      }
    }
    expect(sent.map((s) => s.text)).toEqual(lines('#hurd', 10).map((l) => l.text));
  });

  it('refills the bucket after a quiet spell, but never above the burst', () => {
    const { clock, sent, q } = setup(3, 1);
    q.enqueue(lines('#a', 3));
    expect(sent).toHaveLength(3);
    clock.advance(60_000);
    q.enqueue(lines('#a', 5, 'later'));
    expect(sent).toHaveLength(6);
  });

  it('takes turns between targets so a long reply does not starve a short one', () => {
    const { clock, sent, q } = setup(1, 1);
    q.enqueue(lines('alice', 20, 'config'));
    q.enqueue(lines('#hurd', 1, 'answer'));
    q.enqueue(lines('#xen', 2, 'other'));
    clock.advance(10_000);
    const order = sent.map((s) => s.text);
    expect(order.indexOf('answer 0')).toBeLessThanOrEqual(2);
    expect(order.indexOf('other 1')).toBeLessThanOrEqual(5);
    // Lines of one target keep their order.
    expect(order.filter((t) => t.startsWith('config'))).toEqual(lines('alice', 20, 'config').slice(0, order.filter((t) => t.startsWith('config')).length).map((l) => l.text));
    clock.advance(60_000);
    expect(sent).toHaveLength(23);
  });

  it('says how many lines wait for a target (the adapter shortens answers to a backed-up channel)', () => {
    const { clock, q } = setup(2, 1);
    q.enqueue(lines('#hurd', 5));
    expect(q.waiting('#HURD')).toBe(3);
    expect(q.waiting('#other')).toBe(0);
    expect(q.canSendNow(1)).toBe(false);
    clock.advance(3000);
    expect(q.waiting('#hurd')).toBe(0);
    // the bucket refills at 1 line/s up to the burst of 2
    clock.advance(2000);
    expect(q.canSendNow(2)).toBe(true);
    expect(q.canSendNow(3)).toBe(false);
  });

  it('treats targets case-insensitively as one queue', () => {
    const { sent, q, clock } = setup(1, 1);
    q.enqueue([{ target: '#Hurd', text: 'a' }, { target: '#hurd', text: 'b' }, { target: '#HURD', text: 'c' }]);
    clock.advance(5000);
    expect(sent.map((s) => s.text)).toEqual(['a', 'b', 'c']);
  });

  it('holds lines while paused and sends them after resume', () => {
    const { clock, sent, q } = setup(4, 2);
    q.pause();
    q.enqueue(lines('#a', 3));
    clock.advance(10_000);
    expect(sent).toHaveLength(0);
    expect(q.size).toBe(3);
    q.resume();
    expect(sent).toHaveLength(3);
    expect(q.size).toBe(0);
  });

  it('drops lines past the cap and reports them', () => {
    const { dropped, q } = setup(1, 1, 5);
    q.enqueue(lines('#a', 10));
    expect(q.size).toBe(4);
    expect(dropped).toHaveLength(5);
  });

  it('idle() resolves once everything is sent; clear() empties the queue', async () => {
    const { clock, q } = setup(1, 1);
    q.enqueue(lines('#a', 3));
    let idle = false;
    const done = q.idle().then(() => (idle = true));
    clock.advance(1000);
    await Promise.resolve();
    expect(idle).toBe(false);
    clock.advance(1000);
    await done;
    expect(idle).toBe(true);
    q.enqueue(lines('#a', 3));
    const cleared = q.idle();
    q.clear();
    await cleared;
    expect(q.size).toBe(0);
  });

  it('keeps going when send throws', () => {
    const clock = manualClock();
    const sent: string[] = [];
    const q = createOutQueue({
      burst: 5,
      ratePerSec: 1,
      clock,
      send: (l) => {
        if (l.text === 'bad') throw new Error('socket closed');
        sent.push(l.text);
      },
    });
    q.enqueue([{ target: '#a', text: 'bad' }, { target: '#a', text: 'good' }]);
    expect(sent).toEqual(['good']);
  });

  it('works with the real clock', async () => {
    const sent: string[] = [];
    const q = createOutQueue({ burst: 2, ratePerSec: 50, send: (l) => sent.push(l.text) });
    q.enqueue(lines('#a', 6));
    await q.idle();
    expect(sent).toHaveLength(6);
  });
});
