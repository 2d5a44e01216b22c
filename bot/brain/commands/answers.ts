/** Commands that answer from the knowledge base and the rule catalogue: help, ask, tell, rules, explain, sources, version, more. */
import { allRules, getRule } from '../../../rules/engine.js';
import type { Rule } from '../../../rules/types.js';
import { textReply } from '../replies/findings.js';
import { answerQuestion, knowledgeReply, questionReply } from '../replies/question.js';
import { str, UsageError, type Command } from './types.js';

const HURD_XEN_PAGE = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';

function ruleLine(rule: Rule): string {
  return `${rule.meta.id} ${rule.meta.name} (${rule.meta.severity}): ${rule.meta.title}`;
}

export const help: Command = {
  name: 'help',
  aliases: ['commands'],
  usage: 'help [command]',
  summary: 'what I can do',
  options: [{ name: 'command', description: 'One command', type: 'string', maxLength: 20 }],
  slash: true,
  plausible: (a, commands) => a === '' || commands.some((c) => c.name === a.toLowerCase() || c.aliases.includes(a.toLowerCase())),
  run({ ctx, args, commands }) {
    const p = ctx.prefix;
    const wanted = str(args, 'command').toLowerCase();
    if (wanted) {
      const c = commands.find((k) => k.name === wanted || k.aliases.includes(wanted));
      return c ? textReply('command', `${p}${c.usage}: ${c.summary}`) : textReply('command', `No command "${wanted}". Try ${p}help.`, false);
    }
    const r = textReply(
      'command',
      `I answer questions about GNU Mach / the Hurd as a Xen guest, and check pasted /etc/xen/hurd configs and xm/xl logs. Commands: ${commands.map((c) => p + c.name).join(' ')}. "${p}help <command>" for one.`,
    );
    r.more = [{ type: 'list', items: commands.map((c) => `${p}${c.usage} — ${c.maintainer ? '(maintainers) ' : ''}${c.summary}`) }];
    return r;
  },
};

export const ask: Command = {
  name: 'ask',
  aliases: ['q'],
  usage: 'ask <question>',
  summary: 'answer a question about the Hurd on Xen',
  options: [{ name: 'question', description: 'Your question', type: 'string', required: true, maxLength: 1000 }],
  slash: true,
  run({ ctx, msg, args }) {
    const q = str(args, 'question');
    return q ? { ...questionReply(ctx, q, msg.channel), kind: 'command' } : textReply('command', `Usage: ${ctx.prefix}ask <question>`, false);
  },
};

export const tell: Command = {
  name: 'tell',
  aliases: [],
  usage: 'tell <nick> about <topic>',
  summary: 'answer a topic for someone else',
  options: [
    { name: 'nick', description: 'Who to tell', type: 'string', required: true, maxLength: 32 },
    { name: 'topic', description: 'What about', type: 'string', required: true, maxLength: 400 },
  ],
  plausible: (a) => /^\S+\s+about\s+\S/i.test(a),
  parse(text) {
    const m = /^(\S{1,32})\s+about\s+(.+)$/is.exec(text.trim());
    if (!m) throw new UsageError('tell <nick> about <topic>');
    return { nick: m[1], topic: m[2] };
  },
  run({ ctx, args }) {
    // The nick is kept to what IRC and Discord allow in a nick: it is put in front of the answer in the channel.
    const nick = str(args, 'nick').replace(/[^\w\-[\]\\`^{}|]/g, '');
    const topic = str(args, 'topic');
    if (!nick || !topic) return textReply('command', `Usage: ${ctx.prefix}tell <nick> about <topic>`, false);
    const answer = answerQuestion(ctx, topic);
    return knowledgeReply(answer, 'command', answer.answered ? nick : undefined);
  },
};

export const rules: Command = {
  name: 'rules',
  aliases: [],
  usage: 'rules [domain]',
  summary: 'list the rule catalogue',
  options: [{ name: 'domain', description: 'Only one domain (kernel, memory, disk, network, log, ...)', type: 'string', maxLength: 20 }],
  slash: true,
  plausible: (a) => /^[a-z]*$/i.test(a),
  run({ ctx, args }) {
    const domain = str(args, 'domain').toLowerCase();
    const list = allRules().filter((r) => !domain || r.meta.domain === domain || r.meta.target === domain);
    if (list.length === 0) return textReply('command', `No rules in "${domain}". Domains: ${[...new Set(allRules().map((r) => r.meta.domain))].join(', ')}.`, false);
    return {
      kind: 'command',
      answered: true,
      blocks: [{ type: 'text', text: `${list.length} rules: ${list.map((r) => r.meta.id).join(' ')}. "${ctx.prefix}explain <id>" for one.` }],
      more: [{ type: 'list', items: list.map(ruleLine) }],
      findings: [],
      sources: [],
    };
  },
};

export const explain: Command = {
  name: 'explain',
  aliases: ['rule'],
  usage: 'explain <rule id>',
  summary: 'show one rule: why, fix, source',
  options: [{ name: 'rule', description: 'Rule id or name, e.g. HX201', type: 'string', required: true, maxLength: 40 }],
  slash: true,
  plausible: (a) => /^(?:HX\d{3}|[a-z0-9]+(?:-[a-z0-9]+)+)$/i.test(a),
  run({ ctx, args }) {
    const id = str(args, 'rule');
    const rule = id ? getRule(id) : undefined;
    if (!rule) return textReply('command', id ? `No rule "${id}". "${ctx.prefix}rules" lists them.` : `Usage: ${ctx.prefix}explain <rule id>`, false);
    const m = rule.meta;
    return {
      kind: 'command',
      answered: true,
      blocks: [
        { type: 'text', text: `${m.id} ${m.name} (${m.severity}, ${m.target}): ${m.message}` },
        { type: 'text', text: m.explanation },
        { type: 'text', text: `source: ${m.source.url} (${m.source.section})` },
      ],
      more: [{ type: 'text', text: `fixable: ${m.fixable ? 'yes' : 'no'}; knowledge entry: ${m.knowledge}` }],
      findings: [],
      sources: [m.source.url],
      topic: m.knowledge,
    };
  },
};

export const sources: Command = {
  name: 'sources',
  aliases: ['docs'],
  usage: 'sources',
  summary: 'the documentation I answer from',
  options: [],
  slash: true,
  plausible: (a) => a === '',
  run({ ctx }) {
    const urls = [...new Set(ctx.kb().entries.flatMap((e) => e.sources.map((s) => s.url)))];
    return {
      kind: 'command',
      answered: true,
      blocks: [{ type: 'text', text: `I answer from the Hurd wiki's Xen page ${HURD_XEN_PAGE} (GFDL), its history, and Xen's manuals; ${urls.length} sources in all (say "more").` }],
      more: [{ type: 'list', items: urls }],
      findings: [],
      sources: urls,
    };
  },
};

export const version: Command = {
  name: 'version',
  aliases: [],
  usage: 'version',
  summary: 'my version',
  options: [],
  plausible: (a) => a === '',
  run: ({ ctx }) => textReply('command', `hurd-xen-bot ${ctx.version}: ${ctx.kb().entries.length} knowledge entries, ${allRules().length} rules.`),
};

export const more: Command = {
  name: 'more',
  aliases: [],
  usage: 'more',
  summary: 'the rest of my last answer',
  options: [],
  slash: true,
  plausible: (a) => a === '',
  // The chat layer (bot/chat/more.ts) keeps the rest of every answer and gives it before the brain is asked; the
  // brain only hears "more" when nothing is kept.
  run: () => textReply('command', 'Nothing more to add.', false),
};
