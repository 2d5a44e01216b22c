/**
 * Pasted configs: the check (with the log of the tool that rejected it, when the paste has one), the corrected file
 * and its diff, and xm -> xl conversion.
 */
import { CHAT_CHECK_CHARS, checkConfig, type CheckResult } from '../../../rules/check.js';
import { parseConfig } from '../../../rules/config/index.js';
import { convertXmToXl } from '../../../rules/convert.js';
import { diagnoseLog } from '../../../rules/engine.js';
import { analysePaste, type PasteAnalysis } from '../../../rules/logs/analysis.js';
import { shapeOf } from '../classify.js';
import type { BrainContext } from '../context.js';
import type { Block, Kind, Reply } from '../reply.js';
import { findingsReply, textReply } from './findings.js';

/** xl.cfg(5), where every key of the converted file is documented. */
const XL_CFG_MAN = 'https://xenbits.xen.org/docs/unstable/man/xl.cfg.5.html';

/**
 * xm or xl, when the lines of a paste that are not config lines name only one of them as a command ("xl create",
 * "$ xm create -c hurd", "xl says ..."); undefined when they name both or neither.
 */
export function toolInPaste(text: string): 'xm' | 'xl' | undefined {
  let xm = false;
  let xl = false;
  for (const line of text.split('\n', 400)) {
    if (/^\s*[a-z_][\w.]{0,63}\s*\+?=/i.test(line) || /^\s*#/.test(line)) continue;
    const head = line.slice(0, 300);
    if (/\bxm\s+(?:create|new|start|-)/i.test(head) || /\bxm\s+(?:says|said|refuses|complains|gives)\b/i.test(head)) xm = true;
    if (/\bxl\s+(?:create|-)/i.test(head) || /\bxl\s+(?:says|said|refuses|complains|gives)\b/i.test(head)) xl = true;
    // "xen 4.17", "Xen 3.2": xm/xend went away in Xen 4.5
    const version = /\bxen[ -]?(\d)\.(\d{1,2})\b/i.exec(head);
    if (version) {
      const [major, minor] = [Number(version[1]), Number(version[2])];
      if (major >= 5 || (major === 4 && minor >= 5)) xl = true;
      else if (major === 3) xm = true;
    }
  }
  return xm === xl ? undefined : xm ? 'xm' : 'xl';
}

export function configReply(ctx: BrainContext, text: string, kind: Kind, wantFix: boolean, analysis?: PasteAnalysis): Reply {
  const s = shapeOf(text);
  const terminal = s.logLines > 0 || s.hasPrompt;
  // In a terminal paste (`xl create` failing, then `cat /etc/xen/hurd`), the file is what `cat` printed: the
  // prompts and the tool's output around it are no config lines (and no syntax errors). Line numbers stay the paste's.
  // (the message's own analysis when the caller has it: a paste is split and parsed once)
  const shown = terminal ? (analysis ?? analysePaste(text)).configShown() : undefined;
  // The tool the user runs, when the paste says so outside the config (a prompt, "xl create says ..."): its verdict
  // decides (xl refuses w! and Python that xm would run).
  const tool = toolInPaste(text);
  const checked: CheckResult = checkConfig(shown?.text ?? text, { maxChars: CHAT_CHECK_CHARS, ...(tool ? { dialect: tool } : {}) });
  const result: CheckResult = shown ? { ...checked, findings: checked.findings.map((f) => (f.line !== undefined ? { ...f, line: f.line + shown.firstLine - 1 } : f)) } : checked;
  let findings = result.findings;
  // A config pasted with the log of the tool that rejected it: one diagnosis of both.
  if (terminal) {
    const parsed = parseConfig(shown?.text ?? text);
    const log = diagnoseLog(text, parsed);
    const seen = new Set(findings.map((f) => `${f.rule}:${f.line ?? ''}`));
    findings = [...log.findings.filter((f) => !seen.has(`${f.rule}:${f.line ?? ''}`)), ...findings];
  }
  const syntax = result.syntax ? `${result.syntax === 'both' ? 'xm and xl' : result.syntax} syntax` : 'not valid xm or xl syntax';
  const serious = findings.filter((f) => f.severity !== 'info');
  const fixBlocks: Block[] = [];
  if (result.diff) fixBlocks.push({ type: 'diff', text: result.diff });
  if (result.corrected) fixBlocks.push({ type: 'text', text: 'Corrected file:' }, { type: 'code', text: result.corrected, lang: 'ini', filename: 'hurd.cfg' });
  for (const r of result.refused) fixBlocks.push({ type: 'text', text: `Not fixed automatically (${r.rule} ${r.name}): ${r.why}; fix that line by hand.` });
  for (const s of result.skipped) fixBlocks.push({ type: 'text', text: `Skipped: ${s}.` });
  if (result.truncated) fixBlocks.unshift({ type: 'text', text: `I checked only the first ${Math.round(result.checkedChars / 1024)} KiB of ${Math.round(result.totalChars / 1024)} KiB, so no corrected file.` });
  if (wantFix) {
    if (!result.corrected) {
      const why = result.truncated
        ? 'the paste was cut, so I offer no corrected file'
        : result.refused.length > 0
          ? `no safe automatic fix (${result.refused[0]!.why})`
          : serious.length === 0
            ? 'nothing to fix: I found no problem'
            : 'I have no automatic fix for these';
      return findingsReply(kind, `Config (${syntax}): ${why}.`, findings, ctx.maxFindings);
    }
    const reply = findingsReply(kind, `Corrected config (${syntax}), ${serious.length} problem(s) fixed; diff below.`, findings, ctx.maxFindings, []);
    reply.blocks.push(...fixBlocks);
    return reply;
  }
  if (serious.length === 0) {
    // Notes of severity info stay in the findings (and in "more"), not in a busy channel.
    const r = findingsReply(kind, `Your config looks fine to me (${syntax}).`, [], ctx.maxFindings);
    r.blocks.pop();
    r.findings = findings;
    if (findings.length > 0) r.more = [{ type: 'findings', findings }];
    return r;
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const intro = `Config (${syntax}): ${errors} error(s), ${serious.length - errors} warning(s).${result.corrected ? ` Say "${ctx.prefix}fix" with the config, or "more", for a corrected file.` : ''}`;
  return findingsReply(kind, intro, findings, ctx.maxFindings, fixBlocks);
}

/** xm -> xl: one line that says what happened, the notes, then the diff and the file (long ones go privately). */
export function convertReply(paste: string, kind: Kind): Reply {
  const r = convertXmToXl(paste);
  if (r.refused || r.converted === null) {
    const why = r.refused ? `line ${r.refused.line}: ${r.refused.reason}` : 'no result';
    return textReply(kind, `I cannot convert this to xl: ${why}. Rewrite that part as plain key = value lines and ask again.`);
  }
  if (r.diff === null) return textReply(kind, r.notes[0]?.message ?? 'Nothing to change.');
  const noteLines = r.notes.map((n) => `${n.line !== undefined ? `line ${n.line}: ` : ''}${n.message}`);
  return {
    kind,
    answered: true,
    blocks: [
      { type: 'text', text: `Converted to xl (${r.notes.length} change${r.notes.length === 1 ? '' : 's'}); check it with xl -N create /etc/xen/hurd.` },
      { type: 'list', items: noteLines },
      { type: 'diff', text: r.diff },
      { type: 'text', text: 'xl config:' },
      { type: 'code', text: r.converted, lang: 'ini', filename: 'hurd.cfg' },
    ],
    more: [],
    findings: [],
    sources: [XL_CFG_MAN],
  };
}
