/**
 * Facts maintainers taught in the channel (!learn): found by their topic in a question, and always shown marked
 * as taught, beside the documentation, never in its place.
 */
import type { Factoid } from '../../store/index.js';
import { topicKey } from '../../store/topic.js';
import { withStore, type BrainContext } from './context.js';
import type { Kind, Reply } from './reply.js';

/** Taught facts are shown with this tag, so nobody mistakes them for the documentation. */
const TAUGHT = 'taught in the channel';

/** The longest taught topic the question names as whole words. */
export function taughtFactIn(ctx: BrainContext, text: string): Factoid | undefined {
  const words = ` ${topicKey(text)} `;
  const named = withStore(ctx, (s) => s.topics(), [] as string[]).filter((t) => words.includes(` ${t} `));
  named.sort((a, b) => b.length - a.length);
  return named.length > 0 ? withStore(ctx, (s) => s.factoid(named[0]!), undefined) : undefined;
}

export function taughtLine(f: Factoid): string {
  return `${f.via ?? f.topic} (${TAUGHT} by ${f.taughtBy}): ${f.text}`;
}

export function taughtReply(f: Factoid, kind: Kind): Reply {
  return { kind, answered: true, blocks: [{ type: 'text', text: taughtLine(f) }], more: [], findings: [], sources: [], topic: undefined };
}
