import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  capLines,
  messageBudget,
  moreMarker,
  renderIrc,
  sanitizeIrcText,
  splitUtf8,
  utf8Bytes,
  withMoreMarker,
} from '../../../bot/render/irc.js';
import { emptyReply, type Reply } from '../../../bot/brain/reply.js';
import type { Finding } from '../../../rules/types.js';

 
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function reply(blocks: Reply['blocks']): Reply {
  return { ...emptyReply('question'), answered: true, blocks };
}

describe('messageBudget', () => {
  it('is LINELEN minus the relayed prefix, command, target, separators and CRLF', () => {
    // ":bot!u@h PRIVMSG #c :" is 21 bytes, CRLF 2.
    expect(messageBudget({ nick: 'bot', user: 'u', host: 'h', target: '#c' })).toBe(512 - 21 - 2);
    expect(messageBudget({ nick: 'bot', user: 'u', host: 'h', target: '#c', command: 'NOTICE' })).toBe(512 - 20 - 2);
    expect(messageBudget({ lineLen: 1024, nick: 'bot', user: 'u', host: 'h', target: '#c' })).toBe(1024 - 23);
  });

  it('assumes the longest user and host when they are unknown', () => {
    const known = messageBudget({ nick: 'bot', user: 'u', host: 'h', target: '#c' });
    expect(messageBudget({ nick: 'bot', target: '#c' })).toBe(known - 9 - 62);
  });

  it('counts the target and nick in bytes, not characters', () => {
    expect(messageBudget({ nick: 'bot', user: 'u', host: 'h', target: '#ça' })).toBe(512 - 22 - 2 - 1);
  });
});

describe('sanitizeIrcText', () => {
  it('removes CR, LF, NUL, CTCP, colour codes and other controls; tabs become spaces', () => {
    expect(sanitizeIrcText('a\r\nPRIVMSG #x :owned\u0000b')).toBe('a  PRIVMSG #x :ownedb');
    expect(sanitizeIrcText('\u0001ACTION waves\u0001 \u0002bold\u0002 \u000304red\u000f')).toBe('ACTION waves bold 04red');
    expect(sanitizeIrcText('x\ty\u2028z\u0085')).toBe('x yz');
  });

  it('replaces lone surrogates so the output is valid UTF-8', () => {
    const out = sanitizeIrcText('a\ud800b\udc00c😀');
    expect(out).toBe('a\ufffdb\ufffdc😀');
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });

  it('never leaves a forbidden character, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !FORBIDDEN.test(sanitizeIrcText(s))));
  });
});

describe('splitUtf8', () => {
  it('keeps short text whole and drops empty text', () => {
    expect(splitUtf8('hello', 10)).toEqual(['hello']);
    expect(splitUtf8('', 10)).toEqual([]);
  });

  it('prefers breaking at a space', () => {
    expect(splitUtf8('the quick brown fox jumps', 12)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('never splits a multi-byte character or an emoji sequence', () => {
    const family = '👨‍👩‍👧'; // one grapheme, 18 bytes
    const pieces = splitUtf8(`${'é'.repeat(7)}${family}${family}`, 20);
    for (const p of pieces) expect(utf8Bytes(p)).toBeLessThanOrEqual(20);
    expect(pieces.join('')).toBe(`${'é'.repeat(7)}${family}${family}`);
    expect(pieces.some((p) => p === family)).toBe(true);
  });

  it('holds the budget and the content for any unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 8, max: 120 }), (raw, budget) => {
        const clean = sanitizeIrcText(raw);
        const pieces = splitUtf8(clean, budget);
        for (const p of pieces) {
          if (utf8Bytes(p) > budget) return false;
          if (Buffer.from(p, 'utf8').toString('utf8') !== p) return false;
        }
        // Only whitespace at the breaks may be lost.
        return pieces.join('').replace(/\s/g, '') === clean.replace(/\s/g, '');
      }),
    );
  });

  it('splits a 200,000-character line in reasonable time', () => {
    const started = Date.now();
    const pieces = splitUtf8('ab€ '.repeat(50_000), 400);
    expect(pieces.length).toBeGreaterThan(100);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('capLines', () => {
  it('passes short replies through', () => {
    expect(capLines(['a', 'b'], 4, 100)).toEqual({ send: ['a', 'b'], rest: [] });
  });

  it('holds back the rest and says "more" on the last line when it fits', () => {
    const { send, rest } = capLines(['a', 'b', 'c', 'd', 'e', 'f'], 4, 100);
    expect(send).toEqual(['a', 'b', 'c', `d ${moreMarker(2)}`]);
    expect(rest).toEqual(['e', 'f']);
  });

  it('never trades a one-line reply\'s only line for the marker', () => {
    const full = 'x'.repeat(100);
    const { send, rest } = capLines([full, 'b', 'c'], 1, 100);
    expect(send).toEqual([full]);
    expect(rest).toEqual(['b', 'c']);
  });

  it('puts the marker on its own line when the last line is full, keeping that line for later', () => {
    const full = 'x'.repeat(100);
    const { send, rest } = capLines(['a', 'b', full, 'd'], 3, 100);
    expect(send).toEqual(['a', 'b', moreMarker(2)]);
    expect(rest).toEqual([full, 'd']);
  });
});

describe('renderIrc', () => {
  const budget = messageBudget({ nick: 'hxb', target: '#hurd' });

  it('names the addressee once, at the start', () => {
    const r = renderIrc(reply([{ type: 'text', text: 'PAE must match.\nSee the wiki.' }]), { budget, maxLines: 4, addressee: 'alice', inChannel: true });
    expect(r.lines).toEqual(['alice: PAE must match.', 'See the wiki.']);
    expect(r.rest).toEqual([]);
  });

  it('does not name the addressee twice when the text already starts with the name', () => {
    const r = renderIrc(reply([{ type: 'text', text: 'alice: that looks like HX601' }]), { budget, maxLines: 4, addressee: 'alice', inChannel: true });
    expect(r.lines).toEqual(['alice: that looks like HX601']);
  });

  it('splits a reply over 512 bytes into lines within the budget, UTF-8 intact', () => {
    const text = `Überprüfe die Konfiguration — ${'grüße 👋 naïve café '.repeat(40)}`;
    expect(utf8Bytes(text)).toBeGreaterThan(512);
    const r = renderIrc(reply([{ type: 'text', text }]), { budget, maxLines: 100, addressee: 'bob', inChannel: true });
    expect(r.lines.length).toBeGreaterThan(1);
    for (const line of r.lines) {
      expect(utf8Bytes(line)).toBeLessThanOrEqual(budget);
      expect(line).not.toMatch(FORBIDDEN);
      expect(line).not.toContain('\ufffd');
    }
    expect(r.lines.join(' ').replace(/\s+/g, ' ')).toBe(`bob: ${text}`.replace(/\s+/g, ' ').trim());
  });

  it('renders findings, lists and code, one IRC line each', () => {
    const finding: Finding = {
      rule: 'HX201',
      name: 'memory-over-580',
      severity: 'error',
      message: 'memory = 1024 is more than GNU Mach can use',
      line: 3,
      advice: 'set memory = 512',
      source: { url: 'https://example.org', section: 'x' },
      knowledge: 'memory',
    };
    const r = renderIrc(reply([{ type: 'findings', findings: [finding] }, { type: 'list', items: ['one', 'two'] }, { type: 'code', text: 'a = 1\nb = 2\n' }]), {
      budget,
      maxLines: 10,
      inChannel: true,
    });
    expect(r.lines).toEqual(['[HX201 memory-over-580, error line 3] memory = 1024 is more than GNU Mach can use', '  fix: set memory = 512', '- one', '- two', 'a = 1', 'b = 2']);
  });

  it('sends a long config privately with a pointer by default, or keeps it behind "more" when configured so', () => {
    const code = Array.from({ length: 8 }, (_, i) => `key${i} = ${i}`).join('\n');
    const blocks: Parameters<typeof reply>[0] = [{ type: 'text', text: 'Corrected file:' }, { type: 'code', text: code }];
    const privately = renderIrc(reply(blocks), { budget, maxLines: 2, addressee: 'alice', inChannel: true });
    expect(privately.privately).toHaveLength(8);
    expect(privately.lines.join(' ')).toMatch(/private message/);
    const kept = renderIrc(reply(blocks), { budget, maxLines: 2, addressee: 'alice', inChannel: true, longOutput: 'more' });
    expect(kept.privately).toEqual([]);
    expect(kept.lines).toHaveLength(2);
    expect([...kept.lines, ...kept.rest].join('\n')).toContain('key7 = 7');
  });

  it('caps a channel reply and keeps the rest for "more"', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    const r = renderIrc(reply([{ type: 'text', text }]), { budget, maxLines: 4, addressee: 'alice', inChannel: true });
    expect(r.lines).toHaveLength(4);
    expect(r.lines[3]).toContain("say 'more'");
    expect(r.rest).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
  });

  it('sends a long corrected config privately and says so in the channel', () => {
    const config = Array.from({ length: 12 }, (_, i) => `key${i} = ${i}`).join('\n');
    const r = renderIrc(reply([{ type: 'text', text: 'Fixed 2 problems.' }, { type: 'code', text: config }]), {
      budget,
      maxLines: 4,
      addressee: 'alice',
      inChannel: true,
    });
    expect(r.privately).toEqual(config.split('\n'));
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toBe('alice: Fixed 2 problems.');
    expect(r.lines[1]).toMatch(/private message/);
  });

  it('keeps short code in the channel and everything in a private reply', () => {
    const short = renderIrc(reply([{ type: 'code', text: 'a = 1' }]), { budget, maxLines: 4, addressee: 'a', inChannel: true });
    expect(short.privately).toEqual([]);
    const config = Array.from({ length: 12 }, (_, i) => `k${i} = ${i}`).join('\n');
    const priv = renderIrc(reply([{ type: 'code', text: config }]), { budget, maxLines: 40, inChannel: false });
    expect(priv.lines).toHaveLength(12);
    expect(priv.privately).toEqual([]);
  });

  it('never emits a line with CR, LF, NUL or a control character, nor one over budget, for any reply', () => {
    const text = fc.string({ unit: 'binary', maxLength: 600 });
    const block = fc.oneof(
      text.map((t) => ({ type: 'text' as const, text: t })),
      text.map((t) => ({ type: 'code' as const, text: t })),
      fc.array(text, { maxLength: 4 }).map((items) => ({ type: 'list' as const, items })),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 40 }), (blocks, nick) => {
        const r = renderIrc(reply(blocks), { budget: 100, maxLines: 3, addressee: nick, inChannel: true });
        return [...r.lines, ...r.rest, ...r.privately].every((l) => l !== '' && !FORBIDDEN.test(l) && utf8Bytes(l) <= 100);
      }),
    );
  });
});

describe('withMoreMarker', () => {
  it('appends the marker to the last line when it fits, else adds a line, and does nothing when nothing is left', () => {
    expect(withMoreMarker(['a', 'b'], 3, 100)).toEqual(['a', `b ${moreMarker(3)}`]);
    expect(withMoreMarker(['x'.repeat(100)], 1, 100)).toEqual(['x'.repeat(100), moreMarker(1)]);
    expect(withMoreMarker(['a'], 0, 100)).toEqual(['a']);
  });
});
