import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { built, CLI, runCli } from '../support/cli.js';
import { evalConfigs, evalLogs, evalQuestions, hasShared } from '../support/eval.js';

const tmp = mkdtempSync(join(tmpdir(), 'hxb-cli-'));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe.runIf(built)('hurd-xen-bot reply --jsonl', () => {
  it('answers one JSON line per input line in the agreed shape, and survives a bad line', () => {
    const input = ['{"text":"how much memory can the hurd domU have?"}', 'not json', '{"nope":1}', '{"text":"!version","author":"bob","channel":"#hurd"}', ''].join('\n');
    const r = runCli(['reply', '--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(Object.keys(lines[0]!).sort()).toEqual(['answered', 'findings', 'kind', 'sources', 'text']);
    expect(lines[0]!.kind).toBe('question');
    expect(lines[0]!.answered).toBe(true);
    expect(String(lines[0]!.text)).toContain('580');
    expect(lines[1]!.error).toMatch(/line 2/);
    expect(lines[2]!.error).toMatch(/line 3/);
    expect(lines[3]!.kind).toBe('command');
  });

  it.runIf(hasShared)('gives every example of ../shared/eval the right kind', () => {
    const qs = evalQuestions();
    const logs = evalLogs();
    const cfgs = evalConfigs();
    const input = [...qs.map((q) => q.q), ...logs.map((l) => l.text), ...cfgs.map((c) => c.text)].map((text) => JSON.stringify({ text })).join('\n');
    const r = runCli(['reply', '--jsonl'], input);
    const kinds = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
    // a question that is nothing but a pasted error line may be taken for a log: both get the diagnosis
    const want = [...qs.map((q) => (/^\s*error:/i.test(q.q) ? ['question', 'log'] : ['question'])), ...logs.map(() => ['log', 'config']), ...cfgs.map(() => ['config'])];
    const wrong = kinds.map((k, i) => (want[i]!.includes(k) ? null : `${i}:${k}`)).filter(Boolean);
    expect(wrong).toEqual([]);
  });
});

describe.runIf(built)('hurd-xen-bot convert', () => {
  it('prints the xl file on stdout and one note per change on stderr, exit 0', () => {
    const p = file('hurd', 'kernel = "/boot/gnumach-xen-pae"\nmemory = 256\ndisk = [\'phy:sda4,hda,w!\']\nextra = "root=device:hd0"\n');
    const r = runCli(['convert', p]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('kernel = "/boot/gnumach-xen-pae"\nmemory = 256\ndisk = [\'phy:sda4,hda,w\']\nextra = "root=device:hd0"\nname = "hurd"\n');
    expect(r.stderr).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: note: disk`));
  });

  it('keeps the JSON contract: converted, notes, refused, diff; exit 1 when refused, 2 when unreadable', () => {
    const ok = runCli(['convert', '-', '--json'], 'memory = 256\nbuilder = "linux"\n');
    const j = JSON.parse(ok.stdout) as { converted: string | null; notes: { line?: number; message: string }[]; refused: unknown; diff: string | null };
    expect(Object.keys(j).sort()).toEqual(['converted', 'diff', 'notes', 'refused']);
    expect(j.converted).toContain('type = "pv"');
    expect(j.refused).toBeNull();
    expect(j.diff).toContain('-builder = "linux"');
    const refused = runCli(['convert', '-', '--json'], 'import os\nmemory = 256\n');
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stdout) as { refused: { line: number; reason: string } }).refused.line).toBe(1);
    expect(runCli(['convert', join(tmp, 'missing.cfg')]).code).toBe(2);
  });
});

describe.runIf(built)('hurd-xen-bot as a linter', () => {
  const bad = 'name = "hurd"\nkernel = "/boot/gnumach-xen-pae"\nramdisk = "/boot/hurd-modules"\nmemory = 1024\ndisk = [\'phy:sda4,hda,w\']\nextra = "root=device:hd1"\n';

  it('prints file:line:col: severity: message [HXnnn] for several files, sorted by line, the diff only on --diff', () => {
    const a = file('lint-a.cfg', bad);
    const b = file('lint-b.cfg', bad);
    const r = runCli(['check', a, b]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^\S+(?::\d+:\d+)?: (?:error|warning|info|note): .+/);
    expect(lines.some((l) => l.startsWith(`${a}:4:`) && l.endsWith('[HX201]'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${b}:4:`))).toBe(true);
    expect(r.stdout).not.toMatch(/:0:/);
    const lineNumbers = lines.filter((l) => l.startsWith(`${a}:`)).map((l) => Number(l.split(':')[1]));
    expect(lineNumbers).toEqual([...lineNumbers].sort((x, y) => x - y));
    expect(r.stdout).not.toMatch(/^--- a\//m);
    expect(runCli(['check', '--diff', a]).stdout).toMatch(/^-memory = 1024$/m);
  });

  it('writes SARIF 2.1.0 that validates against the schema', async () => {
    // The OASIS schema as @microsoft/jest-sarif ships it, checked with the ajv it ships (draft-04), without jest.
    const { createRequire } = await import('node:module');
    const entry = createRequire(import.meta.url).resolve('@microsoft/jest-sarif');
    const local = createRequire(entry);
    const Ajv = local('ajv') as new (o: object) => { addMetaSchema(s: object): void; compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
    const ajv = new Ajv({ schemaId: 'auto', validateSchema: false, allErrors: true });
    ajv.addMetaSchema(local('ajv/lib/refs/json-schema-draft-04.json') as object);
    const validate = ajv.compile(local('./schemas/sarif-2.1.0-rtm.5.json') as object);
    const r = runCli(['check', '--format', 'sarif', file('sarif.cfg', bad)]);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((x) => x.ruleId)).toContain('HX201');
  });

  it('prints or writes the corrected file with fix', () => {
    const p = file('fix-me.cfg', bad);
    const printed = runCli(['fix', p]);
    expect(printed.stdout).toMatch(/^memory = 512$/m);
    expect(readFileSync(p, 'utf8')).toBe(bad);
    const written = runCli(['fix', '--write', p]);
    expect(written.code).toBe(0);
    expect(readFileSync(p, 'utf8')).toMatch(/^memory = 512$/m);
  });

  it('stops quietly when its reader does (rules | head), and keeps the "did you mean" of a mistyped command', () => {
    const r = spawnSync('sh', ['-c', `node ${CLI} rules | head -1`], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    const typo = runCli(['chek']);
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim().split('\n')).toEqual([expect.stringMatching(/Did you mean check\?/)]);
  });
});

describe.runIf(built)('hurd-xen-bot and the maintainer store', () => {
  it('exports what the bot could not answer from the data directory, most asked first, as JSON', () => {
    const data = join(tmp, 'data');
    runCli(['ask', 'how do i make the hurd sing opera on my toaster?'], undefined, [], { BOT_DATA_DIR: data });
    runCli(['ask', 'how do i make the hurd sing opera on my toaster?'], undefined, [], { BOT_DATA_DIR: data });
    const r = runCli(['unanswered', '--json', '--data-dir', data]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { kind: string; text: string; count: number }[];
    expect(rows[0]).toMatchObject({ kind: 'question', count: 2 });
    expect(rows[0]!.text).toMatch(/sing opera/);
  });

  it('says in one line, exit 2, that a named wiki directory does not exist', () => {
    const r = runCli(['ask', '--wiki-dir', join(tmp, 'no-such-wiki'), 'what is pae']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no such wiki directory/);
  });
});

describe.runIf(built)('hurd-xen-bot check', () => {
  it('prints syntax, values, findings, corrected and diff as JSON and exits 1 on errors', () => {
    const p = file('over.cfg', 'name = "hurd"\nkernel = "/boot/gnumach-xen-pae"\nramdisk = "/boot/hurd-modules"\nmemory = 1024\ndisk = [\'phy:sda4,hda,w\']\nextra = "root=device:hd0"\n');
    const r = runCli(['check', p, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { syntax: string; values: Record<string, unknown>; findings: { rule: string; severity: string; line?: number }[]; corrected: string | null; diff: string | null };
    expect(j.syntax).toBe('both');
    expect(j.values.memory).toBe(1024);
    expect(j.findings.some((f) => f.severity === 'error' && f.line === 4)).toBe(true);
    expect(j.corrected).not.toContain('memory = 1024');
    expect(j.diff).toContain('-memory = 1024');
  });

  it('exits 0 on a clean config read from stdin', () => {
    const r = runCli(['check', '-', '--json'], 'name = "hurd"\nkernel = "/boot/gnumach-xen-pae"\nramdisk = "/boot/hurd-modules"\nmemory = 256\ndisk = [\'phy:sda4,hda,w\']\nextra = "root=device:hd0"\nvif = [ \'\' ]\n');
    expect(r.code).toBe(0);
  });

  it('exits 2 with file:line:column when the file cannot be parsed, and when it cannot be read', () => {
    const p = file('broken.cfg', 'name = "hurd"\nmemory = 256\ndisk = [ "phy:sda4,hda,w" ]]\n');
    const r = runCli(['check', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: `));
    const missing = runCli(['check', join(tmp, 'nope.cfg')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.runIf(hasShared)('returns the manifest values and syntax for every example config both tools accept', () => {
    // xm-only files whose values need evaluation (xm_vars, `%`) are the parser tests' business.
    for (const c of evalConfigs().filter((x) => x.parses && x.syntax === 'either' && x.values)) {
      const r = runCli(['check', '-', '--json'], c.text);
      const j = JSON.parse(r.stdout) as { syntax: string; values: Record<string, unknown> };
      expect.soft(j.syntax, c.file).toBe(c.syntax === 'either' ? 'both' : c.syntax);
      for (const [k, v] of Object.entries(c.values)) expect.soft(j.values[k], `${c.file} ${k}`).toEqual(v);
    }
  });
});

describe.runIf(built)('check --var', () => {
  it('evaluates nothing but gives xm_vars configs the values xm create FILE n=2 would see', () => {
    const p = file('vars.cfg', "xm_vars.var('n', use='guest number')\nxm_vars.check()\nname = 'hurd%d' % n\nmemory = 128 * n\n");
    const r = runCli(['check', p, '--json', '--var', 'n=2']);
    const j = JSON.parse(r.stdout) as { syntax: string; values: Record<string, unknown> };
    expect(j.syntax).toBe('xm');
    expect(j.values.name).toBe('hurd2');
    expect(j.values.memory).toBe(256);
    const bad = runCli(['check', p, '--var', 'n']);
    expect(bad.code).toBe(2);
  });
});

describe.runIf(built)('the rest of the CLI', () => {
  it('diagnoses a log', () => {
    const p = file('vif.log', 'root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\nError: Device 0 (vif) could not be connected. Hotplug scripts not working.\n');
    const r = runCli(['diagnose', p, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });

  it('prints a template that its own check accepts', () => {
    const t = runCli(['template', '--dialect', 'xm', '--name', 'hurd2', '--memory', '256']);
    expect(t.code).toBe(0);
    const c = runCli(['check', '-', '--json'], t.stdout);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).values.name).toBe('hurd2');
  });

  it('refuses a hostile template value with a one-line usage error', () => {
    const t = runCli(['template', '--name', 'x"\nimport os']);
    expect(t.code).toBe(2);
    expect(t.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('asks, lists rules, explains one', () => {
    const a = runCli(['ask', 'what', 'inode', 'size', 'does', 'the', 'hurd', 'ext2', 'need', '--json']);
    expect(JSON.parse(a.stdout).text).toContain('128');
    const rules = runCli(['rules']);
    const id = /HX\d{3}/.exec(rules.stdout)![0];
    expect(runCli(['explain', id]).stdout).toContain('source: http');
    expect(runCli(['explain', 'HX999']).code).toBe(2);
  });

  it('has --help everywhere and exits 2 with one line on usage errors', () => {
    for (const args of [['--help'], ['check', '--help'], ['reply', '--help'], ['template', '--help']]) expect(runCli(args).code).toBe(0);
    const bad = runCli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(runCli(['check']).code).toBe(2);
  });

  it('never loads discord.js or irc-framework', () => {
    const r = runCli(['reply', '--jsonl'], '{"text":"hi"}\n', ['--import', join(import.meta.dirname, '../support/report-loaded.mjs')]);
    const loaded = /LOADED (.*)/.exec(r.stderr)?.[1] ?? '';
    expect(loaded).not.toBe('');
    expect(loaded).not.toMatch(/discord\.js|irc-framework/);
  });
});
