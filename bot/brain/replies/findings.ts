/** The reply shapes every other reply is built from: a line of text, and findings with the rest behind `more`. */
import type { Finding } from '../../../rules/types.js';
import type { Block, Kind, Reply } from '../reply.js';

export function textReply(kind: Kind, text: string, answered = true): Reply {
  return { kind, answered, blocks: [{ type: 'text', text }], more: [], findings: [], sources: [] };
}

export function sourcesOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.source.url))];
}

/** An intro line, the first `maxFindings` findings, and the rest (plus `extraMore`) kept for `more`. */
export function findingsReply(kind: Kind, intro: string, findings: Finding[], maxFindings: number, extraMore: Block[] = []): Reply {
  const shown = findings.slice(0, maxFindings);
  const rest = findings.slice(maxFindings);
  const blocks: Block[] = [{ type: 'text', text: intro }, { type: 'findings', findings: shown }];
  const more: Block[] = [];
  if (rest.length > 0) more.push({ type: 'findings', findings: rest });
  more.push(...extraMore);
  if (more.length > 0 && rest.length > 0) blocks.push({ type: 'text', text: `(${rest.length} more: say "more")` });
  return { kind, answered: true, blocks, more, findings, sources: sourcesOf(findings) };
}
