import { describe, expect, it } from 'vitest';
import { logRules } from '../../../rules/catalogue/logs/index.js';
import { diagnoseLog, onRuleError } from '../../../rules/engine.js';
import type { LogRule } from '../../../rules/types.js';
import { createMetrics, handleMeasured, measureBrain, recordExchange } from '../../../bot/ops/metrics.js';
import { emptyReply, type Brain, type Message, type Reply } from '../../../bot/brain/reply.js';
import type { Finding } from '../../../rules/types.js';

const msg = (text: string, transport: Message['transport'] = 'irc'): Message => ({
  text,
  author: 'alice',
  channel: '#hurd',
  transport,
  addressed: true,
});

function finding(rule: string): Finding {
  return {
    rule,
    name: 'example',
    severity: 'error',
    message: 'example',
    source: { url: 'https://www.gnu.org/software/hurd/hurd/running/xen.html', section: 'memory' },
    knowledge: 'memory',
  };
}

/** The value of one sample line in Prometheus text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createMetrics', () => {
  it('uses its own registry, so two instances never collide', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.reconnect('irc');
    expect(sample(await a.render(), 'hurdxen_reconnects_total{transport="irc"}')).toBe(1);
    expect(sample(await b.render(), 'hurdxen_reconnects_total{transport="irc"}')).toBeUndefined();
  });

  it("exports the store's feedback per entry and rule, as it is at each scrape", async () => {
    let counts = [{ kind: 'wrong', ref: 'memory', count: 2 }];
    const m = createMetrics({ processMetrics: false, feedback: () => counts });
    expect(sample(await m.render(), 'hurdxen_feedback{kind="wrong",ref="memory"}')).toBe(2);
    counts = [{ kind: 'thanks', ref: 'HX201', count: 1 }];
    const text = await m.render();
    expect(sample(text, 'hurdxen_feedback{kind="thanks",ref="HX201"}')).toBe(1);
    expect(sample(text, 'hurdxen_feedback{kind="wrong",ref="memory"}')).toBeUndefined();
  });

  it('counts messages, replies, rule hits and unknown errors from an exchange', async () => {
    const m = createMetrics({ processMetrics: false });
    const config: Reply = { ...emptyReply('config'), answered: true, findings: [finding('HX201'), finding('HX101'), finding('HX201')] };
    const unknownLog: Reply = { ...emptyReply('log'), answered: true, blocks: [{ type: 'text', text: 'not sure' }] };
    recordExchange(m, msg('memory = 1024'), config, 0.0012);
    recordExchange(m, msg('Error: something new', 'discord'), unknownLog, 0.0004);
    recordExchange(m, msg('hello all'), null, 0.00005);
    const text = await m.render();
    expect(sample(text, 'hurdxen_messages_total{transport="irc",kind="config"}')).toBe(1);
    expect(sample(text, 'hurdxen_messages_total{transport="irc",kind="silent"}')).toBe(1);
    expect(sample(text, 'hurdxen_replies_total{transport="discord",kind="log"}')).toBe(1);
    expect(sample(text, 'hurdxen_replies_total{transport="irc",kind="silent"}')).toBeUndefined();
    expect(sample(text, 'hurdxen_rule_hits_total{rule="HX201"}')).toBe(2);
    expect(sample(text, 'hurdxen_rule_hits_total{rule="HX101"}')).toBe(1);
    expect(sample(text, 'hurdxen_unknown_errors_total{transport="discord"}')).toBe(1);
    expect(sample(text, 'hurdxen_unknown_errors_total{transport="irc"}')).toBeUndefined();
  });

  it('puts latencies into fine buckets below 10 ms', async () => {
    const m = createMetrics({ processMetrics: false });
    m.latency(0.0003, 'cli', 'question');
    m.latency(0.0018, 'cli', 'question');
    m.latency(0.2, 'cli', 'question');
    const text = await m.render();
    const bucket = (le: string) => sample(text, `hurdxen_brain_latency_seconds_bucket{le="${le}",transport="cli",kind="question"}`);
    expect(bucket('0.0005')).toBe(1);
    expect(bucket('0.002')).toBe(2);
    expect(bucket('0.1')).toBe(2);
    expect(bucket('+Inf')).toBe(3);
    const below10ms = text.match(/hurdxen_brain_latency_seconds_bucket\{le="([0-9.e-]+)",transport="cli"/g) ?? [];
    expect(below10ms.filter((s) => Number(/le="([^"]+)"/.exec(s)?.[1]) <= 0.01).length).toBeGreaterThanOrEqual(10);
  });

  it('keeps rule labels to the id shape', async () => {
    const m = createMetrics({ processMetrics: false });
    m.ruleHits(['HX501', 'x'.repeat(500), 'bad label "quote"']);
    const text = await m.render();
    expect(sample(text, 'hurdxen_rule_hits_total{rule="HX501"}')).toBe(1);
    expect(sample(text, 'hurdxen_rule_hits_total{rule="other"}')).toBe(2);
  });

  it('counts a rule that threw, by rule id, when the engine reports it', async () => {
    const m = createMetrics({ processMetrics: false });
    const stop = onRuleError((rule) => m.ruleError(rule));
    const throwing = { meta: { id: 'HX999', triggers: undefined }, check: () => { throw new Error('boom'); } } as unknown as LogRule;
    const d = diagnoseLog('Error: Device 0 (vif) could not be connected. Hotplug scripts not working.', undefined, [throwing, ...logRules]);
    stop();
    expect(d.findings.length).toBeGreaterThan(0);
    expect(sample(await m.render(), 'hurdxen_rule_errors_total{rule="HX999"}')).toBe(1);
  });

  it('exports process metrics on request, under the same prefix', async () => {
    const text = await createMetrics().render();
    expect(text).toMatch(/^hurdxen_process_resident_memory_bytes \d+/m);
  });
});

describe('handleMeasured', () => {
  const brainOf = (handle: Brain['handle']): Brain => ({ handle, name: 'hurd-xen-bot', prefix: '!', version: 'test' });

  it('returns the brain reply and records its latency', async () => {
    const m = createMetrics({ processMetrics: false });
    const reply: Reply = { ...emptyReply('question'), answered: true, blocks: [{ type: 'text', text: 'At most 580 MB.' }] };
    expect(handleMeasured(brainOf(() => reply), msg('how much ram?'), m)).toBe(reply);
    const text = await m.render();
    expect(sample(text, 'hurdxen_brain_latency_seconds_count{transport="irc",kind="question"}')).toBe(1);
    expect(sample(text, 'hurdxen_replies_total{transport="irc",kind="question"}')).toBe(1);
  });

  it('turns a throwing brain into silence and an internal error count', async () => {
    const m = createMetrics({ processMetrics: false });
    const reply = handleMeasured(brainOf(() => { throw new Error('bug'); }), msg('crash me', 'console'), m);
    expect(reply).toBeNull();
    expect(sample(await m.render(), 'hurdxen_internal_errors_total{transport="console"}')).toBe(1);
  });

  it('measureBrain wraps a brain so that every adapter call is counted', async () => {
    const m = createMetrics({ processMetrics: false });
    const inner = brainOf((x) => (x.text.endsWith('?') ? { ...emptyReply('question'), answered: true } : null));
    const measured = measureBrain(inner, m);
    expect([measured.name, measured.prefix, measured.version]).toEqual(['hurd-xen-bot', '!', 'test']);
    measured.handle(msg('what is pv-grub?', 'discord'));
    measured.handle(msg('thanks', 'discord'));
    const text = await m.render();
    expect(sample(text, 'hurdxen_messages_total{transport="discord",kind="question"}')).toBe(1);
    expect(sample(text, 'hurdxen_messages_total{transport="discord",kind="silent"}')).toBe(1);
  });
});
