import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseMentions, renderDiscord, DISCORD_MESSAGE_LIMIT } from '../../../bot/render/discord.js';
import type { Block, Reply } from '../../../bot/brain/reply.js';
import type { Finding } from '../../../rules/types.js';

function reply(blocks: Block[], extra: Partial<Reply> = {}): Reply {
  return { kind: 'question', answered: true, blocks, more: [], findings: [], sources: [], ...extra };
}

/** Every message must be valid Markdown by itself: an even number of fence markers. */
function fenceCount(content: string): number {
  return (content.match(/```/g) ?? []).length;
}

/** The code inside the fences of a series of messages, joined back together. */
function codeOf(contents: string[]): string {
  const lines: string[] = [];
  for (const c of contents) {
    let inside = false;
    for (const line of c.split('\n')) {
      if (line.startsWith('```')) inside = !inside;
      else if (inside) lines.push(line);
    }
  }
  return lines.join('\n');
}

const finding: Finding = {
  rule: 'HX201',
  name: 'memory-over-580',
  severity: 'error',
  message: 'memory = 1024 is more than GNU Mach on Xen can map',
  line: 4,
  advice: 'set memory = 512',
  source: { url: 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html', section: 'memory' },
  knowledge: 'memory',
};

describe('neutraliseMentions', () => {
  it('breaks @everyone, @here, user, nickname and role mentions', () => {
    const out = neutraliseMentions('@everyone @here <@123456789012345678> <@!123456789012345678> <@&987654321098765432>');
    expect(out).not.toMatch(/@everyone|@here|<@\d|<@!\d|<@&\d/);
    expect(out.replace(/\u200b/g, '')).toBe('@everyone @here <@123456789012345678> <@!123456789012345678> <@&987654321098765432>');
  });

  it('leaves ordinary text and e-mail addresses alone', () => {
    expect(neutraliseMentions('mail bug-hurd@gnu.org, memory = 512')).toBe('mail bug-hurd@gnu.org, memory = 512');
  });
});

describe('renderDiscord', () => {
  it('renders a config as an ini code block and a diff as a diff block', () => {
    const { messages } = renderDiscord(
      reply([
        { type: 'text', text: 'Corrected config:' },
        { type: 'diff', text: '-memory = 1024\n+memory = 512' },
        { type: 'code', text: 'memory = 512\n', lang: 'ini', filename: 'hurd.cfg' },
      ]),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.content).toContain('```diff\n-memory = 1024\n+memory = 512\n```');
    expect(messages[0]!.content).toContain('```ini\nmemory = 512\n```');
  });

  it('renders findings with rule id, severity, line, advice and the source link without an embed', () => {
    const { messages } = renderDiscord(reply([{ type: 'findings', findings: [finding] }]));
    const text = messages[0]!.content;
    expect(text).toContain('HX201');
    expect(text).toContain('memory-over-580');
    expect(text).toContain('error, line 4');
    expect(text).toContain('set memory = 512');
    expect(text).toContain(`<${finding.source.url}>`);
  });

  it('splits a 5000-character answer into messages under 2000 characters with every fence intact', () => {
    const config = Array.from({ length: 120 }, (_, i) => `# line ${String(i).padStart(3, '0')} of a long commented config file`).join('\n');
    expect(config.length).toBeGreaterThan(5000);
    const { messages } = renderDiscord(reply([{ type: 'text', text: 'Here it is:' }, { type: 'code', text: config, lang: 'ini' }]), { attachCodeOver: 100_000 });
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) {
      expect(m.content.length).toBeLessThan(DISCORD_MESSAGE_LIMIT);
      expect(fenceCount(m.content) % 2).toBe(0);
    }
    // Each continuation reopens the fence with its language, and no line of the config is lost or cut.
    expect(messages.slice(1).every((m) => m.content.startsWith('```ini\n'))).toBe(true);
    expect(codeOf(messages.map((m) => m.content))).toBe(config);
  });

  it('splits long prose at line and word boundaries', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const { messages } = renderDiscord(reply([{ type: 'text', text: words }]));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.content.length).toBeLessThan(DISCORD_MESSAGE_LIMIT);
    expect(messages.map((m) => m.content).join(' ').split(/\s+/).filter(Boolean)).toEqual(words.split(' '));
  });

  it('sends a long config as a file attachment instead of many messages', () => {
    const config = 'name = "hurd"\n' + '# padding comment line\n'.repeat(200);
    const { messages } = renderDiscord(reply([{ type: 'text', text: 'Corrected:' }, { type: 'code', text: config, lang: 'ini', filename: '/etc/xen/hurd' }]));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.files).toEqual([{ name: 'hurd', text: config }]);
    expect(messages[0]!.content).toContain('(attached: hurd)');
  });

  it('keeps reply.more for "more", but attaches long code from it at once', () => {
    const config = 'memory = 512\n'.repeat(300);
    const r = reply([{ type: 'text', text: 'Two errors.' }], {
      more: [
        { type: 'findings', findings: [finding] },
        { type: 'code', text: config, lang: 'ini', filename: 'hurd.cfg' },
      ],
    });
    const { messages, more } = renderDiscord(r);
    expect(messages[0]!.content).toContain('Two errors.');
    expect(messages[0]!.content).not.toContain('HX201');
    expect(messages.at(-1)!.files.map((f) => f.name)).toEqual(['hurd.cfg']);
    expect(more.join('\n')).toContain('HX201');
    const inline = renderDiscord(r, { includeMore: true });
    expect(inline.more).toEqual([]);
    expect(inline.messages.map((m) => m.content).join('\n')).toContain('HX201');
  });

  it('neutralises mentions in text, in code, in the addressee and in findings', () => {
    const { messages } = renderDiscord(
      reply([{ type: 'text', text: 'hey @everyone and <@&42>' }, { type: 'code', text: 'extra = "@here"' }], { to: '@everyone' }),
    );
    const all = messages.map((m) => m.content).join('\n');
    expect(all).not.toMatch(/@everyone|@here|<@&\d/);
  });

  it('cannot be tricked into closing a fence early by backticks in a paste', () => {
    const { messages } = renderDiscord(reply([{ type: 'code', text: 'a = 1\n```\n@everyone\n```\nb = 2' }]));
    expect(fenceCount(messages[0]!.content)).toBe(2);
  });

  it('caps the number of messages and attaches the whole answer past the cap', () => {
    const text = 'x'.repeat(1500) + '\n' + 'y'.repeat(1500) + '\n' + 'z'.repeat(1500) + '\n' + 'w'.repeat(1500);
    const { messages } = renderDiscord(reply([{ type: 'text', text }]), { maxMessages: 2 });
    expect(messages).toHaveLength(2);
    expect(messages[1]!.content).toContain('reply.md');
    expect(messages[1]!.files[0]!.text).toContain('w'.repeat(1500));
  });

  it('adds the sources that the text does not already show', () => {
    const url = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';
    expect(renderDiscord(reply([{ type: 'text', text: 'x' }], { sources: [url] })).messages[0]!.content).toContain(`Sources: <${url}>`);
    expect(renderDiscord(reply([{ type: 'text', text: `source: ${url}` }], { sources: [url] })).messages[0]!.content).not.toContain('Sources:');
  });

  it('says nothing for an empty reply', () => {
    expect(renderDiscord(reply([])).messages).toEqual([]);
  });

  it('keeps every message under the limit, fences balanced, for any mix of blocks (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 3000 });
    const block: fc.Arbitrary<Block> = fc.oneof(
      text.map((t) => ({ type: 'text' as const, text: t })),
      fc.record({ type: fc.constant('code' as const), text, lang: fc.constantFrom('ini', 'diff', 'weird lang!', 'xl') }),
      text.map((t) => ({ type: 'diff' as const, text: t })),
      fc.array(fc.string({ maxLength: 300 }), { maxLength: 20 }).map((items) => ({ type: 'list' as const, items })),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), fc.integer({ min: 200, max: 1990 }), (blocks, maxLength) => {
        const { messages, more } = renderDiscord(reply(blocks), { maxLength, maxMessages: 50, attachCodeOver: 100_000 });
        for (const c of [...messages.map((m) => m.content), ...more]) {
          expect(c.length).toBeLessThanOrEqual(maxLength);
          expect(fenceCount(c) % 2).toBe(0);
          expect(c).not.toMatch(/@everyone|@here/i);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is fast on a 1 MB paste of one line', () => {
    const t = performance.now();
    const { messages } = renderDiscord(reply([{ type: 'code', text: 'a'.repeat(1_000_000) }]));
    expect(messages[0]!.files).toHaveLength(1);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
