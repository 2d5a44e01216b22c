/**
 * xm -> xl conversion (issue 17), as a specification: what a new user's xm config becomes, what is refused and why,
 * and the invariants over the third-party corpus and generated configs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertXmToXl } from '../../rules/convert.js';
import { parseConfig, type PlainValue } from '../../rules/config/index.js';
import { newExecutableConstructs } from '../../rules/config/python/index.js';
import { XL_KEYS } from '../../rules/catalogue/known-keys.js';
import { corpusConfigs, hasShared } from '../support/eval.js';

const WIKI_SAMPLE = [
  'kernel = "/boot/gnumach-xen-pae"',
  'memory = 256',
  "disk = ['phy:sda4,hda,w']",
  'extra = "root=device:hd0"',
  "vif = [ '' ]",
  'ramdisk = "/boot/hurd-modules"',
  '',
].join('\n');

const xlValues = (text: string) => {
  const p = parseConfig(text);
  return p.valuesByDialect?.xl ?? p.values;
};

describe('converting a new user\'s xm config', () => {
  it('adds the name xm took from the file name, and changes nothing else of the wiki sample', () => {
    const r = convertXmToXl(WIKI_SAMPLE, { fileName: '/etc/xen/hurd' });
    expect(r.refused).toBeNull();
    expect(r.converted).toBe(`${WIKI_SAMPLE}name = "hurd"\n`);
    expect(r.notes.map((n) => n.message).join(' ')).toMatch(/xm named the domain after its file/);
    expect(r.diff).toMatch(/^\+name = "hurd"$/m);
    expect(parseConfig(r.converted!).xl.ok).toBe(true);
  });

  it('writes helper variables and string concatenation out as values, and removes the helpers', () => {
    const xm = ['name = "hurd"', 'base = "/boot/"', 'mem = 256', 'kernel = base + "gnumach-xen-pae"', 'memory = mem * 2', ''].join('\n');
    const r = convertXmToXl(xm);
    expect(r.converted).toBe(['name = "hurd"', 'kernel = "/boot/gnumach-xen-pae"', 'memory = 512', ''].join('\n'));
    expect(r.notes.filter((n) => /helper variable/.test(n.message)).map((n) => n.line)).toEqual([2, 3]);
    expect(r.notes.some((n) => n.line === 5 && /mem \* 2/.test(n.message))).toBe(true);
  });

  it("turns xm's w! into w with a warning, builder into type, and Python's True into 1", () => {
    const xm = ['name = "hurd"', 'builder = "linux"', "disk = ['phy:/dev/vg0/hurd,hda,w!']", 'acpi = True', ''].join('\n');
    const r = convertXmToXl(xm);
    const v = xlValues(r.converted!);
    expect(v.type).toBe('pv');
    expect(v.builder).toBeUndefined();
    expect(v.disk).toEqual(['phy:/dev/vg0/hurd,hda,w']);
    expect(v.acpi).toBe(1);
    expect(r.notes.map((n) => n.message).join('\n')).toMatch(/w! .* does not exist in xl/);
  });

  it('drops what xl does not read, each with its reason, and on_* actions xl does not know', () => {
    const xm = ['name = "hurd"', 'ip = "192.168.1.7"', 'nics = 1', 'on_crash = "reboot"', 'on_reboot = "restart"', ''].join('\n');
    const r = convertXmToXl(xm);
    expect(xlValues(r.converted!)).toEqual({ name: 'hurd', on_reboot: 'restart' });
    const byLine = new Map(r.notes.map((n) => [n.line, n.message]));
    expect(byLine.get(2)).toMatch(/GNU Mach does not read it|pfinet/);
    expect(byLine.get(3)).toMatch(/vif entry/);
    expect(byLine.get(4)).toMatch(/no action xl knows/);
  });

  it('tidies vif specs the way xl writes them', () => {
    const r = convertXmToXl("name = 'hurd'\nvif = [ 'mac = 00:16:3e:01:02:03, bridge = br0' ]\n");
    expect(xlValues(r.converted!).vif).toEqual(['mac=00:16:3e:01:02:03,bridge=br0']);
  });

  it('keeps only the last of repeated assignments, as both tools do', () => {
    const r = convertXmToXl('name = "hurd"\nmemory = 128\nmemory = 256\n');
    expect(r.converted).toBe('name = "hurd"\nmemory = 256\n');
  });

  it('refuses what would have to run, naming the line and why, and never runs it', () => {
    for (const [xm, line, why] of [
      ['name = "hurd"\nimport os\nkernel = os.path.join("/boot", "gnumach")\n', 2, /import/],
      ['name = "hurd"\nif 1:\n    memory = 256\n', 2, /if|compound|conditional/i],
      ['name = "hurd"\nfor i in range(2):\n    pass\n', 2, /for|loop|compound/i],
      ['name = "hurd"\nmemory = int(open("/proc/meminfo").read())\n', 2, /expression|call/i],
    ] as const) {
      const r = convertXmToXl(xm);
      expect(r.converted, xm).toBeNull();
      expect(r.refused?.line, xm).toBe(line);
      expect(r.refused?.reason, xm).toMatch(why);
    }
  });

  it('hands an xl config back unchanged, saying so', () => {
    const xl = 'name = "hurd"\ntype = "pv"\nkernel = "/boot/gnumach-xen-pae"\ndisk = [ "/dev/vg0/hurd,raw,xvda,rw" ]\n';
    const r = convertXmToXl(xl);
    expect(r.converted).toBe(xl);
    expect(r.diff).toBeNull();
    expect(r.notes[0]!.message).toMatch(/already an xl config/);
  });

  it('refuses a file that is neither xm nor xl', () => {
    const r = convertXmToXl('memory = [256\n');
    expect(r.converted).toBeNull();
    expect(r.refused?.reason).toMatch(/not a valid xm config/);
  });
});

/** Keys whose value a conversion may change on purpose (translated, fixed or tidied, each with a note). */
const TRANSLATED = new Set(['builder', 'type', 'bootargs', 'bootloader_args', 'disk', 'vif', 'name', 'on_poweroff', 'on_reboot', 'on_crash']);

function sameMeaning(xm: PlainValue | undefined, xl: PlainValue | undefined): boolean {
  // libxlu keeps non-decimal number tokens as text; the converter writes decimals, so both are plain numbers here
  return JSON.stringify(xm) === JSON.stringify(xl);
}

describe.skipIf(!hasShared)('the third-party corpus', () => {
  it('converts every xm-valid file to one xl accepts, with the same values wherever both tools mean the same', () => {
    const tally = { converted: 0, identity: 0, refused: [] as string[] };
    for (const { file, text } of corpusConfigs()) {
      const before = parseConfig(text);
      if (!before.xm.ok) continue;
      const r = convertXmToXl(text, { fileName: file });
      if (r.refused) {
        // only code that would have to run is refused
        expect(r.refused.reason, file).toMatch(/run|not evaluated|not a constant/);
        tally.refused.push(file);
        continue;
      }
      if (r.diff === null) tally.identity++;
      else tally.converted++;
      const after = parseConfig(r.converted!);
      expect(after.xl.ok, `${file}: ${after.xl.error?.message}`).toBe(true);
      const xmValues = before.valuesByDialect?.xm ?? before.values;
      const xl = after.valuesByDialect?.xl ?? after.values;
      for (const [k, v] of Object.entries(xmValues)) {
        if (!XL_KEYS.has(k) || TRANSLATED.has(k)) continue;
        expect(sameMeaning(v, xl[k]), `${file}: ${k} ${JSON.stringify(v)} -> ${JSON.stringify(xl[k])}`).toBe(true);
      }
      expect(newExecutableConstructs(text, r.converted!), file).toEqual([]);
      // converting the result again changes nothing
      expect(convertXmToXl(r.converted!, { fileName: file }).converted, file).toBe(r.converted);
    }
    console.info(`corpus conversion: ${tally.converted} converted, ${tally.identity} unchanged, ${tally.refused.length} refused (${tally.refused.join(', ')})`);
    expect(tally.converted + tally.identity).toBeGreaterThanOrEqual(90);
    expect(tally.refused.length).toBeLessThanOrEqual(2);
  });
});

describe('invariants over generated xm configs', () => {
  const key = fc.constantFrom('memory', 'kernel', 'ramdisk', 'extra', 'vcpus', 'on_crash', 'on_reboot', 'ip', 'nics', 'builder', 'maxmem', 'root');
  const scalar = fc.oneof(
    fc.nat({ max: 4096 }).map((n) => String(n)),
    fc.constantFrom('"/boot/gnumach-xen-pae"', "'root=device:hd0'", '"destroy"', '"reboot"', '"linux"', '"hvm"', 'True', 'False', 'None', '0x100', '"a" + "b"', 'm * 2', 'base + "x"'),
  );
  const disk = fc.constantFrom("disk = ['phy:sda4,hda,w']", "disk = ['phy:sda4,hda,w!']", "disk = [ 'file:/srv/h.img,xvda,w', 'phy:sdb,hdb,r' ]", '');
  const vif = fc.constantFrom("vif = [ '' ]", "vif = [ 'mac = 00:16:3e:00:00:01 , bridge=br0' ]", "vif = ['bridge=xenbr0']", '');
  const head = fc.constantFrom('', 'm = 128\nbase = "/boot/"\n', '# -*- mode: python; -*-\n', 'name = "hurd"\n');
  const file = fc.tuple(head, fc.array(fc.tuple(key, scalar), { maxLength: 8 }), disk, vif).map(
    ([h, pairs, d, v]) => `${h}${pairs.map(([k, s]) => `${k} = ${s}`).join('\n')}\n${d}\n${v}\n`,
  );

  it('gives a file xl parses, that converting again leaves alone, and that holds no code the user did not have', () => {
    let converted = 0;
    fc.assert(
      fc.property(file, (text) => {
        const r = convertXmToXl(text, { fileName: 'hurd' });
        if (r.converted === null) return;
        converted++;
        const after = parseConfig(r.converted);
        expect(after.xl.ok, after.xl.error?.message).toBe(true);
        expect(after.values.name, 'xl needs a name').toBeDefined();
        expect(convertXmToXl(r.converted, { fileName: 'hurd' }).converted).toBe(r.converted);
        expect(newExecutableConstructs(text, r.converted)).toEqual([]);
      }),
      { numRuns: 1000, seed: 17 },
    );
    console.info(`generated configs converted: ${converted} of 1000`);
    expect(converted).toBeGreaterThan(300);
  });
});
