/**
 * The maintainer's loop (issue 18): feedback on the last answer, facts taught in the channel, the unanswered list,
 * the ignore list and a knowledge reload. Everyone may rate an answer and read a taught fact; changing anything
 * needs a maintainer, which only the transport can vouch for (Message.admin).
 */
import type { Store } from '../../../store/index.js';
import { topicKey } from '../../../store/topic.js';
import { withStore } from '../context.js';
import type { Message, Reply } from '../reply.js';
import { textReply } from '../replies/findings.js';
import { taughtLine, taughtReply } from '../taught.js';
import { str, type Command, type CommandCall } from './types.js';

const NOT_MAINTAINER = 'Only maintainers can do that (IRC: a services account listed in irc.admins; Discord: discord.admins; or the console).';
const NO_STORE = 'The maintainer store is off (no data directory could be opened), so I keep nothing.';

const say = (text: string, answered = true): Reply => textReply('command', text, answered);
const textOption = (description: string) => [{ name: 'text', description, type: 'string' as const, maxLength: 1000 }];

function feedback(kind: 'wrong' | 'thanks', aliases: string[], usage: string, summary: string): Command {
  return {
    name: kind,
    aliases,
    usage,
    summary,
    options: textOption('What was wrong'),
    run({ ctx, msg, args }) {
      const last = ctx.conversation.of(msg.channel).last;
      if (!last) return say('I have not answered anything here yet, so there is nothing to rate.', false);
      if (!ctx.store) return say(NO_STORE, false);
      const seen = { transport: msg.transport, channel: msg.isPrivate ? 'private' : msg.channel, nick: msg.author };
      const ok = withStore(ctx, (s) => (s.recordFeedback(kind, last.refs, str(args, 'text'), last.text, seen), true), false);
      if (!ok) return say('I could not store that just now (the store failed); sorry.', false);
      return say(kind === 'wrong' ? `Noted for the maintainers${last.refs.length ? ` (about ${last.refs.join(', ')})` : ''}. Thank you for saying so.` : 'Glad it helped; noted.');
    },
  };
}

/** A command that changes the store: maintainers only, and a store error becomes a short "Not done". */
function storeCommand(name: string, usage: string, summary: string, run: (s: Store, text: string, call: CommandCall) => Reply): Command {
  return {
    name,
    aliases: [],
    usage,
    summary,
    options: textOption('What the command works on'),
    maintainer: true,
    run(call) {
      if (!call.ctx.store) return say(NO_STORE, false);
      try {
        return run(call.ctx.store, str(call.args, 'text'), call);
      } catch (e) {
        return say(`Not done: ${(e as Error).message}`, false);
      }
    },
  };
}

export const wrong = feedback('wrong', [], 'wrong [what was wrong]', 'tell the maintainers my last answer here was wrong');
export const thanks = feedback('thanks', ['thx'], 'thanks', 'tell the maintainers my last answer here helped');

export const whatis: Command = {
  name: 'whatis',
  aliases: ['factoid'],
  usage: 'whatis <topic>',
  summary: 'what maintainers taught me about a topic',
  options: textOption('The topic'),
  run({ ctx, args }) {
    const topic = str(args, 'text');
    if (!topic) return say(`Usage: ${ctx.prefix}whatis <topic>`, false);
    const f = withStore(ctx, (s) => s.factoid(topic), undefined);
    return f ? taughtReply(f, 'command') : say(`Nothing is taught about "${topicKey(topic)}". Ask me about it as a question for what the documentation says.`, false);
  },
};

export const learn = storeCommand('learn', 'learn <topic> is <text>', 'teach a fact', (s, text, { ctx, msg }) => {
  // "<topic> is <text>": the first " is " splits (indexOf, not a regex: linear on any input)
  const body = text.replace(/\s/g, ' ').trim().slice(0, 1000);
  const at = body.toLowerCase().indexOf(' is ');
  if (at <= 0 || at > 80) return say(`Usage: ${ctx.prefix}learn <topic> is <text>`, false);
  // shown beside a documented answer on the same words, never instead of it
  return say(`Taught: ${taughtLine(s.learn(body.slice(0, at), body.slice(at + 4), msg.author))}`);
});

export const forget = storeCommand('forget', 'forget <topic>', 'forget a taught fact', (s, text, { ctx, msg }) =>
  s.forget(text, msg.author) ? say(`Forgotten: ${topicKey(text)} (${ctx.prefix}revert ${topicKey(text)} brings it back).`) : say(`Nothing is taught about "${topicKey(text)}".`, false),
);

export const alias = storeCommand('alias', 'alias <topic> = <topic>', 'make a topic point to another', (s, text, { ctx, msg }) => {
  const eq = text.indexOf('=');
  if (eq <= 0) return say(`Usage: ${ctx.prefix}alias <topic> = <topic>`, false);
  const [from, to] = [text.slice(0, eq), text.slice(eq + 1)];
  s.alias(from, to, msg.author);
  return say(`${topicKey(from)} now points to ${topicKey(to)}.`);
});

export const revert = storeCommand('revert', 'revert <topic>', 'undo the last change of a taught fact', (s, text, { msg }) => {
  const f = s.revert(text, msg.author);
  return say(f ? `Reverted: ${taughtLine(f)}` : `Reverted: "${topicKey(text)}" is no longer taught.`);
});

export const history = storeCommand('history', 'history <topic>', 'who changed a taught fact, when', (s, text) => {
  const h = s.history(text, 5);
  if (h.length === 0) return say(`No changes recorded for "${topicKey(text)}".`, false);
  return say(h.map((c) => `${new Date(c.at).toISOString().slice(0, 16).replace('T', ' ')} ${c.who} ${c.action}: ${c.newText ?? (c.newAlias ? `-> ${c.newAlias}` : '(removed)')}${c.oldText ? ` (was: ${c.oldText.slice(0, 60)})` : ''}`).join('\n'));
});

export const unanswered = storeCommand('unanswered', 'unanswered [n]', '(private) what I could not answer', (s, text, { ctx, msg }) => {
  if (!msg.isPrivate) return say(`Ask me in a private message: ${ctx.prefix}unanswered can quote what people pasted.`, false);
  const rows = s.unanswered(Math.min(20, Number.parseInt(text, 10) || 10));
  if (rows.length === 0) return say('Nothing unanswered so far.');
  const r = say(`${rows.length} unanswered (most asked first):`);
  r.blocks.push({ type: 'list', items: rows.map((u) => `${u.count}x ${u.kind} (${u.transport} ${u.channel}, last ${new Date(u.lastSeen).toISOString().slice(0, 10)}): ${u.text.replace(/\s+/g, ' ').slice(0, 200)}`) });
  return r;
});

export const stats = storeCommand('stats', 'stats', 'counts of unanswered and feedback', (s) => {
  const c = s.stats();
  const top = s.feedbackCounts().filter((f) => f.kind === 'wrong').slice(0, 5);
  return say(`unanswered: ${c.unanswered} distinct (${c.unansweredRepeats} times); feedback: ${c.wrong} wrong, ${c.thanks} thanks; taught facts: ${c.factoids}.${top.length ? ` Most "wrong": ${top.map((t) => `${t.ref} (${t.count})`).join(', ')}.` : ''}`);
});

export const ignore = storeCommand('ignore', 'ignore add|remove <mask> | ignore list', 'senders I never answer (nick or nick!user@host)', (s, text, { ctx, msg }) => {
  const [verb = 'list', mask = ''] = text.trim().split(/\s+/, 2);
  if (verb === 'list') {
    const masks = s.ignoreMasks();
    return say(masks.length ? `Ignored (besides the configured list): ${masks.join(', ')}` : 'No ignore masks added at run time.');
  }
  if (verb === 'add' && mask) return (s.addIgnore(mask, msg.author), say(`I will not answer ${mask} any more (${ctx.prefix}ignore remove ${mask} undoes it).`));
  if (verb === 'remove' && mask) return s.removeIgnore(mask) ? say(`${mask} is no longer ignored.`) : say(`${mask} was not on the list.`, false);
  return say(`Usage: ${ctx.prefix}ignore add <mask> | ${ctx.prefix}ignore remove <mask> | ${ctx.prefix}ignore list`, false);
});

export const reload: Command = {
  name: 'reload',
  aliases: [],
  usage: 'reload',
  summary: 're-read the knowledge base',
  options: [],
  maintainer: true,
  run: ({ ctx }) => say(ctx.reloadKnowledge()),
};

/** Whether a maintainer-only command may run for this message (a refusal reply when not). */
export function refuseUnlessMaintainer(command: Command, msg: Message): Reply | undefined {
  return command.maintainer && !msg.admin ? say(NOT_MAINTAINER, false) : undefined;
}
