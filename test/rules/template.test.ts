import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../rules/config/index.js';
import { checkConfig } from '../../rules/check.js';
import { parseTemplateArgs, randomXenMac, renderTemplate, TemplateError, type TemplateInput } from '../../rules/template.js';

const seq = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};

const combos: TemplateInput[] = [];
for (const boot of ['direct', 'pvgrub'] as const)
  for (const pae of [true, false])
    for (const dialect of ['xm', 'xl'] as const) combos.push({ boot, pae, dialect }, { boot, pae, dialect, comments: false, mac: 'none', bridge: 'xenbr0', vdev: 'xvda', disk: '/dev/vg0/hurd', memory: 256, name: 'hurd2' });

describe('renderTemplate', () => {
  it.each(combos.map((c) => [JSON.stringify(c), c] as const))('%s passes the linter and re-parses to the values asked for', (_label, opts) => {
    const text = renderTemplate(opts, { random: seq(0.1, 0.5, 0.9) });
    const r = checkConfig(text, { dialect: opts.dialect! });
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    expect(r.corrected).toBeNull();
    const cfg = parseConfig(text);
    expect(cfg[opts.dialect!].ok).toBe(true);
    expect(cfg.syntax).toBe('both');
    const v = cfg.values;
    expect(v.name).toBe(opts.name ?? 'hurd');
    expect(v.memory).toBe(opts.memory ?? 512);
    const vdev = opts.vdev ?? 'hda';
    expect(v.disk).toEqual([`${opts.disk ? `phy:${opts.disk}` : 'phy:sda4'},${vdev},w`]);
    if (opts.boot === 'direct') {
      expect(v.kernel).toBe(opts.pae ? '/boot/gnumach-xen-pae' : '/boot/gnumach-xen-nonpae');
      expect(v.ramdisk).toBe('/boot/hurd-modules');
      expect(v.extra).toBe(vdev === 'xvda' ? 'root=device:xvd0' : 'root=device:hd0');
    } else {
      expect(v.kernel).toBe('/boot/pv-grub.gz');
      expect(v.ramdisk).toBeUndefined();
      expect(v.extra).toBe('(hd0)/boot/grub/menu.lst');
    }
    expect(Array.isArray(v.vif)).toBe(true);
  });

  it('uses the given MAC and bridge, or generates one in 00:16:3e with the injected RNG', () => {
    const given = parseConfig(renderTemplate({ mac: '00:16:3E:AA:BB:CC', bridge: 'br0' })).values.vif;
    expect(given).toEqual(['mac=00:16:3e:aa:bb:cc, bridge=br0']);
    const generated = parseConfig(renderTemplate({}, { random: seq(0, 0.5, 0.999) })).values.vif;
    expect(generated).toEqual(['mac=00:16:3e:00:80:ff']);
    expect(parseConfig(renderTemplate({ mac: 'none' })).values.vif).toEqual(['']);
  });

  it('generated MACs are valid unicast addresses in the Xen range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 3, maxLength: 3 }), (xs) => {
        expect(randomXenMac(seq(...xs))).toMatch(/^00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$/);
      }),
    );
  });

  it('names the non-PAE hypervisor for a non-PAE kernel (so its own PAE rule agrees)', () => {
    const t = renderTemplate({ pae: false });
    expect(t).toContain('xen-3.0-x86_32)');
    expect(t).toContain('gnumach-xen-nonpae');
  });

  const hostile = [
    'x"\nimport os',
    "x'; __import__('os').system('x'); '",
    "__import__('os').system('x')",
    'a\\b',
    'a\u0000b',
    'hürd',
    'x\r\nmemory = 4096',
    '',
    'a'.repeat(65),
    '$(reboot)',
    'name with space',
  ];

  it.each(hostile.map((h) => [JSON.stringify(h), h] as const))('refuses the hostile value %s in every string option', (_l, h) => {
    for (const key of ['name', 'disk', 'vdev', 'mac', 'bridge'] as const) {
      if (key === 'disk' && /^a+$/.test(h)) continue; // a long plain path is a fine disk
      expect(() => renderTemplate({ [key]: h } as TemplateInput), key).toThrow(TemplateError);
    }
  });

  it('names the root device as GNU Mach will for the vdev, and refuses a vdev it would not see', () => {
    expect(renderTemplate({ dialect: 'xm', vdev: 'hde' })).toMatch(/root=device:hd4/);
    expect(renderTemplate({ dialect: 'xl', vdev: 'xvdq' })).toMatch(/root=device:xvd16/);
    expect(() => renderTemplate({ dialect: 'xl', vdev: 'hde' })).toThrow(/GNU Mach would not see this disk/);
    expect(() => renderTemplate({ dialect: 'xm', vdev: 'sdq' })).toThrow(TemplateError);
  });

  it('refuses out-of-range or non-integer memory and unknown options', () => {
    for (const memory of [0, 31, 581, 1024, 256.5, Number.NaN]) expect(() => renderTemplate({ memory })).toThrow(TemplateError);
    expect(() => renderTemplate({ memory: 32 })).not.toThrow();
    expect(() => renderTemplate({ memory: 580 })).not.toThrow();
    expect(() => renderTemplate({ kernel: '/x' } as unknown as TemplateInput)).toThrow(TemplateError);
  });

  it('any accepted input yields a file whose only statements are the template keys (no injection)', () => {
    const keys = new Set(['name', 'kernel', 'ramdisk', 'memory', 'disk', 'extra', 'vif']);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.string({ maxLength: 20 }), (name, disk, bridge) => {
        let text: string;
        try {
          text = renderTemplate({ name, disk, bridge, dialect: 'xm' });
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
          return;
        }
        const cfg = parseConfig(text);
        expect(cfg.xm.ok && cfg.xl.ok).toBe(true);
        expect(cfg.notEvaluated).toEqual([]);
        expect(cfg.assignments.every((a) => keys.has(a.key))).toBe(true);
        expect(cfg.values.name).toBe(name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseTemplateArgs', () => {
  it('reads the chat form', () => {
    const options = parseTemplateArgs(['template', 'pvgrub', 'xl', 'memory=256', 'name=hurd2', 'mac=00:16:3e:01:02:03', 'nonpae', 'bridge=br0']);
    expect(options).toEqual({ boot: 'pvgrub', dialect: 'xl', memory: 256, name: 'hurd2', mac: '00:16:3e:01:02:03', pae: false, bridge: 'br0' });
    expect(() => renderTemplate(options)).not.toThrow();
  });

  it('explains what is wrong in one line', () => {
    for (const words of [['memory=lots'], ['memory=1024'], ['colour=blue'], ['frobnicate'], ['name=x"y'], ['name=x"\nimport os']]) {
      let message = '';
      try {
        parseTemplateArgs(words);
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateError);
        message = (e as Error).message;
      }
      expect(message, words.join(' ')).not.toBe('');
      expect(message).not.toContain('\n');
    }
  });
});
