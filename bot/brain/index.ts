/**
 * The brain: one message in, one structured reply out. Transport-agnostic and synchronous;
 * it never throws and never imports a network library.
 */
import type { Answer, KnowledgeBase } from '../../knowledge/types.js';
import { loadKnowledge } from '../../knowledge/index.js';
import { looksNonEnglish } from '../../knowledge/language.js';
import { CHAT_CHECK_CHARS, checkConfig, type CheckResult } from '../../rules/check.js';
import { parseConfig } from '../../rules/config/index.js';
import type { ParsedConfig } from '../../rules/config/types.js';
import { allRules, capInput, diagnoseLog, getRule } from '../../rules/engine.js';
import { unrecognisedErrorLines } from '../../rules/logs/parse.js';
import { analysePaste, type PasteAnalysis } from '../../rules/logs/analysis.js';
import { convertXmToXl } from '../../rules/convert.js';
import type { Factoid, Store } from '../../store/index.js';
import { topicKey } from '../../store/topic.js';

/** xl.cfg(5), where every key of the converted file is documented. */
const XL_CFG_MAN = 'https://xenbits.xen.org/docs/unstable/man/xl.cfg.5.html';
import { parseTemplateArgs, renderTemplate } from '../../rules/template.js';
import type { Finding, Rule } from '../../rules/types.js';
import { classify, shapeOf } from './classify.js';
import { COMMANDS, findCommand, parseCommand, type ParsedCommand } from './commands.js';
import { packageVersion } from '../ops/paths.js';
import type { Block, Brain, Kind, Message, Reply } from './reply.js';

export interface BrainOptions {
  name?: string;
  prefix?: string;
  wikiDir?: string;
  /** A knowledge base already loaded (tests, or several brains sharing one). */
  knowledge?: KnowledgeBase;
  /** How many findings a reply shows before the rest goes to `more`. */
  maxFindings?: number;
  /**
   * The maintainer's store (store/): unanswered questions and pastes, feedback, channel-taught facts. Without it
   * the bot answers as before and the maintainer commands say the store is off.
   */
  store?: Store;
  /** How long an open case waits for the output the bot asked for (issue 16), default 15 minutes. */
  caseTtlMs?: number;
  /** The clock of the cases (tests). */
  now?: () => number;
}

/** Bytes of a message the brain looks at; the rest of a giant paste is cut, and the reply says so. */
export const MAX_MESSAGE_CHARS = 256 * 1024;
/** Literal alternations, word-bounded: linear. */
const THANKS = /\b(?:thanks|thank you|thx|ty|cheers|merci|danke|gracias)\b/;
const BYE = /\b(?:bye|good night|goodnight|see you|cya)\b/;
const CHANNEL_STATE_LIMIT = 2000;

interface ChannelState {
  topic?: string;
  more: Block[];
  /** What the last reply here came from (entry and rule ids) and said: what !wrong and !thanks are about. */
  last?: { refs: string[]; text: string };
}

/** Taught facts are shown with this tag, so nobody mistakes them for the documentation. */
const TAUGHT = 'taught in the channel';
const NOT_MAINTAINER = 'Only maintainers can do that (IRC: a services account listed in irc.admins; Discord: discord.admins; or the console).';
/** "nevermind", "forget it": the open case is dropped. Literal alternation, anchored: linear. */
const DROP_CASE = /^(?:\S{1,30}[:,]\s{0,3})?(?:never ?mind|nvm|forget it|drop it|solved|fixed it|got it working)\b/i;
/** What an open case keeps of the earlier paste (its end: the decisive lines). */
const MAX_CASE_EVIDENCE = 32 * 1024;
const MAINTAINER_COMMANDS = new Set(['wrong', 'thanks', 'whatis', 'learn', 'forget', 'alias', 'revert', 'history', 'unanswered', 'stats', 'reload', 'ignore', 'more', 'help', 'version']);
const NO_STORE = 'The maintainer store is off (no data directory could be opened), so I keep nothing.';

/** Common names people use for the bot besides its configured nick. */
const GENERIC_NAMES = ['bot', 'xenbot', 'xenhelp', 'hurdbot', 'hurd-xen-bot'];
/** Words that look like an address ("Error: ...") but start tool output. */
const NOT_A_NICK = new Set(['error', 'warning', 'libxl', 'xc', 'bash', 'sh', 'note', 'info', 'debug', 'fatal', 'panic', 'e', 'w', 'kernel', 'traceback', 'usage', 'xenconsole', 'xm', 'xl']);

function clean(text: string): string {
  // NUL and other C0 controls except tab/newline never belong in a chat message or a config.
  // eslint-disable-next-line no-control-regex
  // CRLF stays: it is what the user's file has, and xl rejects it (a finding of its own).
  return text.replace(/\r(?!\n)/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

export function createBrain(opts: BrainOptions = {}): Brain {
  const name = opts.name ?? 'hurd-xen-bot';
  const prefix = opts.prefix ?? '!';
  const maxFindings = opts.maxFindings ?? 3;
  let kb = opts.knowledge ?? loadKnowledge({ wikiDir: opts.wikiDir });
  const store = opts.store;
  const caseTtlMs = opts.caseTtlMs ?? 15 * 60_000;
  const now = opts.now ?? Date.now;
  /**
   * Open cases (issue 16), per channel and author: a paste the bot could not settle and the output it asked for.
   * The next paste from that person in that channel is read together with it; two people never share one.
   */
  const cases = new Map<string, { evidence: string; asked: string; at: number }>();
  const caseKey = (msg: Message) => `${msg.channel.toLowerCase()}\u0000${msg.author.toLowerCase()}`;
  const version = packageVersion();
  const channels = new Map<string, ChannelState>();
  const names = new Set([name.toLowerCase(), ...GENERIC_NAMES]);

  function state(channel: string): ChannelState {
    let s = channels.get(channel);
    if (!s) {
      if (channels.size >= CHANNEL_STATE_LIMIT) channels.delete(channels.keys().next().value as string);
      s = { more: [] };
      channels.set(channel, s);
    }
    return s;
  }

  /** Strip "bot: " / "bot, " / "@bot " from the start; say whether it was there. */
  function stripAddress(text: string): { text: string; named: boolean } {
    // "xenbot: ..." as IRC clients write it: the colon right after the name ("xen_caps     : ..." is xl info output)
    const m = /^\s*@?([\w\-[\]\\`^{}|]{1,32})[:,>]\s+/.exec(text) ?? /^\s*@([\w\-[\]\\`^{}|]{1,32})\s+/.exec(text);
    if (m) {
      const word = m[1]!.toLowerCase();
      if (names.has(word) || (!NOT_A_NICK.has(word) && /^[a-z][a-z0-9_-]*bot$|^xen[a-z0-9-]*$/.test(word))) {
        return { text: text.slice(m[0].length), named: true };
      }
    }
    return { text, named: false };
  }

  /** Thanks get "you're welcome", goodbyes a goodbye, anything else the greeting that says what the bot does. */
  function chatterReply(text: string): string {
    const t = text.toLowerCase();
    if (THANKS.test(t)) return "You're welcome!";
    if (BYE.test(t)) return 'Bye!';
    return `Hi! Ask me about running the Hurd on Xen, or paste a config or an xm/xl error. ${prefix}help for commands.`;
  }

  function knowledgeReply(answer: Answer, kind: Kind, to?: string, question = ''): Reply {
    const blocks: Block[] = [];
    const foreign = question !== '' && looksNonEnglish(question);
    if (answer.answered) {
      blocks.push({ type: 'text', text: (foreign ? '(I answer in English.) ' : '') + answer.lines.join('\n') });
    } else if (THANKS.test(question.toLowerCase())) {
      blocks.push({ type: 'text', text: "You're welcome!" });
    } else if (foreign) {
      blocks.push({ type: 'text', text: 'I answer in English only: please ask again in English, about running GNU Mach and the Hurd as a Xen guest.' });
      if (answer.sources[0]) blocks.push({ type: 'text', text: `source: ${answer.sources[0]}` });
    } else if (answer.declined === 'off-topic') {
      blocks.push({ type: 'text', text: "Sorry, that's outside what I know: I help with running GNU Mach and the Hurd as a Xen guest." });
    } else {
      const closest = answer.closest.length > 0 ? ` Closest topics I know: ${answer.closest.slice(0, 3).join('; ')}.` : '';
      blocks.push({ type: 'text', text: `I don't know that one.${closest} Try the Hurd mailing list or #hurd.` });
    }
    return {
      kind,
      answered: answer.answered,
      blocks,
      more: answer.more.length > 0 ? [{ type: 'text', text: answer.more.join('\n') }] : [],
      findings: [],
      sources: answer.sources,
      topic: answer.topic,
      to,
    };
  }

  function findingsReply(kind: Kind, intro: string, findings: Finding[], extraMore: Block[] = []): Reply {
    const shown = findings.slice(0, maxFindings);
    const rest = findings.slice(maxFindings);
    const blocks: Block[] = [{ type: 'text', text: intro }, { type: 'findings', findings: shown }];
    const more: Block[] = [];
    if (rest.length > 0) more.push({ type: 'findings', findings: rest });
    more.push(...extraMore);
    if (more.length > 0 && rest.length > 0) blocks.push({ type: 'text', text: `(${rest.length} more: say "more")` });
    return { kind, answered: true, blocks, more, findings, sources: sourcesOf(findings) };
  }

  function sourcesOf(findings: Finding[]): string[] {
    return [...new Set(findings.map((f) => f.source.url))];
  }

  /**
   * xm or xl, when the lines of a paste that are not config lines name only one of them as a command ("xl create",
   * "$ xm create -c hurd", "xl says ..."); undefined when they name both or neither.
   */
  function toolInPaste(text: string): 'xm' | 'xl' | undefined {
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

  function configReply(text: string, kind: Kind, wantFix: boolean, analysis?: PasteAnalysis): Reply {
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
        return findingsReply(kind, `Config (${syntax}): ${why}.`, findings);
      }
      const reply = findingsReply(kind, `Corrected config (${syntax}), ${serious.length} problem(s) fixed; diff below.`, findings, []);
      reply.blocks.push(...fixBlocks);
      return reply;
    }
    if (serious.length === 0) {
      // Notes of severity info stay in the findings (and in "more"), not in a busy channel.
      const r = findingsReply(kind, `Your config looks fine to me (${syntax}).`, []);
      r.blocks.pop();
      r.findings = findings;
      if (findings.length > 0) r.more = [{ type: 'findings', findings }];
      return r;
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const intro = `Config (${syntax}): ${errors} error(s), ${serious.length - errors} warning(s).${result.corrected ? ` Say "${prefix}fix" with the config, or "more", for a corrected file.` : ''}`;
    return findingsReply(kind, intro, findings, fixBlocks);
  }

  function logReply(paste: PasteAnalysis, kind: Kind): Reply {
    const text = paste.text;
    const diagnosis = diagnoseLog(paste, paste.embeddedConfig());
    const serious = diagnosis.findings.filter((f) => f.severity !== 'info');
    if (serious.length > 0) {
      return findingsReply(kind, `Diagnosis (${serious.length} problem${serious.length > 1 ? 's' : ''}):`, diagnosis.findings);
    }
    const unknown = unrecognisedErrorLines(diagnosis.events);
    if (unknown.length > 0) {
      // No rule knows the message, but the knowledge base may document it (a fact quoting it): say that, and ask
      // for the one output that decides.
      const documented = kb.answer(unknown.join('\n'));
      // only when the answer quotes the message itself (five words in a row): a loosely related topic is no diagnosis
      if (documented.answered && quotesMessage(documented.lines.join(' '), unknown)) {
        const r = knowledgeReply(documented, kind);
        r.blocks.push({ type: 'text', text: nextStep(unknown.join('\n')) });
        r.findings = diagnosis.findings;
        return r;
      }
      const hits = kb.search(unknown.join(' '), 3).filter((h) => h.score < 0.6);
      const closest = hits.length > 0 ? ` Closest topics: ${hits.map((h) => h.entry.title).join('; ')}.` : '';
      return {
        kind,
        answered: false,
        blocks: [{ type: 'text', text: `I don't recognise this error: "${unknown[0]!.slice(0, 160)}".${closest} ${nextStep(unknown.join('\n'))}` }],
        more: [],
        findings: diagnosis.findings,
        sources: hits.flatMap((h) => h.entry.sources.map((s) => s.url)).slice(0, 2),
      };
    }
    // No error line at all, but a pasted conversation or a log that asks something the knowledge base answers
    // (an IRC excerpt about a menu.lst line): answer it, still as a log.
    if (diagnosis.findings.every((f) => f.severity === 'info') && /\?|\bhow\b|\bwhy\b|\bwhat\b/i.test(text)) {
      const answer = kb.answer(text);
      if (answer.answered) {
        const r = knowledgeReply(answer, kind);
        r.findings = diagnosis.findings;
        return r;
      }
    }
    const r = findingsReply(kind, 'I see no error in this paste.', diagnosis.findings);
    if (diagnosis.findings.length === 0) r.blocks.pop();
    return r;
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
  function nextStep(lines: string): string {
    if (/\bxc_dom|\bxc: |guest type|elf/i.test(lines)) return 'Paste the output of `xl info | grep xen_caps` (or `xm info`) and the kernel line of your config.';
    if (/\blibxl|\bxl\b|libxlu/i.test(lines)) return 'Paste the output of `xl -vvv create -c /etc/xen/hurd` (its last lines decide) and your config.';
    if (/\bxend|\bxm\b|Error: \(/.test(lines)) return 'Paste the last lines of /var/log/xen/xend.log (or `xm dmesg`) from right after the failure.';
    if (/ext2fs|gnumach|mach|hurd|exec|startup|panic/i.test(lines)) return 'Paste your /etc/xen/hurd (the kernel, ramdisk, disk and extra lines decide what GNU Mach boots).';
    return 'Paste your /etc/xen/hurd and the full output of the command that failed.';
  }

  /** "who added ...", "when was ...": a question about the documentation's history. Literal alternation: linear. */
  const ASKS_WHO_OR_WHEN = /\bwho (?:added|wrote|changed|removed|put|made)\b|\bwhen (?:was|were|did (?:the|they|the wiki|someone))\b/i;

  function questionReply(text: string, channel: string, to?: string): Reply {
    // A question that carries an error message gets the diagnosis, not a search result, unless it asks who or when
    // (who added the "could not be connected" tip to the wiki): that is about the documentation, not the error.
    const aboutTheDocs = !text.trim().includes('\n') && ASKS_WHO_OR_WHEN.test(text);
    const diagnosis = aboutTheDocs ? { findings: [] as Finding[], events: [], recognised: false } : diagnoseLog(text);
    // Prose that mentions a command ("xl create says ...") is no command line to lint, unless it is quoted or prompted.
    const quotesCommand = shapeOf(text).hasPrompt || /`[^`\n]{3,}`/.test(text);
    const serious = diagnosis.findings.filter((f) => f.severity !== 'info' && (quotesCommand || getRule(f.rule)?.meta.target !== 'command'));
    const st = state(channel);
    // The evidence of known messages wins over a question mark or a sentence of prose around them: a paste of
    // several lines that the log rules recognise is a log, even when all they say is a note.
    const pasted = text.trim().includes('\n');
    const notes = diagnosis.findings.filter((f) => getRule(f.rule)?.meta.target !== 'command');
    if (serious.length === 0 && pasted && notes.length > 0) {
      const r = findingsReply('log', 'Notes on this paste (no error):', notes);
      r.topic = notes[0]!.knowledge;
      st.topic = r.topic;
      return r;
    }
    if (serious.length > 0) {
      const r = findingsReply(pasted ? 'log' : 'question', pasted ? `Diagnosis (${serious.length} problem${serious.length > 1 ? 's' : ''}):` : 'That error means:', serious);
      r.topic = serious[0]!.knowledge;
      st.topic = r.topic;
      return r;
    }
    const answer = kb.answer(text, { lastTopic: st.topic });
    // A fact maintainers taught in the channel is shown beside the documentation, marked, never in its place.
    const taught = taughtFactIn(text);
    if (taught && !answer.answered) return taughtReply(taught, 'question');
    const r = knowledgeReply(answer, 'question', to, text);
    if (taught) r.blocks.push({ type: 'text', text: taughtLine(taught) });
    if (answer.topic) st.topic = answer.topic;
    return r;
  }

  /** A store call that may fail (disk full, locked file) without taking the answer down. */
  function withStore<T>(fn: (s: Store) => T, fallback: T): T {
    if (!store) return fallback;
    try {
      return fn(store);
    } catch {
      return fallback;
    }
  }

  /** The longest taught topic the question names as whole words. */
  function taughtFactIn(text: string): Factoid | undefined {
    const words = ` ${topicKey(text)} `;
    const named = withStore((s) => s.topics(), [] as string[]).filter((t) => words.includes(` ${t} `));
    named.sort((a, b) => b.length - a.length);
    return named.length > 0 ? withStore((s) => s.factoid(named[0]!), undefined) : undefined;
  }

  function taughtLine(f: Factoid): string {
    return `${f.via ?? f.topic} (${TAUGHT} by ${f.taughtBy}): ${f.text}`;
  }

  function taughtReply(f: Factoid, kind: Kind): Reply {
    return { kind, answered: true, blocks: [{ type: 'text', text: taughtLine(f) }], more: [], findings: [], sources: [], topic: undefined };
  }

  /** Feedback, taught facts, the unanswered list, reload: the maintainer's loop (issue 18). */
  function maintainerCommand(name: string, args: string, msg: Message, kind: Kind): Reply {
    const say = (t: string, answered = true): Reply => ({ kind, answered, blocks: [{ type: 'text', text: t }], more: [], findings: [], sources: [] });
    const st = state(msg.channel);
    const seen = { transport: msg.transport, channel: msg.isPrivate ? 'private' : msg.channel, nick: msg.author };
    if (name === 'wrong' || name === 'thanks') {
      if (!st.last) return say('I have not answered anything here yet, so there is nothing to rate.', false);
      const last = st.last;
      if (!store) return say(NO_STORE, false);
      const ok = withStore((s) => (s.recordFeedback(name, last.refs, args, last.text, seen), true), false);
      if (!ok) return say('I could not store that just now (the store failed); sorry.', false);
      return say(name === 'wrong' ? `Noted for the maintainers${last.refs.length ? ` (about ${last.refs.join(', ')})` : ''}. Thank you for saying so.` : 'Glad it helped; noted.');
    }
    if (name === 'whatis') {
      if (!args.trim()) return say(`Usage: ${prefix}whatis <topic>`, false);
      const f = withStore((s) => s.factoid(args), undefined);
      return f ? taughtReply(f, kind) : say(`Nothing is taught about "${topicKey(args)}". Ask me about it as a question for what the documentation says.`, false);
    }
    if (!msg.admin) return say(NOT_MAINTAINER, false);
    if (name === 'reload') return say(reloadKnowledge());
    if (!store) return say(NO_STORE, false);
    const who = msg.author;
    try {
      switch (name) {
        case 'learn': {
          // "<topic> is <text>": the first " is " splits (indexOf, not a regex: linear on any input)
          const body = args.replace(/\s/g, ' ').trim().slice(0, 1000);
          const at = body.toLowerCase().indexOf(' is ');
          if (at <= 0 || at > 80) return say(`Usage: ${prefix}learn <topic> is <text>`, false);
          const f = store.learn(body.slice(0, at), body.slice(at + 4), who);
          // shown beside a documented answer on the same words, never instead of it
          return say(`Taught: ${taughtLine(f)}`);
        }
        case 'forget':
          return store.forget(args, who) ? say(`Forgotten: ${topicKey(args)} (${prefix}revert ${topicKey(args)} brings it back).`) : say(`Nothing is taught about "${topicKey(args)}".`, false);
        case 'alias': {
          const eq = args.indexOf('=');
          if (eq <= 0) return say(`Usage: ${prefix}alias <topic> = <topic>`, false);
          const [from, to] = [args.slice(0, eq), args.slice(eq + 1)];
          store.alias(from, to, who);
          return say(`${topicKey(from)} now points to ${topicKey(to)}.`);
        }
        case 'revert': {
          const f = store.revert(args, who);
          return say(f ? `Reverted: ${taughtLine(f)}` : `Reverted: "${topicKey(args)}" is no longer taught.`);
        }
        case 'history': {
          const h = store.history(args, 5);
          if (h.length === 0) return say(`No changes recorded for "${topicKey(args)}".`, false);
          return say(h.map((c) => `${new Date(c.at).toISOString().slice(0, 16).replace('T', ' ')} ${c.who} ${c.action}: ${c.newText ?? (c.newAlias ? `-> ${c.newAlias}` : '(removed)')}${c.oldText ? ` (was: ${c.oldText.slice(0, 60)})` : ''}`).join('\n'));
        }
        case 'unanswered': {
          if (!msg.isPrivate) return say(`Ask me in a private message: ${prefix}unanswered can quote what people pasted.`, false);
          const rows = store.unanswered(Math.min(20, Number.parseInt(args, 10) || 10));
          if (rows.length === 0) return say('Nothing unanswered so far.');
          const r = say(`${rows.length} unanswered (most asked first):`);
          r.blocks.push({ type: 'list', items: rows.map((u) => `${u.count}x ${u.kind} (${u.transport} ${u.channel}, last ${new Date(u.lastSeen).toISOString().slice(0, 10)}): ${u.text.replace(/\s+/g, ' ').slice(0, 200)}`) });
          return r;
        }
        case 'ignore': {
          const [verb = 'list', mask = ''] = args.trim().split(/\s+/, 2);
          if (verb === 'list') {
            const masks = store.ignoreMasks();
            return say(masks.length ? `Ignored (besides the configured list): ${masks.join(', ')}` : 'No ignore masks added at run time.');
          }
          if (verb === 'add' && mask) return (store.addIgnore(mask, who), say(`I will not answer ${mask} any more (${prefix}ignore remove ${mask} undoes it).`));
          if (verb === 'remove' && mask) return store.removeIgnore(mask) ? say(`${mask} is no longer ignored.`) : say(`${mask} was not on the list.`, false);
          return say(`Usage: ${prefix}ignore add <mask> | ${prefix}ignore remove <mask> | ${prefix}ignore list`, false);
        }
        case 'stats': {
          const c = store.stats();
          const top = store.feedbackCounts().filter((f) => f.kind === 'wrong').slice(0, 5);
          return say(`unanswered: ${c.unanswered} distinct (${c.unansweredRepeats} times); feedback: ${c.wrong} wrong, ${c.thanks} thanks; taught facts: ${c.factoids}.${top.length ? ` Most "wrong": ${top.map((t) => `${t.ref} (${t.count})`).join(', ')}.` : ''}`);
        }
        default:
          return say(`Unknown command. Try ${prefix}help.`, false);
      }
    } catch (e) {
      return say(`Not done: ${(e as Error).message}`, false);
    }
  }

  function reloadKnowledge(): string {
    try {
      const next = loadKnowledge({ wikiDir: opts.wikiDir });
      kb = next;
      return `Knowledge reloaded: ${next.entries.length} entries, ${next.facts.length} facts.`;
    } catch (e) {
      return `Reload failed, the loaded knowledge stays: ${(e as Error).message.split('\n')[0]}`;
    }
  }

  /** xm -> xl: one line that says what happened, the notes, then the diff and the file (long ones go privately). */
  function convertReply(paste: string, kind: Kind): Reply {
    const r = convertXmToXl(paste);
    if (r.refused || r.converted === null) {
      const why = r.refused ? `line ${r.refused.line}: ${r.refused.reason}` : 'no result';
      return { kind, answered: true, blocks: [{ type: 'text', text: `I cannot convert this to xl: ${why}. Rewrite that part as plain key = value lines and ask again.` }], more: [], findings: [], sources: [] };
    }
    if (r.diff === null) return { kind, answered: true, blocks: [{ type: 'text', text: r.notes[0]?.message ?? 'Nothing to change.' }], more: [], findings: [], sources: [] };
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

  function ruleLine(rule: Rule): string {
    return `${rule.meta.id} ${rule.meta.name} (${rule.meta.severity}): ${rule.meta.title}`;
  }

  function command(cmd: ParsedCommand, msg: Message, paste: string): Reply {
    const args = cmd.args.trim();
    const kind: Kind = 'command';
    const text = (t: string, answered = true): Reply => ({ kind, answered, blocks: [{ type: 'text', text: t }], more: [], findings: [], sources: [] });
    switch (cmd.spec.name) {
      case 'help': {
        if (args) {
          const spec = findCommand(args);
          return spec ? text(`${prefix}${spec.usage}: ${spec.summary}`) : text(`No command "${args}". Try ${prefix}help.`, false);
        }
        const r = text(
          `I answer questions about GNU Mach / the Hurd as a Xen guest, and check pasted /etc/xen/hurd configs and xm/xl logs. Commands: ${COMMANDS.map((c) => prefix + c.name).join(' ')}. "${prefix}help <command>" for one.`,
        );
        r.more = [{ type: 'list', items: COMMANDS.map((c) => `${prefix}${c.usage} — ${c.summary}`) }];
        return r;
      }
      case 'ask':
        return args ? { ...questionReply(args, msg.channel), kind } : text(`Usage: ${prefix}ask <question>`, false);
      case 'check':
      case 'fix':
        return paste.trim() ? { ...configReply(paste, kind, cmd.spec.name === 'fix'), kind } : text(`Usage: ${prefix}${cmd.spec.usage} (paste the config after the command, or attach it)`, false);
      case 'wrong':
      case 'thanks':
      case 'whatis':
      case 'learn':
      case 'forget':
      case 'alias':
      case 'revert':
      case 'history':
      case 'unanswered':
      case 'stats':
      case 'reload':
      case 'ignore':
        return maintainerCommand(cmd.spec.name, args, msg, kind);
      case 'convert':
        return paste.trim() ? convertReply(paste, kind) : text(`Usage: ${prefix}convert <xm config> (paste your old /etc/xen/hurd after the command, or attach it)`, false);
      case 'diagnose':
        return paste.trim() ? { ...logReply(analysePaste(paste), kind), kind } : text(`Usage: ${prefix}diagnose <log> (paste what xm/xl printed)`, false);
      case 'template': {
        try {
          const options = parseTemplateArgs(args.split(/\s+/).filter(Boolean));
          const cfg = renderTemplate(options);
          return {
            kind,
            answered: true,
            blocks: [{ type: 'text', text: `/etc/xen/hurd (${describeTemplate(args)}):` }, { type: 'code', text: cfg, lang: 'ini', filename: 'hurd' }],
            more: [],
            findings: [],
            sources: ['https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html'],
          };
        } catch (e) {
          return text(`Can't make that template: ${(e as Error).message}. Usage: ${prefix}${cmd.spec.usage}`, false);
        }
      }
      case 'rules': {
        const rules = allRules().filter((r) => !args || r.meta.domain === args.toLowerCase() || r.meta.target === args.toLowerCase());
        if (rules.length === 0) return text(`No rules in "${args}". Domains: ${[...new Set(allRules().map((r) => r.meta.domain))].join(', ')}.`, false);
        return {
          kind,
          answered: true,
          blocks: [{ type: 'text', text: `${rules.length} rules: ${rules.map((r) => r.meta.id).join(' ')}. "${prefix}explain <id>" for one.` }],
          more: [{ type: 'list', items: rules.map(ruleLine) }],
          findings: [],
          sources: [],
        };
      }
      case 'explain': {
        const rule = args ? getRule(args) : undefined;
        if (!rule) return text(args ? `No rule "${args}". "${prefix}rules" lists them.` : `Usage: ${prefix}explain <rule id>`, false);
        const m = rule.meta;
        return {
          kind,
          answered: true,
          blocks: [
            { type: 'text', text: `${m.id} ${m.name} (${m.severity}, ${m.target}): ${m.message}` },
            { type: 'text', text: m.explanation },
            { type: 'text', text: `source: ${m.source.url} (${m.source.section})` },
          ],
          more: [],
          findings: [],
          sources: [m.source.url],
          topic: m.knowledge,
        };
      }
      case 'sources': {
        const urls = [...new Set(kb.entries.flatMap((e) => e.sources.map((s) => s.url)))];
        return {
          kind,
          answered: true,
          blocks: [{ type: 'text', text: `I answer from the Hurd wiki's Xen page https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html (GFDL), its history, and Xen's manuals; ${urls.length} sources in all (say "more").` }],
          more: [{ type: 'list', items: urls }],
          findings: [],
          sources: urls,
        };
      }
      case 'version':
        return text(`hurd-xen-bot ${version}: ${kb.entries.length} knowledge entries, ${allRules().length} rules.`);
      case 'more': {
        const st = state(msg.channel);
        if (st.more.length === 0) return text('Nothing more to add.', false);
        const blocks = st.more;
        st.more = [];
        return { kind, answered: true, blocks, more: [], findings: [], sources: [] };
      }
      case 'tell': {
        const m = /^(\S{1,32})\s+about\s+(.+)$/is.exec(args);
        if (!m) return text(`Usage: ${prefix}tell <nick> about <topic>`, false);
        const nick = m[1]!.replace(/[^\w\-[\]\\`^{}|]/g, '');
        const answer = kb.answer(m[2]!, {});
        if (!answer.answered) return knowledgeReply(answer, kind);
        return knowledgeReply(answer, kind, nick);
      }
      default:
        return text(`Unknown command. Try ${prefix}help.`, false);
    }
  }

  function describeTemplate(args: string): string {
    return args ? args.replace(/\s+/g, ' ').slice(0, 80) : 'direct gnumach boot, PAE, xm/xl';
  }

  function handleUnsafe(msg: Message): Reply | null {
    if (msg.fromBot) return null;
    let body = clean(msg.text);
    const attachments = (msg.attachments ?? []).map((a) => clean(a.text)).join('\n');
    const truncated = body.length + attachments.length > MAX_MESSAGE_CHARS;
    body = capInput(body, MAX_MESSAGE_CHARS);
    const stripped = stripAddress(body);
    const addressed = msg.addressed || stripped.named || !!msg.isPrivate;
    const text = stripped.text;
    const st = state(msg.channel);

    const cmd = parseCommand(text, prefix, addressed);
    let reply: Reply;
    if (cmd) {
      const paste = capInput([cmd.args, attachments].filter((s) => s.trim() !== '').join('\n'), MAX_MESSAGE_CHARS);
      reply = command(cmd, msg, paste);
    } else {
      const whole = capInput([text, attachments].filter((s) => s.trim() !== '').join('\n'), MAX_MESSAGE_CHARS);
      // One analysis of the paste serves the classifier and, for a log, the diagnosis.
      const paste = analysePaste(whole);
      const kind = classify(whole, paste.signals.score);
      if (!addressed) return unaddressed(kind, paste, msg);
      const open = cases.get(caseKey(msg));
      if (open && now() - open.at > caseTtlMs) cases.delete(caseKey(msg));
      const pending = cases.get(caseKey(msg));
      if (pending && DROP_CASE.test(whole.trim())) {
        cases.delete(caseKey(msg));
        return { kind: 'chatter', answered: true, blocks: [{ type: 'text', text: 'OK, I dropped that case.' }], more: [], findings: [], sources: [] };
      }
      // With a case open, a bare line of tool output (`xen_caps : ...`) is the answer to the question asked, not a question.
      const answersTheCase = pending !== undefined && kind === 'question' && !/\?\s*$/.test(whole) && shapeOf(whole).logLines > 0;
      switch (answersTheCase ? 'log' : kind) {
        case 'config':
          reply = configReply(whole, kind, false, paste);
          break;
        case 'log':
          reply = pending ? caseReply(pending, paste, msg) : logReply(paste, kind);
          if (!pending) openCaseIfAsked(reply, paste, msg);
          break;
        case 'question':
          // a new question is a new subject: the open case is closed
          cases.delete(caseKey(msg));
          reply = questionReply(whole, msg.channel);
          break;
        default:
          reply = {
            kind: 'chatter',
            answered: false,
            blocks: [{ type: 'text', text: chatterReply(whole) }],
            more: [],
            findings: [],
            sources: [],
          };
      }
    }
    if (truncated) reply.blocks.unshift({ type: 'text', text: `(your paste was long: I read its beginning, its last ${Math.round((MAX_MESSAGE_CHARS * 3) / 4 / 1024)} KiB and the error lines between; the rest was skipped)` });
    if (reply.more.length > 0) st.more = reply.more;
    if (reply.topic) st.topic = reply.topic;
    rememberForMaintainers(reply, cmd?.spec.name, cmd ? cmd.args : text, msg);
    return reply;
  }

  /** When a paste could not be settled and the reply asks for one more output, the case stays open for it. */
  function openCaseIfAsked(reply: Reply, paste: PasteAnalysis, msg: Message): void {
    const asked = reply.blocks.map((b) => ('text' in b ? b.text : '')).find((t) => /Paste (?:the output of|the last lines of|your)/.test(t));
    if (reply.answered || !asked) return;
    if (cases.size > 2000) cases.delete(cases.keys().next().value as string);
    cases.set(caseKey(msg), { evidence: paste.text.slice(-MAX_CASE_EVIDENCE), asked, at: now() });
  }

  /**
   * The output asked for, read together with what was pasted before: one diagnosis of both. A conclusion closes
   * the case; without one the case stays open with both pastes (and the reply asks again).
   */
  function caseReply(open: { evidence: string; asked: string; at: number }, paste: PasteAnalysis, msg: Message): Reply {
    const combined = analysePaste(`${open.evidence}\n${paste.text}`);
    const r = logReply(combined, 'log');
    if (r.findings.some((f) => f.severity !== 'info')) {
      cases.delete(caseKey(msg));
      r.blocks.unshift({ type: 'text', text: 'Read together with what you pasted before:' });
      return r;
    }
    cases.set(caseKey(msg), { evidence: combined.text.slice(-MAX_CASE_EVIDENCE), asked: open.asked, at: now() });
    return r;
  }

  /**
   * What the maintainer's loop keeps: a declined question or an unrecognised paste (redacted by the store), and
   * what the last answer here came from, for !wrong / !thanks.
   */
  function rememberForMaintainers(reply: Reply, command: string | undefined, text: string, msg: Message): void {
    const seen = { transport: msg.transport, channel: msg.isPrivate ? 'private' : msg.channel, nick: msg.author };
    const asked = command === undefined || command === 'ask';
    if (!reply.answered && asked && reply.kind === 'question' && reply.blocks.length > 0) withStore((s) => s.recordUnanswered('question', text, seen), undefined);
    if (!reply.answered && asked && reply.kind === 'log') withStore((s) => s.recordUnanswered('paste', text, seen), undefined);
    if (reply.answered && (command === undefined || !MAINTAINER_COMMANDS.has(command))) {
      const refs = [...new Set([...(reply.topic ? [reply.topic] : []), ...reply.findings.map((f) => f.rule)])];
      state(msg.channel).last = { refs, text: reply.blocks.map((b) => ('text' in b ? b.text : '')).join('\n').slice(0, 1000) };
    }
  }

  /** Nobody asked: speak only for a known error, with a one-line pointer. */
  function unaddressed(kind: Kind, paste: PasteAnalysis, msg: Message): Reply | null {
    if (kind !== 'log' && kind !== 'config') return null;
    const findings = kind === 'log' ? diagnoseLog(paste, paste.embeddedConfig()).findings : checkConfig(paste.text, { maxChars: CHAT_CHECK_CHARS }).findings;
    const top = findings.find((f) => f.severity === 'error');
    if (!top) return null;
    state(msg.channel).more = [{ type: 'findings', findings }];
    return {
      kind,
      answered: true,
      unsolicited: true,
      blocks: [{ type: 'text', text: `${msg.author}: that looks like ${top.rule} ${top.name}: ${top.message} (say "${prefix}more" for details)` }],
      more: [],
      findings: [top],
      sources: [top.source.url],
    };
  }

  return {
    name,
    prefix,
    version,
    reloadKnowledge,
    handle(msg: Message): Reply | null {
      try {
        return handleUnsafe(msg);
      } catch (e) {
        return {
          kind: 'chatter',
          answered: false,
          blocks: [{ type: 'text', text: `Sorry, I tripped over that message (${(e as Error).message.slice(0, 100)}).` }],
          more: [],
          findings: [],
          sources: [],
        };
      }
    },
  };
}
