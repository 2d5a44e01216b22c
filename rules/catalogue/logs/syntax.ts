/** HX6xx: config files that xm (Python) or xl (libxlu) could not parse, explained by the line they name. */
import { CONFIG_PATH, DASHES, SYNTAX_EXCEPTION, IDENTIFIER_TOKEN, LEADING_PATHISH, LEADING_UPPERCASE, TRAILING_COLON } from '../../patterns/logs.js';
import { firstWithKind, hasKind } from '../../logs/query.js';
import { configOrigin, setting } from '../../logs/settings.js';
import type { LogEvent } from '../../logs/types.js';
import type { LogContext } from '../../types.js';
import { defineRule, once } from '../define.js';
import { XEN_TREE, XEN_XM_TREE } from '../sources.js';

/** The text of line `n` of the pasted config, when a config came along. */
function configLineText(ctx: LogContext, n: number): string | undefined {
  const source = ctx.config?.source;
  if (!source) return undefined;
  return source.split('\n')[n - 1]?.replace('\r', '');
}

/** A module of xm/xend's own Python package (…/xen/xm/create.py, …/xen/xend/image.py), as a traceback frame names it. */
function isXenPythonModule(file: string): boolean {
  return file.endsWith('.py') && ['/xen/xm/', '/xen/xend/', '/xen/util/', '/xen/lowlevel/'].some((dir) => file.includes(dir));
}

function pythonFrameInConfig(ctx: LogContext): { frame: LogEvent; exception?: LogEvent } | undefined {
  const configFile = firstWithKind(ctx.events, 'using-config')?.data.file;
  const frames = ctx.events.filter((e) => hasKind(e, 'traceback-frame'));
  const named = [...frames].reverse().find((f) => f.data.file === configFile || CONFIG_PATH.test(f.data.file ?? ''));
  // xm itself is valid Python: a SyntaxError at the end of an xm traceback is the config's, even when
  // the frame names it "<string>" or some other way the config path was handed to exec.
  const last = frames[frames.length - 1];
  const lastException = last ? ctx.events.find((e) => e.line > last.line && hasKind(e, 'python-exception')) : undefined;
  const inXmItself = isXenPythonModule(last?.data.file ?? '');
  const syntaxInConfig = configFile !== undefined && !inXmItself && SYNTAX_EXCEPTION.test(lastException?.data.exception ?? '');
  const frame = named ?? (syntaxInConfig ? last : undefined);
  if (!frame) return undefined;
  const exception = ctx.events.find((e) => e.line > frame.line && hasKind(e, 'python-exception'));
  return { frame, exception };
}

export const xmConfigSyntax = defineRule({
  meta: {
    id: 'HX625',
    name: 'xm-config-syntax',
    title: 'xm could not parse the config file (Python syntax error)',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xm runs the config as Python and hit a syntax error; the mistake is on the line it names or just before it (an unclosed [ ( or quote).',
    explanation:
      'An xm config is a Python script. When Python cannot parse it, xm prints "Errors were found at line N while processing <file>" and the text of that line. Python names the line where it gave up: an unclosed bracket or quote on an earlier line (disk = [\'phy:sda4,hda,w\' without its closing ]) is reported on the next statement.',
    docs: { url: `${XEN_XM_TREE}/tools/python/xen/xm/opts.py`, section: 'xen-config-keys.md "File syntax"' },
    knowledge: 'error-config-syntax',
    messages: {
      syntaxError: 'xm could not parse {{file}}: Python reports a syntax error at line {{line}}.{{details}}',
      syntaxErrorShown: 'xm could not parse {{file}}: Python reports a syntax error at line {{line}} (`{{shown}}`).{{details}}',
    },
  },
  check(ctx) {
    const atLine = firstWithKind(ctx.events, 'xm-errors-at-line');
    const traceback = atLine ? undefined : pythonFrameInConfig(ctx);
    if (!atLine && !traceback) return [];
    const event = atLine ?? traceback?.frame;
    if (!event) return [];
    const lineNo = Number(event.data.line ?? NaN);
    const configFile = firstWithKind(ctx.events, 'using-config')?.data.file;
    const named = event.data.file?.replace(TRAILING_COLON, '');
    const file = (named && !named.startsWith('<') ? named : configFile) ?? 'the config';
    // Both xm's "Errors were found" and a traceback frame print the offending source line right below.
    const below = ctx.events.find((e) => e.line === event.line + 1 && e.type !== 'command' && !hasKind(e, 'traceback-frame') && !hasKind(e, 'python-exception'));
    const shown = below?.text.trim() || undefined;
    const origin = configOrigin(ctx);
    // Only a separate config file has line numbers of its own; a config parsed out of the paste does not.
    const ownError = origin === 'separate' ? ctx.config?.xm.error : undefined;
    // what Python said, then where the mistake is: the config's own line when it came along, else the line before
    let details = traceback?.exception ? ` Python said: ${traceback.exception.text.trim()}.` : '';
    if (ownError) {
      const text = configLineText(ctx, ownError.line);
      details += ` In the config you gave, line ${ownError.line}${text ? ` (\`${text.trim()}\`)` : ''}: ${ownError.message}.`;
    } else if (Number.isFinite(lineNo) && lineNo > 1) {
      details += ` Python names the line where it gave up, so the mistake is often on the line before (line ${lineNo - 1}): an unclosed bracket ] or ), or an unclosed quote.`;
    }
    return once({
      line: event.line,
      messageId: shown ? 'syntaxErrorShown' : 'syntaxError',
      data: { file, line: Number.isFinite(lineNo) ? lineNo : '?', shown, details },
      advice: `Look at line ${Number.isFinite(lineNo) ? lineNo : 'N'} and the line before it: every string in matching quotes, every list closed with ] (e.g. disk = ['phy:sda4,hda,w']), one setting per line. Check the result with \`xm create -n ${file}\`, which only prints the parsed config.`,
    });
  },
});

interface NearAnalysis {
  problem: string;
  fix: string;
}

/** A lone unit letter (K, M, G, T), left over when libxlu's number token stops before it. */
const SIZE_SUFFIX = /^[KMGT]$/;
/** Single characters that only a Python expression puts outside a string. */
const PYTHON_OPERATOR = new Set(['%', '+', '*', '(', ')']);

function analyseNear(near: string, what: string, pythonWarning: boolean): NearAnalysis {
  const token = near.trim();
  // (`^M` is how `cat -v` shows the carriage return)
  if (near.includes('\r') || token === '^M' || token === '\\r' || (token === '' && (what.includes('lexical') || what === ''))) {
    return { problem: 'the file has Windows (CRLF) line ends, which libxlu cannot read', fix: 'convert it with `dos2unix /etc/xen/hurd` (or `sed -i "s/\\r$//" /etc/xen/hurd`)' };
  }
  if (token.startsWith('#')) {
    return { problem: 'the file ends in a # comment without a final newline, which libxlu cannot read', fix: 'add a newline at the end of the file' };
  }
  if (token.startsWith('-') && what.includes('lexical')) {
    const underscored = token.replace(DASHES, '_');
    return {
      problem: `an option name contains '-' (…${token}): xl option names may only contain lower-case letters, digits, '_' and '.'`,
      fix: `write the option name with '_' as xl.cfg(5) spells it (…${token} -> …${underscored}), or remove the line if your Xen does not know that option`,
    };
  }
  if (LEADING_PATHISH.test(token)) {
    return { problem: `the value \`${token}\` is not in quotes: xl only accepts strings in quotes`, fix: `quote it, e.g. kernel = "${token}"` };
  }
  // (libxlu's numbers are digits, hex digits and x: the unit of "memory = 512M" is left over as a one-letter token;
  // an upper-case key such as Memory stops at its first letter the same way, so both readings are named)
  if (SIZE_SUFFIX.test(token) && what.includes('lexical')) {
    return {
      problem: `\`${token}\` is most likely a unit after a number (memory = 512${token}): xl takes sizes as plain numbers without a suffix, in MB for memory; or, at the start of a key, an upper-case letter (xl option names are lower case)`,
      fix: `write the number without its unit (memory = 512 means 512 MB), or the key in lower case`,
    };
  }
  if (LEADING_UPPERCASE.test(token) && what.includes('lexical')) {
    return { problem: `\`${token}\` starts with an upper-case letter: xl option names are lower case`, fix: `write it in lower case (${token.toLowerCase()})` };
  }
  if (token.startsWith('"') || token.startsWith("'")) {
    return { problem: 'a string is not closed on its line (or is closed with the other quote character)', fix: 'close the string with the same quote it opens with, on the same line' };
  }
  // "expecting += or '='": the line's first word was taken for a key and no = followed: a statement, not a setting
  if (IDENTIFIER_TOKEN.test(token) && what.includes("expecting += or '='")) {
    return {
      problem: `the line is a statement, not key = value (\`${token}\` follows its first word where xl wants =)${pythonWarning ? ': Python code such as import os, which xl does not run' : ''}`,
      fix: 'remove Python statements (import, if/else, function calls such as os.path...) and write plain literal values instead, e.g. the full path as a string',
    };
  }
  if (IDENTIFIER_TOKEN.test(token) && what.includes('syntax')) {
    return { problem: `\`${token}\` is a bare word where xl expects a value in quotes, a number or a [ list ]`, fix: `put the value in quotes, e.g. name = "${token}"` };
  }
  if (token === ']' || token === '[' || what.includes("']'") || what.includes('end of file')) {
    return { problem: 'a [ list ] is not balanced (a missing or extra bracket, or a missing comma between items)', fix: "make each list one [ ... ] with items separated by commas, e.g. disk = [ 'phy:sda4,hda,w' ]" };
  }
  // An operator of Python expressions (`name = "hurd%d" % vmid`, "a" + "b", os.path.join(...)): xm ran the file as
  // Python, xl reads literals only. (libxlu prints its Python warning for + - . ( ) : but not for %.)
  if (token === '+') {
    return {
      problem: '`+` is Python\'s concatenation, of two lists or two strings, from an xm config (xm ran the file as Python), which xl does not evaluate',
      fix: "write the result as one literal: one list with all its entries (disk = [ 'phy:sda4,hda,w', 'phy:sda5,hdb,w' ]) or one string",
    };
  }
  if (PYTHON_OPERATOR.has(token)) {
    return {
      problem: `\`${token}\` is a Python operator: the line is a Python expression from an xm config (xm ran the file as Python), which xl does not evaluate`,
      fix: 'write the value the expression gave as a plain literal, e.g. name = "hurd1" instead of "hurd%d" % vmid',
    };
  }
  if (pythonWarning) {
    return { problem: 'the file uses Python syntax, which xl does not run', fix: 'write plain key = value lines: no import, if/else, + between strings or ( ) tuples' };
  }
  return { problem: `xl's parser stopped at \`${token}\` (${what})`, fix: 'write the line as key = "string", key = number or key = [ "item", ... ]' };
}

export const xlConfigSyntax = defineRule({
  meta: {
    id: 'HX626',
    name: 'xl-config-syntax',
    title: 'xl could not parse the config file',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xl\'s config parser (libxlu) rejected a line: strings must be quoted, option names are lower case with _ not -, no Python.',
    explanation:
      'xl reads configs with libxlu, a small grammar: key = "string" | number | [ list ], keys made of lower-case letters, digits, _ and . only. It reports "<file>:<line>: config parsing error near `<token>\': lexical error" (a character it cannot read: unquoted path, - in a name, CRLF line ends) or "syntax error" (a token in the wrong place). When it saw characters like + - . ( ) outside strings it also prints "Config file looks like it contains Python code"; arbitrary Python is no longer supported.',
    docs: { url: `${XEN_TREE}/tools/libs/util/libxlu_cfg_l.l`, section: 'xen-config-keys.md "File syntax"; hurd-xen-facts.md #180, #181' },
    knowledge: 'error-config-syntax',
    messages: {
      pythonCode: 'xl could not parse the config and thinks it contains Python code: xl does not run Python, unlike xm.',
      parseFailed: 'xl could not parse the config file.',
      parseError: 'xl could not parse {{file}}, line {{line}} (near `{{near}}`, {{what}}): {{problem}}.{{configLine}}{{pythonNote}}',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'xl-parse-error');
    const pythonWarning = firstWithKind(ctx.events, 'xl-python-warning');
    const failed = firstWithKind(ctx.events, 'xl-parse-failed');
    if (!event && !pythonWarning && !failed) return [];
    if (!event) {
      return once({
        line: (pythonWarning ?? failed)?.line,
        messageId: pythonWarning ? 'pythonCode' : 'parseFailed',
        advice: 'Rewrite the file as plain key = value lines (strings in quotes, lists in [ ]); `xl -N create /etc/xen/hurd` checks it without starting anything.',
      });
    }
    const lineNo = event.data.line ?? '?';
    const near = event.data.near ?? '';
    const what = event.data.what ?? '';
    const analysis = analyseNear(near, what, pythonWarning !== undefined);
    const origin = configOrigin(ctx);
    const text = origin === 'separate' ? configLineText(ctx, Number(lineNo)) : undefined;
    const keyNote = text ? ` Line ${lineNo} of your config is \`${text.trim()}\`.` : '';
    const pythonNote = pythonWarning ? ' The "looks like Python code" warning is only xl\'s guess from those characters; the real error is the one above.' : '';
    return once({
      line: event.line,
      messageId: 'parseError',
      data: { file: event.data.file ?? 'the config', line: lineNo, near: near.trim(), what, problem: analysis.problem, configLine: keyNote, pythonNote },
      advice: `Fix line ${lineNo}: ${analysis.fix}. Then check with \`xl -N create ${event.data.file ?? '/etc/xen/hurd'}\` (a dry run).`,
    });
  },
});

export const xmInvalidDiskSpec = defineRule({
  meta: {
    id: 'HX627',
    name: 'xm-invalid-disk-spec',
    title: 'xm rejected a disk entry',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xm wants each disk entry as \'device,vdev,mode\' (3 to 5 comma fields) inside a list: disk = [\'phy:sda4,hda,w\'].',
    explanation: 'xm splits each disk string at commas and accepts 3 to 5 fields: backend device, guest vdev, mode (r, w, w!), then optionally the backend domain and protocol. A disk given as a plain string instead of a list is iterated character by character, so each character becomes an "Invalid disk specifier".',
    docs: { url: `${XEN_XM_TREE}/tools/python/xen/xm/create.py`, section: 'hurd-xen-facts.md #188; xen-config-keys.md "Disk specification"' },
    knowledge: 'disk',
    messages: {
      notList: 'xm rejected the disk setting: disk is a plain string, not a list, so xm took it apart character by character.',
      badEntry: 'xm rejected the disk entry `{{spec}}`: it needs 3 to 5 comma-separated fields (device, vdev, mode).',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'invalid-disk-spec');
    if (!event) return [];
    const spec = (event.data.spec ?? '').trim();
    const disk = setting(ctx, 'disk');
    const notList = spec.length <= 1 || (disk !== undefined && typeof disk.value === 'string');
    return once({
      line: event.line,
      ...(notList ? { messageId: 'notList' as const } : { messageId: 'badEntry' as const, data: { spec } }),
      advice: notList
        ? "Put the disk entry in a list: disk = ['phy:sda4,hda,w']."
        : "Write it as 'phy:<dom0 device>,<vdev>,<mode>', e.g. 'phy:sda4,hda,w' (mode w for the Hurd's root disk).",
    });
  },
});

export const syntaxLogRules = [xmConfigSyntax, xlConfigSyntax, xmInvalidDiskSpec];
