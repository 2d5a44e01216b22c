/**
 * Pasted logs: the rules' diagnosis; for an error no rule knows, the documented fact that quotes it or the closest
 * topics, and the one output that decides; for a known error pasted without addressing the bot, a one-line pointer.
 */
import { CHAT_CHECK_CHARS, checkConfig } from '../../../rules/check.js';
import { diagnoseLog, getRule, lintConfig } from '../../../rules/engine.js';
import type { PasteAnalysis } from '../../../rules/logs/analysis.js';
import { unrecognisedErrorLines } from '../../../rules/logs/parse.js';
import type { BrainContext } from '../context.js';
import type { Finding } from '../../../rules/types.js';
import type { Ask, Kind, Message, Reply } from '../reply.js';
import { askLine, symptomOf } from '../symptoms.js';
import { findingsReply } from './findings.js';
import { knowledgeReply } from './question.js';

/**
 * The person's own sentences in a paste, as one line: lines that are plain text to the log parser (no command, no
 * known message) with six words or more, mostly words. Linear in the paste.
 */
function proseOf(paste: PasteAnalysis): string {
  const plain = new Set(paste.events.filter((e) => e.type === 'text' && e.data.kind === 'text').map((e) => e.line));
  const sentences: string[] = [];
  for (const { line, text } of paste.lines) {
    if (!plain.has(line)) continue;
    const words = text.trim().split(/\s+/);
    if (words.length >= 6 && words.filter((w) => /^[a-z'’,.:;!?()-]+$/i.test(w)).length >= words.length * 0.6) sentences.push(text.trim());
  }
  if (sentences.length === 0) return '';
  // with the commands the paste ran: "it sits there" is about the ./native-install above it
  const ran = paste.events.filter((e) => e.type === 'command').map((e) => (e.data.command ?? '').replace(/\s+/g, ' ').slice(0, 80));
  return [...sentences, ...ran].join(' ').slice(0, 600);
}

/** A paste that asks something: a question mark, or a question word ("whats the xl equivalent"). Literals: linear. */
const ASKS = /\?|\b(?:how|why|what|whats|which|where|when|who)\b/i;
/**
 * A sentence of the person's own that asks without a question mark: "can i just apt-get the debian package for it",
 * "so the pae one it is. should i ...". Only the person's sentences are tested (tool output says "is" too). Linear.
 */
const ASKING_SENTENCE = /(?:^|[.!;:]\s{1,4})(?:so |ok |and |then )?(?:can|could|should|shall|do|does|did|is|are|will|would|must|any)\s+(?:i|we|you|it|that|this|there|the|my|one|anyone|ideas?)\b/i;

export function logReply(ctx: BrainContext, paste: PasteAnalysis, kind: Kind): Reply {
  const kb = ctx.kb();
  const shown = paste.embeddedConfig();
  const diagnosis = diagnoseLog(paste, shown);
  // The log says nothing the rules know, but the config lines the paste shows (a cat or grep of the file) hold a
  // value the Hurd cannot boot with (root = "/dev/hda1"): that is the diagnosis. Only errors tied to a line: the
  // lines shown may be a part of the file, so what they lack says nothing.
  if (shown && !diagnosis.findings.some((f) => f.severity !== 'info')) {
    const inConfig = lintConfig(shown).filter((f) => f.severity === 'error' && f.line !== undefined);
    // (their line numbers count the config lines alone, not the paste's: the message names the value instead)
    diagnosis.findings.push(...inConfig.map(({ line: _line, column: _column, fix: _fix, ...f }) => f));
  }
  const serious = diagnosis.findings.filter((f) => f.severity !== 'info');
  if (serious.length > 0) {
    return askWhatDecides(findingsReply(kind, `Diagnosis (${serious.length} problem${serious.length > 1 ? 's' : ''}):`, diagnosis.findings, ctx.maxFindings), serious, paste.text);
  }
  const unknown = unrecognisedErrorLines(diagnosis.events);
  if (unknown.length > 0) {
    // No rule knows the message, but the knowledge base may document it (a fact quoting it): say that, and ask
    // for the one output that decides.
    const documented = kb.answer(unknown.join('\n'));
    // only when the answer quotes the message itself (five words in a row): a loosely related topic is no diagnosis
    if (documented.answered && quotesMessage(documented.lines.join(' '), unknown)) {
      const r = knowledgeReply(documented, kind);
      r.asks = nextStep(unknown.join('\n'));
      r.blocks.push({ type: 'text', text: askLine(r.asks) });
      r.findings = diagnosis.findings;
      return r;
    }
    const hits = kb.search(unknown.join(' '), 3).filter((h) => h.score < 0.6);
    const closest = hits.length > 0 ? ` Closest topics: ${hits.map((h) => h.entry.title).join('; ')}.` : '';
    const asks = nextStep(unknown.join('\n'));
    return {
      kind,
      answered: false,
      asks,
      blocks: [{ type: 'text', text: `I don't recognise this error: "${unknown[0]!.slice(0, 160)}".${closest} ${askLine(asks)}` }],
      more: [],
      findings: diagnosis.findings,
      sources: hits.flatMap((h) => h.entry.sources.map((s) => s.url)).slice(0, 2),
    };
  }
  // No error line at all, but a pasted conversation or a log that asks something the knowledge base answers
  // (an IRC excerpt about a menu.lst line): answer it, still as a log.
  // (from here on every finding is an info: a serious one was answered above)
  if (ASKS.test(paste.text) || ASKING_SENTENCE.test(proseOf(paste))) {
    const answer = kb.answer(paste.text);
    if (answer.answered) {
      const r = knowledgeReply(answer, kind);
      r.findings = diagnosis.findings;
      return r;
    }
  }
  // No error line, but the person's own words around the output tell a known trouble ("native-install has been
  // sitting on the last line for an hour"): what the paste itself settles, else the best guess and the one output
  // that decides.
  const told = proseOf(paste);
  const symptom = told !== '' ? symptomOf(told) : undefined;
  if (symptom) {
    const settled = symptom.conclude?.(paste.text);
    return {
      kind,
      answered: true,
      blocks: settled ? [{ type: 'text', text: settled }] : [{ type: 'text', text: symptom.guess }, { type: 'text', text: askLine(symptom.ask) }],
      more: [],
      findings: diagnosis.findings,
      sources: [symptom.source],
      ...(settled ? {} : { asks: { ...symptom.ask, symptom: symptom.id } }),
    };
  }
  const r = findingsReply(kind, 'I see no error in this paste.', diagnosis.findings, ctx.maxFindings);
  if (diagnosis.findings.length === 0) r.blocks.pop();
  return r;
}

/**
 * A finding that leaves its cause open asks for the one output that decides (its rule's decidedBy), unless the
 * paste already shows it: one question, with its reason, added to the reply.
 */
export function askWhatDecides(reply: Reply, serious: readonly Finding[], pasted: string): Reply {
  const open = serious.map((f) => getRule(f.rule)?.meta.decidedBy).find((d) => d !== undefined && !d.shownBy.test(pasted));
  if (open) {
    reply.asks = { what: open.what, why: open.why };
    reply.blocks.push({ type: 'text', text: askLine(reply.asks) });
  }
  return reply;
}

/** Whether `answer` repeats five consecutive words of one of the `messages` ("could not be connected" is not enough). */
function quotesMessage(answer: string, messages: string[]): boolean {
  const hay = ` ${answer.toLowerCase().replace(/[^a-z0-9_-]+/g, ' ')} `;
  return messages.some((m) => {
    const words = m.toLowerCase().replace(/[^a-z0-9_-]+/g, ' ').trim().split(' ').slice(0, 60);
    for (let i = 0; i + 5 <= words.length; i++) if (hay.includes(` ${words.slice(i, i + 5).join(' ')} `)) return true;
    return false;
  });
}

/**
 * The one thing that decides an unknown error, by who printed it: xl's verbose log for libxl, xend's log for xm,
 * the config for what GNU Mach or the Hurd print at boot, the hypervisor's capabilities for a loader error.
 */
function nextStep(lines: string): Ask {
  if (/\bxc_dom|\bxc: |guest type|elf/i.test(lines)) return { what: 'the output of `xl info | grep xen_caps` (or `xm info`) and the kernel line of your config', why: 'the guest types the hypervisor runs decide which GNU Mach image fits' };
  if (/\blibxl|\bxl\b|libxlu/i.test(lines)) return { what: 'the output of `xl -vvv create -c /etc/xen/hurd` (its last lines decide) and your config', why: 'the verbose log names the step that failed' };
  if (/\bxend|\bxm\b|Error: \(/.test(lines)) return { what: 'the last lines of /var/log/xen/xend.log (or `xm dmesg`) from right after the failure', why: 'xend logs the reason xm only summarises' };
  if (/ext2fs|gnumach|mach|hurd|exec|startup|panic/i.test(lines)) return { what: 'your /etc/xen/hurd', why: 'the kernel, ramdisk, disk and extra lines decide what GNU Mach boots' };
  return { what: 'your /etc/xen/hurd and the full output of the command that failed', why: 'together they show where it stops' };
}

/** Nobody asked: speak only for a known error, with a one-line pointer (the findings wait behind `more`). */
export function unaddressedReply(ctx: BrainContext, kind: Kind, paste: PasteAnalysis, msg: Message): Reply | null {
  if (kind !== 'log' && kind !== 'config') return null;
  const findings = kind === 'log' ? diagnoseLog(paste, paste.embeddedConfig()).findings : checkConfig(paste.text, { maxChars: CHAT_CHECK_CHARS }).findings;
  const top = findings.find((f) => f.severity === 'error');
  if (!top) return null;
  return {
    kind,
    answered: true,
    unsolicited: true,
    blocks: [{ type: 'text', text: `${msg.author}: that looks like ${top.rule} ${top.name}: ${top.message} (say "${ctx.prefix}more" for details)` }],
    more: [{ type: 'findings', findings }],
    findings: [top],
    sources: [top.source.url],
  };
}
