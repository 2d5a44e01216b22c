/**
 * Plain-text rendering of a Reply: what the CLI prints, what the console chat shows, and the `text` field of
 * `reply --jsonl`. The IRC and Discord renderers start from the same model.
 */
import type { Finding } from '../../rules/types.js';
import type { Block, Reply } from '../brain/reply.js';

export function findingLine(f: Finding): string {
  const where = f.line !== undefined ? ` line ${f.line}` : '';
  return `[${f.rule} ${f.name}, ${f.severity}${where}] ${f.message}`;
}

export function findingLines(f: Finding): string[] {
  const out = [findingLine(f)];
  if (f.advice) out.push(`  fix: ${f.advice}`);
  if (f.ask) out.push(`  ${f.ask.question} (${f.ask.variants.map((v) => v.label).join(' / ')})`);
  return out;
}

export function blockLines(block: Block): string[] {
  switch (block.type) {
    case 'text':
      return block.text.split('\n');
    case 'list':
      return block.items.map((i) => `- ${i}`);
    case 'code':
    case 'diff':
      return block.text.replace(/\n$/, '').split('\n');
    case 'findings':
      return block.findings.flatMap(findingLines);
  }
}

export function renderBlocks(blocks: Block[]): string[] {
  return blocks.flatMap(blockLines);
}

/** The whole reply as one plain text, with the detail (`more`) after the short part. */
export function renderText(reply: Reply, opts: { withMore?: boolean } = {}): string {
  const lines = renderBlocks(reply.blocks);
  if (opts.withMore && reply.more.length > 0) lines.push('', ...renderBlocks(reply.more));
  if (reply.to) lines[0] = `${reply.to}: ${lines[0] ?? ''}`;
  return lines.join('\n');
}
