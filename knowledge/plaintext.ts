/**
 * Markdown (as lexed by marked) to plain text for chat lines: no Markdown
 * syntax survives (no backticks, no emphasis marks, links become their text).
 */
import { marked, type Token, type Tokens } from 'marked';
import type { Section } from './types.js';

function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return decodeEntities(fallback).replace(/\n/g, ' ');
  return tokens.map(inlineToken).join('');
}

function inlineToken(token: Token): string {
  switch (token.type) {
    case 'link': {
      const link = token as Tokens.Link;
      const text = inlineText(link.tokens, link.text);
      return text === link.href || link.href.startsWith('#') ? text : `${text} (${link.href})`;
    }
    case 'image':
      return (token as Tokens.Image).text;
    case 'br':
      return '\n';
    case 'codespan':
      return decodeEntities((token as Tokens.Codespan).text);
    case 'html':
      return '';
    default: {
      const t = token as { tokens?: Token[]; text?: string; raw: string };
      if (t.tokens) return inlineText(t.tokens, t.text ?? '');
      // A soft line break is only source wrapping; hard breaks arrive as 'br'.
      return decodeEntities(t.text ?? t.raw).replace(/\n/g, ' ');
    }
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Plain text lines of one block-level token. */
export function blockLines(token: Token): string[] {
  switch (token.type) {
    case 'paragraph':
    case 'text': {
      const t = token as Tokens.Paragraph;
      return splitLines(inlineText(t.tokens, t.text));
    }
    case 'heading':
      return splitLines(inlineText((token as Tokens.Heading).tokens, (token as Tokens.Heading).text));
    case 'code':
      return (token as Tokens.Code).text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    case 'list':
      return (token as Tokens.List).items.flatMap((item) => {
        const lines = item.tokens.flatMap(blockLines);
        return lines.length > 0 ? [`- ${lines[0]}`, ...lines.slice(1)] : [];
      });
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap(blockLines);
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens, c.text).trim()).join(' | ');
      return [row(table.header), ...table.rows.map(row)];
    }
    case 'space':
    case 'hr':
    case 'html':
    case 'def':
      return [];
    default: {
      const t = token as { tokens?: Token[]; text?: string };
      return t.text ? splitLines(inlineText(t.tokens, t.text)) : [];
    }
  }
}

function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '');
}

export interface Sectioned {
  /** First paragraph (lines joined by '\n'), '' if the text starts with a heading. */
  summary: string;
  sections: Section[];
}

/** Lex Markdown with marked and split it into sections at every heading. */
export function sectionize(markdown: string): Sectioned {
  const tokens = marked.lexer(markdown);
  const sections: Section[] = [];
  let current: { heading: string; lines: string[] } = { heading: '', lines: [] };
  let summary: string | undefined;
  const flush = () => {
    if (current.heading !== '' || current.lines.length > 0) {
      sections.push({ heading: current.heading, text: current.lines.join('\n') });
    }
  };
  for (const token of tokens) {
    if (token.type === 'heading') {
      flush();
      current = { heading: blockLines(token).join(' '), lines: [] };
      if (summary === undefined) summary = '';
      continue;
    }
    const lines = blockLines(token);
    if (lines.length === 0) continue;
    if (summary === undefined && token.type === 'paragraph') summary = lines.join('\n');
    current.lines.push(...lines);
  }
  flush();
  return { summary: summary ?? '', sections };
}
