/**
 * Test helper: asks the real python3 what it makes of config text. compile() only checks syntax;
 * exec is used solely on the test corpus files named by the tests (never on user input), inside
 * `python3 -I` with a timeout. Globals of type str/int/float/list come back as JSON PlainValues.
 */
import { spawnSync } from 'node:child_process';
import type { PlainValue } from '../../../rules/config/index.js';

export interface PythonVerdict {
  ok: boolean;
  line?: number;
  column?: number;
  message?: string;
  values?: Record<string, PlainValue>;
  runtimeError?: string;
}

const SCRIPT = String.raw`
import json, sys, warnings
warnings.simplefilter('ignore')
def conv(v, top):
    t = type(v)
    if t is str: return v
    if t is bool: raise ValueError
    if t is int: return v if -(2**53) < v < 2**53 else {"number": str(v)}
    if t is float:
        if v != v or v in (float('inf'), float('-inf')): raise ValueError
        return v
    if t is list or (t is tuple and not top): return [conv(x, False) for x in v]
    raise ValueError
jobs = json.load(sys.stdin)
out = []
for job in jobs:
    src = job["source"]
    try:
        code = compile(src, "config", "exec")
    except SyntaxError as e:
        out.append({"ok": False, "line": e.lineno, "column": e.offset, "message": e.msg})
        continue
    except ValueError as e:
        out.append({"ok": False, "line": 1, "column": 1, "message": str(e)})
        continue
    if not job["exec"]:
        out.append({"ok": True})
        continue
    g = {}
    try:
        exec(code, g)
    except Exception as e:
        out.append({"ok": True, "runtimeError": type(e).__name__ + ": " + str(e)})
        continue
    vals = {}
    for k, v in g.items():
        if k.startswith("__") or type(v) not in (str, int, float, list): continue
        try: vals[k] = conv(v, True)
        except ValueError: pass
    out.append({"ok": True, "values": vals})
json.dump(out, sys.stdout)
`;

/** Runs compile() (and exec when asked) on each source in one python3 process. */
export function askPython(jobs: { source: string; exec: boolean }[], timeoutMs = 20000): PythonVerdict[] {
  const r = spawnSync('python3', ['-I', '-c', SCRIPT], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as PythonVerdict[];
}
