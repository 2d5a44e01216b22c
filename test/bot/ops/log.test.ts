import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { TEXT_PATTERNS, createLogger, describeText, redactText, sanitizeFields, type LogLevel } from '../../../bot/ops/log.js';

/** A real pino logger writing into an array of parsed JSON records. */
function capture(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (s: string) => void lines.push(s) });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const raw = () => lines.join('');
  return { logger, records, raw };
}

describe('redactText', () => {
  it('masks IPv4 addresses but keeps loopback, unspecified and netmasks', () => {
    const out = redactText('ip=192.168.1.10 gw 10.0.0.1/24, netmask=255.255.255.0, listen 0.0.0.0 and 127.0.0.1.');
    expect(out).toBe('ip=[ipv4] gw [ipv4]/24, netmask=255.255.255.0, listen 0.0.0.0 and 127.0.0.1.');
  });

  it('leaves things that only look like addresses alone', () => {
    const text = 'gnumach 1.3.99, version 1.2.3.4.5, 999.1.1.1, at 12:30:45, ratio a:b:c';
    expect(redactText(text)).toBe(text);
  });

  it('masks IPv6 addresses in their usual spellings', () => {
    expect(redactText('inet6 addr: fe80::216:3eff:fe12:3456/64 Scope:Link')).toBe('inet6 addr: [ipv6]/64 Scope:Link');
    expect(redactText('addr:2001:db8::1')).toBe('addr:[ipv6]');
    expect(redactText('mapped ::ffff:192.0.2.7, end 2001:0db8:0000:0000:0000:ff00:0042:8329.')).toBe('mapped [ipv6], end [ipv6].');
    expect(redactText('loopback ::1 and any ::')).toBe('loopback ::1 and any ::');
  });

  it('masks the device half of MAC addresses and keeps the vendor prefix', () => {
    expect(redactText("vif = [ 'mac=00:16:3E:5a:2b:c1, bridge=xenbr0' ]")).toBe("vif = [ 'mac=00:16:3E:xx:xx:xx, bridge=xenbr0' ]");
    expect(redactText('HWaddr 52-54-00-12-34-56')).toBe('HWaddr 52-54-00-xx-xx-xx');
  });

  it('is linear on a megabyte of adversarial input', () => {
    const inputs = ['1.'.repeat(500_000), 'a:'.repeat(500_000), 'f'.repeat(1_000_000), '00:'.repeat(333_333), '::1.1.1'.repeat(140_000)];
    for (const input of inputs) {
      const start = performance.now();
      redactText(input);
      expect(performance.now() - start).toBeLessThan(1_000);
    }
  });
});

describe('text patterns', () => {
  it('are all free of catastrophic backtracking (recheck)', { timeout: 60_000 }, () => {
    for (const re of TEXT_PATTERNS) expect(checkSync(re.source, re.flags).status, re.source).toBe('safe');
  });
});

describe('sanitizeFields', () => {
  it('censors secret-looking keys at any depth', () => {
    const cleaned = sanitizeFields({ irc: { sasl: { account: 'bot', password: 'hunter2' }, nickservPassword: 'x' }, token: 'abc', Authorization: 'Bot abc' });
    expect(cleaned).toEqual({ irc: { sasl: { account: 'bot', password: '[redacted]' }, nickservPassword: '[redacted]' }, token: '[redacted]', Authorization: '[redacted]' });
  });

  it('summarises pastes by size and hash', () => {
    const paste = 'Error: Device 0 (vif) could not be connected.\nHotplug scripts not working.\n';
    const cleaned = sanitizeFields({ text: paste }) as { text: string };
    const summary = describeText(paste);
    expect(summary.lines).toBe(2);
    expect(cleaned.text).toBe(`[text ${paste.length} chars, 2 lines, sha256:${summary.sha256}]`);
  });
});

describe('createLogger', () => {
  it('writes JSON records with levels and respects the configured level', () => {
    const { logger, records } = capture('warn');
    logger.info('not written');
    logger.warn({ transport: 'irc' }, 'reconnecting');
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ level: 40, transport: 'irc', msg: 'reconnecting' });
  });

  it('never writes secrets, whether in fields, child bindings or the message', () => {
    const { logger, raw } = capture();
    logger.child({ token: 'discord-token-123' }).info({ cfg: { irc: { sasl: { password: 'hunter2' } } }, authorization: 'Bot xyz.abc' }, 'login with password=hunter2');
    logger.info('NickServ IDENTIFY hurdbot hunter2');
    expect(raw()).not.toMatch(/hunter2|discord-token-123|xyz\.abc/);
    expect(raw()).toContain('[redacted]');
  });

  it('never writes the text of a paste, only its size and hash', () => {
    const { logger, records, raw } = capture();
    const paste = Array.from({ length: 200 }, (_, i) => `[2008-01-01 12:00:${i}] DEBUG (XendDomainInfo:${i}) secret-line-${i}`).join('\n');
    logger.info({ text: paste, author: 'alice' }, 'paste received');
    logger.info(paste);
    logger.error(new Error(`parse failed on ${paste}`));
    expect(raw()).not.toContain('secret-line-');
    const first = records()[0];
    expect(first?.text).toMatch(new RegExp(`^\\[text ${paste.length} chars, 200 lines, sha256:${describeText(paste).sha256}\\]$`));
  });

  it('masks addresses in messages and fields', () => {
    const { logger, raw } = capture();
    logger.info({ server: '203.0.113.9', peer: '2001:db8::7' }, 'connecting from 00:16:3e:aa:bb:cc');
    expect(raw()).not.toMatch(/203\.0\.113\.9|2001:db8::7|aa:bb:cc/);
  });

  it('logs errors with their type and message, addresses masked', () => {
    const { logger, records } = capture();
    logger.error(new TypeError('connect ECONNREFUSED 198.51.100.4:6667'));
    expect(records()[0]).toMatchObject({ level: 50, err: { type: 'TypeError', message: 'connect ECONNREFUSED [ipv4]:6667' } });
  });

  it('survives fields that throw, nest forever or hold binary data', () => {
    const { logger, records } = capture();
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const hostile = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('getter'); } });
    expect(() => logger.warn({ circular, data: Buffer.from('\u0000\u00ff binary') }, 'odd fields')).not.toThrow();
    expect(() => logger.warn({ hostile }, 'hostile fields')).not.toThrow();
    expect(records()[0]).toMatchObject({ msg: 'odd fields', data: '[10 bytes]' });
  });

  it('flushes without throwing', async () => {
    const { logger } = capture();
    logger.info('bye');
    await expect(logger.flush()).resolves.toBeUndefined();
  });
});
