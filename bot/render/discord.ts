/**
 * Reply → Discord messages: Markdown with fenced code blocks, every message under Discord's 2000-character
 * limit, fences never broken across messages, long configs sent as file attachments, and every mention
 * neutralised in the text (allowedMentions is set on the client as well; this is the second lock).
 */
import type { Block, Reply } from '../brain/reply.js';
import type { Finding } from '../../rules/types.js';

export interface DiscordFile {
  name: string;
  text: string;
}

export interface DiscordOutMessage {
  content: string;
  files: DiscordFile[];
}

export interface DiscordRenderOptions {
  /** Longest message content. Discord refuses more than 2000; keep a margin. */
  maxLength?: number;
  /** A code block longer than this is sent as a file instead of being split over several messages. */
  attachCodeOver?: number;
  /** Messages per reply before the rest goes into one attached file. */
  maxMessages?: number;
  /** Put `reply.more` inline (private answers) instead of keeping it for "more". */
  includeMore?: boolean;
}

export const DISCORD_MESSAGE_LIMIT = 2000;
const DEFAULTS: Required<DiscordRenderOptions> = {
  maxLength: 1990,
  attachCodeOver: 1800,
  maxMessages: 4,
  includeMore: false,
};

const ZWSP = '\u200b';
const FENCE = '```';

/** Break every mention Discord would resolve: @everyone, @here, <@user>, <@!user>, <@&role>. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<@([!&]?)(\d{1,32})>/g, `<@${ZWSP}$1$2>`);
}

/** Text placed inside a fence must not close it. */
function defuseFences(text: string): string {
  return text.replace(/`{3,}/g, (run) => run.split('').join(ZWSP));
}

function safeLang(lang: string | undefined): string {
  if (!lang) return '';
  const l = lang.toLowerCase();
  if (['xen', 'xl', 'xm', 'cfg', 'config', 'conf'].includes(l)) return 'ini';
  return /^[a-z0-9+#-]{1,15}$/.test(l) ? l : '';
}

/** Render one Discord-safe line (no raw fences, no mentions, no CR). */
function clean(text: string): string {
  return neutraliseMentions(text.replace(/\r\n?/g, '\n').replace(/\0/g, ''));
}

type Segment = { kind: 'prose'; text: string } | { kind: 'code'; lang: string; text: string };

function findingLines(f: Finding): string {
  const where = f.line !== undefined ? `, line ${f.line}` : '';
  const lines = [`**${f.rule}** \`${f.name}\` (${f.severity}${where}): ${f.message}`];
  if (f.advice) lines.push(`→ ${f.advice}`);
  if (f.ask) lines.push(`? ${f.ask.question} (${f.ask.variants.map((v) => v.label).join(' / ')})`);
  lines.push(`<${f.source.url}>`);
  return lines.join('\n');
}

function segmentsOf(block: Block): Segment[] {
  switch (block.type) {
    case 'text':
      return [{ kind: 'prose', text: block.text }];
    case 'list':
      return [{ kind: 'prose', text: block.items.map((i) => `• ${i}`).join('\n') }];
    case 'code':
      return [{ kind: 'code', lang: safeLang(block.lang ?? (block.filename ? 'ini' : undefined)), text: block.text }];
    case 'diff':
      return [{ kind: 'code', lang: 'diff', text: block.text }];
    case 'findings':
      return block.findings.length ? [{ kind: 'prose', text: block.findings.map(findingLines).join('\n') }] : [];
  }
}

function fileNameFor(block: Block, index: number): string {
  if (block.type === 'code' && block.filename) {
    const base = block.filename.split(/[\\/]/).pop() ?? '';
    const safe = base.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
    if (safe && !/^\.+$/.test(safe)) return safe;
  }
  const suffix = index ? `-${index + 1}` : '';
  return block.type === 'diff' ? `fix${suffix}.diff` : `hurd${suffix}.cfg`;
}

/** Cut a string into pieces no longer than `max`, never between the halves of a surrogate pair. */
function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    // Prefer a space in the last fifth of the piece, so that words stay whole.
    const space = rest.lastIndexOf(' ', cut);
    if (space > cut * 0.8) cut = space + 1;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

/**
 * Packs lines into messages. A code fence that must continue in the next message is closed here and
 * reopened there with the same language, so each message is valid Markdown on its own.
 */
class MessagePacker {
  readonly messages: string[] = [];
  private current = '';
  private openLang: string | null = null;

  constructor(private readonly max: number) {}

  private flush(): void {
    if (this.openLang !== null) this.current += `\n${FENCE}`;
    if (this.current.trim()) this.messages.push(this.current);
    this.current = '';
    const lang = this.openLang;
    this.openLang = null;
    if (lang !== null) this.openFence(lang);
  }

  private openFence(lang: string): void {
    this.current += `${this.current ? '\n' : ''}${FENCE}${lang}`;
    this.openLang = lang;
  }

  private closeFence(): void {
    if (this.openLang === null) return;
    this.current += `\n${FENCE}`;
    this.openLang = null;
  }

  /** Room left for one more line, keeping space to close an open fence. */
  private fits(line: string): boolean {
    const reserve = this.openLang !== null ? FENCE.length + 1 : 0;
    return this.current.length + 1 + line.length + reserve <= this.max;
  }

  addProse(text: string): void {
    this.closeFence();
    const width = this.max - 1;
    for (const line of text.split('\n')) {
      for (const piece of hardSplit(line, width)) {
        if (this.current && !this.fits(piece)) this.flush();
        this.current += this.current ? `\n${piece}` : piece;
      }
    }
  }

  addCode(lang: string, text: string): void {
    this.closeFence();
    const overhead = FENCE.length * 2 + lang.length + 2;
    const width = this.max - overhead - 1;
    // Start a fresh message rather than open a fence with no room for a single useful line.
    if (this.current && this.current.length + 1 + overhead + 40 > this.max) this.flush();
    this.openFence(lang);
    for (const line of trimTrailingNewlines(text).split('\n')) {
      for (const piece of hardSplit(line, width)) {
        if (!this.fits(piece)) this.flush();
        this.current += `\n${piece}`;
      }
    }
    this.closeFence();
  }

  finish(): string[] {
    this.closeFence();
    if (this.current.trim()) this.messages.push(this.current);
    this.current = '';
    return this.messages;
  }
}

/** The whole reply as Markdown-ish plain text (for an overflow attachment). */
function plainText(segments: Segment[]): string {
  return segments.map((s) => (s.kind === 'code' ? `${FENCE}${s.lang}\n${s.text}\n${FENCE}` : s.text)).join('\n\n') + '\n';
}

/** Long code leaves the message flow as a file; everything else becomes segments. */
function collect(blocks: Block[], attachCodeOver: number, files: DiscordFile[], notes: Segment[] = []): Segment[] {
  const segments: Segment[] = [];
  for (const block of blocks) {
    if ((block.type === 'code' || block.type === 'diff') && block.text.length > attachCodeOver) {
      const name = uniqueName(fileNameFor(block, files.length), files);
      files.push({ name, text: block.text });
      notes.push({ kind: 'prose', text: `(attached: ${name})` });
      continue;
    }
    segments.push(...segmentsOf(block));
  }
  return segments;
}

function uniqueName(name: string, files: DiscordFile[]): string {
  if (!files.some((f) => f.name === name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${stem}-${files.length + 1}${ext}`;
}

function pack(segments: Segment[], max: number): string[] {
  const packer = new MessagePacker(max);
  for (const seg of segments) {
    if (seg.kind === 'prose') packer.addProse(clean(seg.text));
    else packer.addCode(seg.lang, clean(defuseFences(seg.text)));
  }
  return packer.finish();
}

export interface DiscordRender {
  /** Messages to send now, in order; files ride on the last one. */
  messages: DiscordOutMessage[];
  /** Rendered `reply.more` for a later "more" (empty when includeMore put it inline). */
  more: string[];
}

/**
 * Turn a reply into Discord messages. `reply.more` is kept for "more" like on IRC (so both networks give
 * the same answer), except that long code in it (a corrected config) is attached to the reply at once.
 */
export function renderDiscord(reply: Reply, options: DiscordRenderOptions = {}): DiscordRender {
  const opt = { ...DEFAULTS, ...options };
  const max = Math.min(Math.max(opt.maxLength, 200), DISCORD_MESSAGE_LIMIT - 1);
  const files: DiscordFile[] = [];
  const notes: Segment[] = [];

  const segments: Segment[] = [];
  if (reply.to) segments.push({ kind: 'prose', text: `${reply.to}:` });
  const mainBlocks = opt.includeMore ? [...reply.blocks, ...reply.more] : reply.blocks;
  segments.push(...collect(mainBlocks, opt.attachCodeOver, files, notes));
  const moreSegments = opt.includeMore ? [] : collect(reply.more, opt.attachCodeOver, files, notes);
  segments.push(...notes);

  let contents = pack(segments, max);
  const rendered = contents.join('\n');
  const unseen = reply.sources.filter((s) => /^https?:\/\/\S+$/.test(s) && !rendered.includes(s)).slice(0, 2);
  if (unseen.length > 0) contents = pack([...segments, { kind: 'prose', text: `Sources: ${unseen.map((u) => `<${u}>`).join(' ')}` }], max);

  if (contents.length > opt.maxMessages) {
    // Past the cap, the whole reply goes into one file and the channel sees only the start.
    const name = 'reply.md';
    files.push({ name, text: plainText(segments) });
    contents = [...contents.slice(0, opt.maxMessages - 1), `(the rest of this answer is attached as ${name})`];
  }
  if (contents.length === 0 && files.length > 0) contents = ['(see the attached file)'];
  const messages = contents.map((content, i) => ({ content, files: i === contents.length - 1 ? files : [] }));
  return { messages, more: pack(moreSegments, max) };
}

/** `text` without its trailing newlines; a loop, because /\n+$/ rescans every run of newlines (quadratic). */
function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(0, end);
}
