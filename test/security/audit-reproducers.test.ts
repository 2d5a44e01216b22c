import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../bot/brain/index.js';
import { checkConfig, MAX_CHECK_CHARS } from '../../rules/check.js';
import { annotatedDiff } from '../../rules/fix.js';
import { formatPercent } from '../../rules/config/python/fold.js';
import { executableConstructs, newExecutableConstructs } from '../../rules/config/python/index.js';
import { built, runCli } from '../support/cli.js';

/**
 * The reproducers of the outside audit (issue 11), as it ran them. Each failed before its fix: a hang, a corrected
 * file that ran code, minutes of CPU on one paste, a fixer that never settled, a silent cut. The time limits below
 * are two orders of magnitude above the fixed code's and far below the broken code's (which never finished).
 */
const brain = createBrain();
const say = (text: string, channel = '#hurd') => brain.handle({ text, author: 'mallory', channel, transport: 'irc', addressed: true })!;

const python = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' }).status === 0;

/** Python's own view (ast, never exec) of the calls, attributes, imports and names a text would run. */
function pythonExecutes(source: string): string[] | 'syntax-error' {
  const script = `
import ast, json, sys
try:
    tree = ast.parse(sys.stdin.read())
except SyntaxError:
    print(json.dumps("syntax-error")); sys.exit()
out = []
for n in ast.walk(tree):
    if isinstance(n, ast.Call): out.append("call")
    elif isinstance(n, ast.Attribute): out.append("attribute")
    elif isinstance(n, (ast.Import, ast.ImportFrom)): out.append("import")
    elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load): out.append("name " + n.id)
print(json.dumps(out))`;
  const r = spawnSync('python3', ['-I', '-c', script], { input: source, encoding: 'utf8', timeout: 20_000 });
  return JSON.parse(r.stdout) as string[] | 'syntax-error';
}

const ESCAPE = [
  'name = "hurd"',
  'kernel = "/boot/gnumach-xen-pae"',
  'ramdisk = "/boot/hurd-modules"',
  'memory = 512',
  "disk = ['phy:sda4,hda,w']",
  'extra = "root=device:hd0"',
  `on_crash = "destroy' # \\`,
  `__import__('os').system('touch pwned') #"`,
  '',
].join('\n');

describe('audit defect 1: no regex on the chat path can stall the bot', () => {
  it('the template reproducer (161 bytes took 70 s) is answered at once, also when longer', () => {
    for (const n of [9, 14]) {
      const t0 = performance.now();
      const r = say(`template PV-GRU${'BE=ENONPAEPV-GRU'.repeat(n)}\tI`);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r.blocks.length).toBeGreaterThan(0);
    }
  });

  it('a well-formed template request without the prefix is still a command', () => {
    const r = say('template pvgrub xl name=hurd2 memory=256');
    expect(r.kind).toBe('command');
  });
});

describe('audit defect 2: a corrected file never runs code the original did not', () => {
  it('the on_crash quote reproducer gets no corrected file that makes line 8 live, and says why', () => {
    const r = checkConfig(ESCAPE);
    expect(r.corrected === null || !/^__import__/m.test(r.corrected)).toBe(true);
    if (r.corrected) expect(newExecutableConstructs(ESCAPE, r.corrected)).toEqual([]);
    expect(r.refused.map((x) => x.name)).toContain('unterminated-string');
    expect(r.refused[0]!.why).toMatch(/Python code/);
  });

  it('the chat reply to !fix says it will not fix that line automatically', () => {
    const text = say(`!fix ${ESCAPE}`, '#fix')
      .blocks.map((b) => ('text' in b ? b.text : ''))
      .join('\n');
    expect(text).toMatch(/no safe automatic fix|Not fixed automatically/);
    expect(text).not.toMatch(/^__import__/m);
  });

  it.runIf(python)("Python's ast agrees: the original runs no call, and nothing the bot offers does", () => {
    expect(pythonExecutes(ESCAPE)).toEqual([]);
    const r = checkConfig(ESCAPE);
    if (r.corrected) expect(pythonExecutes(r.corrected)).toEqual([]);
  });

  it('counts the constructs Python would execute, and not string contents or key names', () => {
    const code = executableConstructs('import os\nmemory = int("5") + x.y\ndisk = ["a.b(c)"]\n');
    expect([...code.keys()].sort()).toEqual(['attribute', 'call', 'name import', 'name int', 'name os', 'name x', 'name y'].sort());
    expect(executableConstructs('memory = 512\nname = "hurd(1).x"\nvif = [ "" ]\n').size).toBe(0);
  });
});

describe('audit defect 3: bounded work on huge pastes', () => {
  it('17 772 unknown keys (a 256 KiB attachment): a dozen named, the rest counted, no per-key search', () => {
    const text = Array.from({ length: 17_772 }, (_, i) => `k${i} = 0`).join('\n') + '\n';
    const t0 = performance.now();
    const r = checkConfig(text);
    expect(performance.now() - t0).toBeLessThan(8000);
    const unknown = r.findings.filter((f) => f.name === 'unknown-key');
    expect(unknown.length).toBeLessThanOrEqual(13);
    expect(unknown.at(-1)!.message).toMatch(/more unknown key/);
  }, 30_000);

  it('formatPercent on 200 000 zeros (44 s before) declines at once', () => {
    const t0 = performance.now();
    expect(formatPercent(`%${'0'.repeat(200_000)} `, [{ k: 'int', v: 5n }])).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(500);
    expect(formatPercent('%05d-%s', [{ k: 'int', v: 42n }, { k: 'str', v: 'x' }])).toBe('00042-x');
  });

  it('a big CRLF-mixed config (16.6 s before) is checked, and says it gets no corrected file at that size', () => {
    const text = Array.from({ length: 8000 }, (_, i) => (i % 2 ? `k${i} = 0\r` : `k${i} = 0`)).join('\n') + '\n';
    const t0 = performance.now();
    const r = checkConfig(text, { dialect: 'xl' });
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(r.findings.some((f) => f.name === 'crlf-line-endings')).toBe(true);
    expect(r.corrected).toBeNull();
    expect(r.skipped.join(' ')).toMatch(/corrected file/);
  }, 30_000);

  it('the diff of thousands of changed lines gives up the Myers search for one linear hunk', () => {
    const before = Array.from({ length: 8000 }, (_, i) => (i % 2 ? `k${i} = 0\r` : `k${i} = 0`)).join('\n') + '\n';
    const after = before.replace(/\r/g, '');
    const t0 = performance.now();
    const diff = annotatedDiff(before, after, [{ rule: 'HX514', name: 'crlf-line-endings', lines: [1, 8000] }]);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(diff).toMatch(/^@@ -2,7999 \+2,7999 @@ # HX514 crlf-line-endings$/m);
    expect(diff.split('\n').filter((l) => l.startsWith('+k')).length).toBe(7999);
  });
});

describe('audit defect 7: lone CR is a line end everywhere, and the fixer settles', () => {
  const input = 'name = "hurd\rmemory = 512\rkernel = "/boot/gnumach-xen-pae"\r';

  it('closes the one open quote where Python ends the line, and says what it did with the CRs', () => {
    const r = checkConfig(input);
    expect(r.corrected).not.toBeNull();
    expect(r.corrected!.split('\n').slice(0, 3)).toEqual(['name = "hurd"', 'memory = 512', 'kernel = "/boot/gnumach-xen-pae"']);
    expect(r.findings[0]!.message).toMatch(/lone CR/);
  });

  it('checking the corrected file again changes nothing (idempotent)', () => {
    const once = checkConfig(input).corrected!;
    const twice = checkConfig(once);
    expect(twice.corrected).toBeNull();
  });
});

describe('audit defect 9: a cut input is said to be cut, and never "corrected"', () => {
  const big = `memory = 1024\n${'# padding line for a long file\n'.repeat(Math.ceil((MAX_CHECK_CHARS + 5000) / 31))}name = "hurd"\n`;

  it('checkConfig says how much it read and offers no corrected file', () => {
    const r = checkConfig(big);
    expect(r.truncated).toBe(true);
    expect(r.checkedChars).toBeLessThanOrEqual(MAX_CHECK_CHARS);
    expect(r.totalChars).toBe(big.length);
    expect(r.corrected).toBeNull();
    expect(r.diff).toBeNull();
    // cut at a line end: no invented parse error where the cut landed
    expect(r.syntax).not.toBeNull();
  });

  it.runIf(built)('check --json and the text output both say so', () => {
    const json = JSON.parse(runCli(['check', '-', '--json'], big).stdout) as { truncated: { checkedChars: number; totalChars: number }; corrected: unknown };
    expect(json.truncated.totalChars).toBe(big.length);
    expect(json.corrected).toBeNull();
    expect(runCli(['check', '-'], big).stdout).toMatch(/only the first \d+ of \d+ characters were checked/);
  });
});
