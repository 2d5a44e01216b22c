/**
 * Questions: an error message inside a question gets its diagnosis, anything else the knowledge base's answer
 * (with a taught fact beside it), a decline that names the closest topics, or a word of chat.
 */
import type { Answer } from '../../../knowledge/types.js';
import { looksNonEnglish } from '../../../knowledge/language.js';
import { diagnoseLog, getRule } from '../../../rules/engine.js';
import type { Finding } from '../../../rules/types.js';
import { withoutOtherAddressee } from '../address.js';
import { shapeOf } from '../classify.js';
import type { BrainContext } from '../context.js';
import type { Block, Kind, Reply } from '../reply.js';
import { taughtFactIn, taughtLine, taughtReply } from '../taught.js';
import { findingsReply } from './findings.js';
import { askWhatDecides } from './log.js';
import { askLine, symptomOf } from '../symptoms.js';

/** Literal alternations, word-bounded: linear. */
export const THANKS = /\b(?:thanks|thank you|thx|ty|cheers|merci|danke|gracias)\b/;
const BYE = /\b(?:bye|good night|goodnight|see you|cya)\b/;
/** "who added ...", "when was ...": a question about the documentation's history. Literal alternation: linear. */
const ASKS_WHO_OR_WHEN = /\bwho (?:added|wrote|changed|removed|put|made)\b|\bwhen (?:was|were|did (?:the|they|the wiki|someone))\b/i;

/** Thanks get "you're welcome", goodbyes a goodbye, anything else the greeting that says what the bot does. */
export function chatterReply(ctx: BrainContext, text: string): Reply {
  const t = text.toLowerCase();
  const say = THANKS.test(t) ? "You're welcome!" : BYE.test(t) ? 'Bye!' : `Hi! Ask me about running the Hurd on Xen, or paste a config or an xm/xl error. ${ctx.prefix}help for commands.`;
  return { kind: 'chatter', answered: false, blocks: [{ type: 'text', text: say }], more: [], findings: [], sources: [] };
}

/** The knowledge base's answer as a reply: the answer, or a decline that says why and where to look. */
export function knowledgeReply(answer: Answer, kind: Kind, to?: string, question = ''): Reply {
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

/** The knowledge base's answer to a question, without a leading `alice: ` addressed to someone else. */
export function answerQuestion(ctx: BrainContext, question: string, lastTopic?: string): Answer {
  const kb = ctx.kb();
  return kb.answer(withoutOtherAddressee(question, (w) => kb.knows(w)), { lastTopic });
}

export function questionReply(ctx: BrainContext, text: string, channel: string, to?: string): Reply {
  // A question that carries an error message gets the diagnosis, not a search result, unless it asks who or when
  // (who added the "could not be connected" tip to the wiki): that is about the documentation, not the error.
  const aboutTheDocs = !text.trim().includes('\n') && ASKS_WHO_OR_WHEN.test(text);
  const diagnosis = aboutTheDocs ? { findings: [] as Finding[], events: [], recognised: false } : diagnoseLog(text);
  // Prose that mentions a command ("xl create says ...") is no command line to lint, unless it is quoted or prompted.
  const quotesCommand = shapeOf(text).hasPrompt || /`[^`\n]{3,}`/.test(text);
  const serious = diagnosis.findings.filter((f) => f.severity !== 'info' && (quotesCommand || getRule(f.rule)?.meta.target !== 'command'));
  const st = ctx.conversation.of(channel);
  // The evidence of known messages wins over a question mark or a sentence of prose around them: a paste of
  // several lines that the log rules recognise is a log, even when all they say is a note.
  const pasted = text.trim().includes('\n');
  const notes = diagnosis.findings.filter((f) => getRule(f.rule)?.meta.target !== 'command');
  if (serious.length === 0 && pasted && notes.length > 0) {
    const r = findingsReply('log', 'Notes on this paste (no error):', notes, ctx.maxFindings);
    r.topic = notes[0]!.knowledge;
    st.topic = r.topic;
    return r;
  }
  if (serious.length > 0) {
    const r = askWhatDecides(findingsReply(pasted ? 'log' : 'question', pasted ? `Diagnosis (${serious.length} problem${serious.length > 1 ? 's' : ''}):` : 'That error means:', serious, ctx.maxFindings), serious, text);
    r.topic = serious[0]!.knowledge;
    st.topic = r.topic;
    return r;
  }
  const answer = answerQuestion(ctx, text, st.topic);
  // A fact maintainers taught in the channel is shown beside the documentation, marked, never in its place.
  const taught = taughtFactIn(ctx, text);
  if (taught && !answer.answered) return taughtReply(taught, 'question');
  const r = knowledgeReply(answer, 'question', to, text);
  if (taught) r.blocks.push({ type: 'text', text: taughtLine(taught) });
  if (answer.topic) st.topic = answer.topic;
  return r;
}

/**
 * A trouble told in words ("my hurd domU doesn't boot"): the best guess so far (the documentation's answer, or the
 * usual causes at that point of the boot sequence), then the one output that decides (issue 16). Undefined when the
 * line is no such trouble, or not about a guest of ours.
 */
export function symptomReply(ctx: BrainContext, text: string, channel: string): Reply | undefined {
  const symptom = symptomOf(text);
  if (!symptom) return undefined;
  const st = ctx.conversation.of(channel);
  const answer = answerQuestion(ctx, text, st.topic);
  if (answer.declined === 'off-topic') return undefined;
  const guess = answer.answered ? answer.lines.join('\n') : symptom.guess;
  if (answer.topic) st.topic = answer.topic;
  return {
    kind: 'question',
    answered: true,
    blocks: [
      { type: 'text', text: guess },
      { type: 'text', text: askLine(symptom.ask) },
    ],
    more: answer.more.length > 0 ? [{ type: 'text', text: answer.more.join('\n') }] : [],
    findings: [],
    sources: answer.answered ? answer.sources : [symptom.source],
    topic: answer.topic,
    asks: { ...symptom.ask, symptom: symptom.id },
  };
}
