/**
 * The brain: one message in, one structured reply out. Transport-agnostic and synchronous; it never throws and
 * never imports a network library. This file only dispatches: who the line is for (address.ts), a command
 * (commands/), or a paste or question by its shape (classify.ts) to the replies/ that answer it; an open case
 * (cases.ts) takes the output it asked for.
 */
import type { KnowledgeBase } from '../../knowledge/types.js';
import { loadKnowledge } from '../../knowledge/index.js';
import { capInput } from '../../rules/engine.js';
import { analysePaste } from '../../rules/logs/analysis.js';
import type { Store } from '../../store/index.js';
import { packageVersion } from '../ops/paths.js';
import { readAddress } from './address.js';
import { Cases } from './cases.js';
import { classify, shapeOf } from './classify.js';
import { refuseUnlessMaintainer } from './commands/maintainer.js';
import { argsFromText, COMMANDS, findCommand, parseCommand } from './commands/table.js';
import { UsageError, type Command, type CommandArgs } from './commands/types.js';
import { withStore, type BrainContext } from './context.js';
import { Conversation } from './conversation.js';
import { configReply } from './replies/config.js';
import { textReply } from './replies/findings.js';
import { logReply, unaddressedReply } from './replies/log.js';
import { chatterReply, questionReply, symptomReply } from './replies/question.js';
import type { Brain, Message, Reply } from './reply.js';

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
/** How long a message's first part waits for the rest the network split off (IRC's paste window is 1.5 s). */
const CONTINUATION_MS = 30_000;
/** What is kept of it. */
const MAX_SAID_CHARS = 4096;
/** Commands whose answers are no answer to rate (!wrong after !stats would rate the stats). */
const NOT_RATED = new Set(['wrong', 'thanks', 'whatis', 'learn', 'forget', 'alias', 'revert', 'history', 'unanswered', 'stats', 'reload', 'ignore', 'more', 'help', 'version']);

function clean(text: string): string {
  // NUL and other C0 controls except tab/newline never belong in a chat message or a config.
  // CRLF stays: it is what the user's file has, and xl rejects it (a finding of its own).
  return text.replace(/\r(?!\n)/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

export function createBrain(opts: BrainOptions = {}): Brain {
  const name = opts.name ?? 'hurd-xen-bot';
  const prefix = opts.prefix ?? '!';
  // Loaded at the first question, not at creation: a template or a config check never needs it (main.ts warms it up).
  let kb: KnowledgeBase | undefined = opts.knowledge;
  const knowledge = (): KnowledgeBase => (kb ??= loadKnowledge({ wikiDir: opts.wikiDir }));
  const now = opts.now ?? Date.now;
  const cases = new Cases(opts.caseTtlMs ?? 15 * 60_000, now);

  function reloadKnowledge(): string {
    try {
      const next = loadKnowledge({ wikiDir: opts.wikiDir });
      kb = next;
      return `Knowledge reloaded: ${next.entries.length} entries, ${next.facts.length} facts.`;
    } catch (e) {
      return `Reload failed, the loaded knowledge stays: ${(e as Error).message.split('\n')[0]}`;
    }
  }

  const ctx: BrainContext = {
    name,
    prefix,
    version: packageVersion(),
    maxFindings: opts.maxFindings ?? 3,
    kb: knowledge,
    ...(opts.store ? { store: opts.store } : {}),
    conversation: new Conversation(),
    reloadKnowledge,
  };

  /** One command with its typed options; a paste option gets the attachments too. */
  function runCommand(command: Command, args: CommandArgs, msg: Message, attachments: string): Reply {
    const refused = refuseUnlessMaintainer(command, msg);
    if (refused) return refused;
    const paste = command.options.find((o) => o.paste);
    if (paste) {
      const typed = args[paste.name] === undefined ? '' : String(args[paste.name]);
      args = { ...args, [paste.name]: capInput([typed, attachments].filter((s) => s.trim() !== '').join('\n'), MAX_MESSAGE_CHARS) };
    }
    return command.run({ ctx, msg, args, commands: COMMANDS });
  }

  /** A line that is no command: a config, a log, a question or chat, by its shape; an open case takes its answer. */
  function pasteOrQuestion(whole: string, addressed: boolean, msg: Message): Reply | null {
    // One analysis of the paste serves the classifier and, for a log, the diagnosis.
    const paste = analysePaste(whole);
    const kind = classify(whole, paste.signals.score);
    if (!addressed) return unaddressedReply(ctx, kind, paste, msg);
    const dropped = cases.drop(msg, whole);
    if (dropped) {
      // a new subject in the same message is answered; a dropped case is worth a word
      const next = dropped.rest.length >= 8 ? pasteOrQuestion(dropped.rest, addressed, msg) : null;
      if (!next) return dropped.hadCase ? { ...textReply('chatter', 'OK, I dropped that case.'), answered: true } : chatterReply(ctx, whole);
      if (dropped.hadCase) next.blocks.unshift({ type: 'text', text: '(Dropped the earlier case.)' });
      return next;
    }
    const pending = cases.pending(msg);
    // With a case open, a bare line of tool output (`xen_caps : ...`) is the answer to the question asked, not a question.
    const answersTheCase = pending !== undefined && kind === 'question' && !/\?\s*$/.test(whole) && shapeOf(whole).logLines > 0;
    switch (answersTheCase ? 'log' : kind) {
      case 'config': {
        // the config an open case asked for is read with the earlier paste: a conclusion wins over a plain check
        const checked = configReply(ctx, whole, kind, false, paste);
        if (!pending) return checked;
        const together = cases.reply(ctx, pending, paste, msg);
        if (!together.findings.some((f) => f.severity !== 'info')) {
          // the config asked for came and says nothing more with the earlier paste: the case has had its answer
          cases.close(msg);
          return checked;
        }
        // both: what the config and the earlier paste say together, then what the check alone found
        const seen = new Set(together.findings.map((f) => f.rule));
        const more = checked.findings.filter((f) => f.severity !== 'info' && !seen.has(f.rule));
        if (more.length > 0) together.blocks.push({ type: 'text', text: 'The config itself:' }, { type: 'findings', findings: more.slice(0, ctx.maxFindings) });
        together.findings = [...together.findings, ...more];
        return together;
      }
      case 'log': {
        if (pending) return cases.reply(ctx, pending, paste, msg);
        const reply = logReply(ctx, paste, kind);
        cases.openIfAsked(reply, paste.text, msg);
        return reply;
      }
      case 'question': {
        // a new question is a new subject: the open case is closed
        cases.close(msg);
        // a trouble told in words opens a case that asks for the output which places it on the boot sequence
        const reply = symptomReply(ctx, whole, msg.channel) ?? questionReply(ctx, whole, msg.channel);
        cases.openIfAsked(reply, whole, msg);
        return reply;
      }
      default:
        return chatterReply(ctx, whole);
    }
  }

  function handleUnsafe(msg: Message): Reply | null {
    if (msg.fromBot) return null;
    let body = clean(msg.text);
    const attachments = (msg.attachments ?? []).map((a) => clean(a.text)).join('\n');
    const truncated = body.length + attachments.length > MAX_MESSAGE_CHARS;
    body = capInput(body, MAX_MESSAGE_CHARS);
    const address = readAddress(body, { names: [name], prefix });
    const addressed = msg.addressed || address.named || address.calledLikeABot || msg.isPrivate === true;
    const text = address.text;

    // A slash command arrives with typed options; a chat line is parsed against the same table.
    const typed = msg.command ? findCommand(msg.command.name) : undefined;
    const parsed = typed ? undefined : parseCommand(text, prefix, addressed);
    const command = typed ?? parsed?.command;
    let reply: Reply | null;
    if (command) {
      try {
        reply = runCommand(command, typed ? { ...msg.command!.args } : argsFromText(command, parsed!.text), msg, attachments);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        reply = textReply('command', `Can't read that: ${e.message}. Usage: ${prefix}${command.usage}`, false);
      }
    } else {
      const st = ctx.conversation.of(msg.channel);
      const who = msg.author.toLowerCase();
      // the rest of a message the network split (a paste right after its question) is read with its first part
      const before = msg.continues ? st.said?.get(who) : undefined;
      const first = before && now() - before.at <= CONTINUATION_MS ? before.text : '';
      const whole = capInput([first, text, attachments].filter((s) => s.trim() !== '').join('\n'), MAX_MESSAGE_CHARS);
      reply = pasteOrQuestion(whole, addressed, msg);
      if (addressed) {
        st.said ??= new Map();
        st.said.delete(who);
        st.said.set(who, { text: whole.slice(-MAX_SAID_CHARS), at: now() });
        if (st.said.size > 50) st.said.delete(st.said.keys().next().value as string);
      }
      if (!reply) return null;
    }
    if (truncated) reply.blocks.unshift({ type: 'text', text: `(your paste was long: I read its beginning, its last ${Math.round((MAX_MESSAGE_CHARS * 3) / 4 / 1024)} KiB and the error lines between; the rest was skipped)` });
    if (reply.topic) ctx.conversation.of(msg.channel).topic = reply.topic;
    // what the store keeps of an unanswered one: the words asked, however they came
    const said = typed ? Object.values(msg.command!.args).filter((v) => typeof v === 'string').join('\n') : parsed ? parsed.text : text;
    rememberForMaintainers(reply, command?.name, said, msg);
    return reply;
  }

  /**
   * What the maintainer's loop keeps: a declined question or an unrecognised paste (redacted by the store), and
   * what the last answer here came from, for !wrong / !thanks.
   */
  function rememberForMaintainers(reply: Reply, command: string | undefined, text: string, msg: Message): void {
    const seen = { transport: msg.transport, channel: msg.isPrivate ? 'private' : msg.channel, nick: msg.author };
    const asked = command === undefined || command === 'ask';
    if (!reply.answered && asked && reply.kind === 'question' && reply.blocks.length > 0) withStore(ctx, (s) => s.recordUnanswered('question', text, seen), undefined);
    if (!reply.answered && asked && reply.kind === 'log') withStore(ctx, (s) => s.recordUnanswered('paste', text, seen), undefined);
    if (reply.answered && (command === undefined || !NOT_RATED.has(command))) {
      const refs = [...new Set([...(reply.topic ? [reply.topic] : []), ...reply.findings.map((f) => f.rule)])];
      ctx.conversation.of(msg.channel).last = { refs, text: reply.blocks.map((b) => ('text' in b ? b.text : '')).join('\n').slice(0, 1000) };
    }
  }

  return {
    name,
    prefix,
    version: ctx.version,
    reloadKnowledge,
    handle(msg: Message): Reply | null {
      try {
        return handleUnsafe(msg);
      } catch (e) {
        return textReply('chatter', `Sorry, I tripped over that message (${(e as Error).message.slice(0, 100)}).`, false);
      }
    },
  };
}
