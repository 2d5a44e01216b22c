import { describe, expect, it } from 'vitest';
import { checkConfig, decideDialect, MAX_CHECK_CHARS, pastedConfigBody } from '../../rules/check.js';
import { parseConfig } from '../../rules/config/index.js';
import { corpusConfigs, evalConfigs, hasShared, missingMentions } from '../support/eval.js';
import { hurd } from '../support/rule-tester.js';

describe.runIf(hasShared)('every example config of ../shared/eval through checkConfig', () => {
  const configs = evalConfigs();

  it.each(configs.filter((c) => c.file.startsWith('ok-')).map((c) => [c.file, c] as const))('%s gets no error finding', (_f, c) => {
    const r = checkConfig(c.text);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.name}: ${f.message}`)).toEqual([]);
  });

  it.each(configs.filter((c) => !c.file.startsWith('ok-')).map((c) => [c.file, c] as const))('%s is diagnosed with its defects', (_f, c) => {
    const r = checkConfig(c.text);
    const names = r.findings.map((f) => f.name);
    for (const d of c.defects) expect(names, `${c.file}: ${names.join(', ')}`).toContain(d);
    const text = r.findings.map((f) => `${f.message} ${f.advice ?? ''}`).join('\n');
    expect(missingMentions(text, c.mustMention)).toEqual([]);
    expect(r.findings.some((f) => f.severity === 'error' || f.severity === 'warning')).toBe(true);
  });

  it.each(configs.filter((c) => !c.file.startsWith('ok-')).map((c) => [c.file, c] as const))('%s: the corrected file is clean of the defects and parses', (_f, c) => {
    const r = checkConfig(c.text);
    const fixable = r.findings.filter((f) => f.fix && c.defects.includes(f.name));
    if (fixable.length === 0) return;
    expect(r.corrected).not.toBeNull();
    const again = checkConfig(r.corrected!);
    for (const f of fixable) expect(again.findings.map((x) => x.name)).not.toContain(f.name);
    expect(parseConfig(r.corrected!).syntax).not.toBeNull();
    expect(r.diff).toMatch(/^@@ .* @@ # HX\d{3} /m);
  });
});

describe('checkConfig', () => {
  it('reports syntax, values, findings with lines, the corrected file and its diff', () => {
    const r = checkConfig(hurd({ memory: '1024' }));
    expect(r.syntax).toBe('both');
    expect(r.values.memory).toBe(1024);
    const f = r.findings.find((x) => x.name === 'memory-over-580')!;
    expect(f).toMatchObject({ rule: 'HX201', severity: 'error', line: 4 });
    expect(r.corrected).toBe(hurd({ memory: '512' }));
    expect(r.diff).toContain('-memory = 1024');
    expect(r.diff).toContain('+memory = 512');
    expect(r.diff).toContain('# HX201 memory-over-580');
    expect(r.fixed).toEqual(['HX201']);
    expect(r.parseError).toBeUndefined();
  });

  it('gives a parse error with line and column when no tool can read the file', () => {
    const r = checkConfig('name = "hurd"\nmemory = 256\ndisk = [ "phy:sda4,hda,w" ]]\n');
    expect(r.syntax).toBeNull();
    expect(r.parseError).toMatchObject({ line: 3 });
    expect(r.findings.map((f) => f.name)).toContain('unbalanced-bracket');
    expect(r.corrected).toBe('name = "hurd"\nmemory = 256\ndisk = [ "phy:sda4,hda,w" ]\n');
  });

  it('asks what it cannot know and offers one corrected file per answer', () => {
    const r = checkConfig(hurd({ kernel: '"/boot/gnumach.gz"' }));
    const q = r.questions.find((x) => x.name === 'kernel-not-xen')!;
    expect(q.question).toMatch(/PAE/);
    expect(q.variants.map((v) => v.corrected)).toEqual([hurd(), hurd({ kernel: '"/boot/gnumach-xen-nonpae"' })]);
    expect(q.variants[0]!.diff).toContain('# HX103 kernel-not-xen');
  });

  it('decides the dialect from the file or the caller', () => {
    expect(decideDialect(parseConfig(hurd()))).toBeUndefined();
    expect(decideDialect(parseConfig(hurd({ type: '"pv"' })))).toBe('xl');
    expect(decideDialect(parseConfig('#  -*- mode: python; -*-\nimport os\nif 1:\n    memory = 256\n'))).toBe('xm');
    expect(decideDialect(parseConfig('# start with: xl create -c /etc/xen/hurd\nmemory = 256\n'))).toBe('xl');
    // Python alone is the mistake python-in-xl reports, not a sign the file is for xm.
    expect(decideDialect(parseConfig('import os\nif 1:\n    memory = 256\n'))).toBeUndefined();
    expect(decideDialect(parseConfig(hurd()), 'xm')).toBe('xm');
    expect(checkConfig(hurd({ name: null }), { dialect: 'xl' }).findings.find((f) => f.name === 'name-missing')?.severity).toBe('error');
    expect(checkConfig(hurd({ name: null }), { dialect: 'xm' }).findings.find((f) => f.name === 'name-missing')?.severity).toBe('info');
  });

  it('survives garbage, huge input, unicode and NUL bytes quickly', () => {
    const inputs = [
      '\u0000\u0001\u00ff'.repeat(1000),
      'memory = ' + '['.repeat(5000),
      '"'.repeat(10000),
      'a = 1\n'.repeat(60000),
      'nämé = "hürd ☃"\r\nmemory = 256\r\n',
      'x'.repeat(2 * 1024 * 1024),
      "vif = [ 'mac=" + ':'.repeat(50000) + "' ]\n",
      "disk = [ '" + ','.repeat(50000) + "' ]\n",
    ];
    for (const input of inputs) {
      const t0 = Date.now();
      const r = checkConfig(input);
      expect(Array.isArray(r.findings)).toBe(true);
      expect(Date.now() - t0).toBeLessThan(10_000);
      if (input.length > MAX_CHECK_CHARS) expect(r.truncated).toBe(true);
    }
  });
});

describe('checkConfig on misspelt keys', () => {
  it('renames Memory and memmory instead of adding a second memory line', () => {
    for (const wrong of ['Memory', 'memmory']) {
      const r = checkConfig(hurd({ memory: null, [wrong]: '256' }));
      expect(r.corrected, wrong).toBe(hurd({ memory: null }) + 'memory = 256\n');
      expect(r.findings.find((f) => f.name === 'memory-missing')?.fix).toBeUndefined();
    }
  });

  it('does not claim a key is missing when a syntax error hides it', () => {
    const r = checkConfig(hurd({ extra: `"root=device:hd0'` }));
    expect(r.findings.map((f) => f.name)).not.toContain('root-missing');
    expect(r.corrected).toBe(hurd());
  });
});

describe.runIf(hasShared)('third-party configs of ../shared/corpus', () => {
  it('never throws, and a correction never breaks a syntax the file had', () => {
    for (const c of corpusConfigs()) {
      const r = checkConfig(c.text);
      expect(Array.isArray(r.findings), c.file).toBe(true);
      if (r.corrected === null) continue;
      const before = parseConfig(c.text);
      const after = parseConfig(r.corrected);
      if (before.xm.ok) expect(after.xm.ok, `${c.file}\n${r.diff}`).toBe(true);
      if (before.xl.ok && !before.source.includes('\r')) expect(after.xl.ok, `${c.file}\n${r.diff}`).toBe(true);
    }
  });
});

describe('a config pasted into a chat', () => {
  const cfg = hurd({ memory: '1024' });

  it('is read between code fences, without the sentences around it', () => {
    expect(pastedConfigBody("here's my /etc/xen/hurd, it won't boot:\n```ini\n" + cfg + "```\nwhat's wrong?")).toBe(cfg);
    const r = checkConfig("here's my /etc/xen/hurd, it won't boot:\n```\n" + cfg + '```\n');
    expect(r.findings.map((f) => f.name)).toContain('memory-over-580');
    expect(r.findings.map((f) => f.name)).not.toContain('unterminated-string');
    expect(r.syntax).toBe('both');
  });

  it('drops a shell prompt showing the file and a line of prose before it', () => {
    expect(pastedConfigBody(`root@dom0:~# cat /etc/xen/hurd.cfg\n${cfg}`)).toBe(cfg);
    expect(pastedConfigBody(`is this right?\n${cfg}`)).toBe(cfg);
    expect(checkConfig(`$ cat /etc/xen/hurd\n${hurd()}`).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('leaves a config file as it is, Python statements included', () => {
    expect(pastedConfigBody(cfg)).toBe(cfg);
    const xm = `import os\nprint "starting hurd"\n${cfg}if memory > 580:\n    memory = 580\n`;
    expect(pastedConfigBody(xm)).toBe(xm);
    expect(pastedConfigBody('just some words here\nand more words')).toBe('just some words here\nand more words');
  });

  it('does not ask a fragment for the keys it never meant to show', () => {
    const names = checkConfig('memory = 1024\n').findings.map((f) => f.name);
    expect(names).toContain('memory-over-580');
    expect(names).not.toContain('kernel-missing');
    expect(names).not.toContain('disk-missing');
    expect(checkConfig(hurd({ kernel: null })).findings.map((f) => f.name)).toContain('kernel-missing');
  });
});
