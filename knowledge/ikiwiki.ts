/**
 * Loads Hurd wiki pages in ikiwiki's Markdown dialect: `[[!directive ...]]`
 * (possibly spanning lines, with """triple-quoted""" arguments that may hold
 * further brackets) are removed, `[[wikilinks]]` become their text, and the
 * rest is lexed with marked into sections. Pages are cited by their
 * gnu.org URL.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sectionize } from './plaintext.js';
import type { Entry } from './types.js';

export const WIKI_BASE_URL = 'https://www.gnu.org/software/hurd/';

export interface Directive {
  name: string;
  args: string;
}

export interface StrippedPage {
  markdown: string;
  title?: string;
  tags: string[];
  directives: Directive[];
}

/** Shortcut directives whose argument is shown as text on the rendered page. */
const SHORTCUTS: Record<string, (arg: string) => string> = {
  debbug: (a) => `Debian bug #${a}`,
  gnu_savannah_task: (a) => `Savannah task #${a}`,
  gnu_savannah_bug: (a) => `Savannah bug #${a}`,
  gnu_savannah_patch: (a) => `Savannah patch #${a}`,
  wikipedia: (a) => a.replace(/_/g, ' '),
  ff_project: (a) => `FossFactory project #${a}`,
};

/** Longest directive we look for; real ones (a license block) are well under this. */
const MAX_DIRECTIVE = 8000;

/** Index of the `]]` closing a directive opened before `from`, honouring quotes; -1 if none. */
function directiveEnd(source: string, from: number): number {
  // Bounded so that many unterminated directives cost linear time, not quadratic.
  const text = source.slice(0, from + MAX_DIRECTIVE);
  let i = from;
  while (i < text.length) {
    if (text.startsWith('"""', i)) {
      const close = text.indexOf('"""', i + 3);
      if (close < 0) return -1;
      i = close + 3;
    } else if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else if (text.startsWith(']]', i)) {
      return i;
    } else {
      i++;
    }
  }
  return -1;
}

function argValue(args: string, key: string): string | undefined {
  // regex-safe: `key` is one of this file's constant directive names; applied to one directive's arguments from
  // operator-provided wiki pages (BOT_WIKI_DIR), never to chat text
  const re = new RegExp(`(?:^|\\s)${key}=("""([\\s\\S]*?)"""|"([^"]*)"|(\\S+))`);
  const m = re.exec(args);
  if (!m) return undefined;
  return m[2] ?? m[3] ?? m[4];
}

function renderLink(inner: string): string {
  const bar = inner.indexOf('|');
  if (bar >= 0) return inner.slice(0, bar).replace(/_/g, ' ');
  const hash = inner.indexOf('#');
  const target = hash >= 0 ? inner.slice(0, hash) : inner;
  const last = target.split('/').filter(Boolean).pop() ?? target;
  return last.replace(/_/g, ' ');
}

/** Remove directives and resolve wikilinks; returns plain Markdown plus page metadata. */
export function stripIkiwiki(source: string): StrippedPage {
  const text = source.replace(/\r\n?/g, '\n');
  const directives: Directive[] = [];
  const tags: string[] = [];
  let title: string | undefined;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('[[', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    // `\[[` is ikiwiki's escape for literal brackets.
    if (open > 0 && text[open - 1] === '\\') {
      out += text.slice(i, open - 1) + '[[';
      i = open + 2;
      continue;
    }
    out += text.slice(i, open);
    if (text[open + 2] === '!') {
      const end = directiveEnd(text, open + 3);
      if (end < 0) {
        // Unterminated directive: drop the rest of the line rather than leak it.
        const eol = text.indexOf('\n', open);
        i = eol < 0 ? text.length : eol;
        continue;
      }
      const body = text.slice(open + 3, end);
      const nameMatch = /^[\w-]+/.exec(body);
      const name = (nameMatch?.[0] ?? '').toLowerCase();
      const args = body.slice(name.length).trim();
      directives.push({ name, args });
      if (name === 'meta') {
        const t = argValue(args, 'title');
        if (t !== undefined) title = t;
      } else if (name === 'tag' || name === 'taglink') {
        tags.push(...args.split(/\s+/).filter((a) => a !== '' && !a.includes('=')));
      } else if (SHORTCUTS[name] && /^[\w./-]+$/.test(args)) {
        out += SHORTCUTS[name](args);
      }
      i = end + 2;
      continue;
    }
    const close = text.indexOf(']]', open + 2);
    const inner = close < 0 ? '' : text.slice(open + 2, close);
    if (close < 0 || inner.includes('\n\n') || inner.length > 300) {
      out += '[[';
      i = open + 2;
      continue;
    }
    out += renderLink(inner.replace(/\s+/g, ' ').trim());
    i = close + 2;
  }
  // ikiwiki's warning smiley carries no content.
  const markdown = out.replace(/\/!\\\s*/g, '');
  return { markdown, title, tags, directives };
}

/** gnu.org URL of a wiki page path such as `microkernel/mach/gnumach/ports/xen(.mdwn)`. */
export function pageUrl(pagePath: string): string {
  const clean = pagePath.replace(/\\/g, '/').replace(/\.mdwn$/, '').replace(/^\/+/, '');
  return `${WIKI_BASE_URL}${clean}.html`;
}

/** Parse one wiki page's source into an Entry (origin 'wiki'). */
export function parseWikiPage(source: string, pagePath: string): Entry {
  const clean = pagePath.replace(/\\/g, '/').replace(/\.mdwn$/, '');
  const page = stripIkiwiki(source);
  const { summary, sections } = sectionize(page.markdown);
  const firstText = sections.find((s) => s.text !== '')?.text.split('\n')[0] ?? '';
  const headings = sections.map((s) => s.heading).filter((h) => h !== '');
  return {
    id: `wiki:${clean}`,
    title: page.title ?? `Hurd wiki: ${clean.replace(/_/g, ' ')}`,
    // The page's own name (zenhost, xen_lseek, writeback_caching) is its topic.
    aliases: [clean.split('/').pop()!.replace(/_/g, ' ')],
    questions: [],
    tags: page.tags.map((t) => t.replace(/_/g, ' ')),
    rules: [],
    keywords: [...clean.split('/').map((p) => p.replace(/_/g, ' ')), ...headings],
    sources: [{ url: pageUrl(clean) }],
    summary: summary || firstText,
    sections,
    origin: 'wiki',
  };
}

interface MappedFile {
  path: string;
  date: string;
}

/**
 * The reference folder names files `<flattened path>_<date>_<hash>.mdwn` and
 * lists the real page path of each in a README table (columns file, date, path).
 */
function readFileMap(dir: string): Map<string, MappedFile> {
  const map = new Map<string, MappedFile>();
  let readme: string;
  try {
    readme = readFileSync(join(dir, 'README.md'), 'utf8');
  } catch {
    return map;
  }
  let columns: string[] | undefined;
  for (const line of readme.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (!columns) {
      columns = cells.map((c) => c.toLowerCase());
      continue;
    }
    const file = cells[columns.indexOf('file')];
    const path = cells[columns.indexOf('path')] ?? cells[columns.indexOf('path at that time')];
    const date = cells[columns.indexOf('date')] ?? cells[columns.indexOf('last change')] ?? '';
    if (file && path && file.endsWith('.mdwn')) map.set(file, { path, date });
  }
  return map;
}

function listMdwn(dir: string, root: string = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listMdwn(full, root));
    else if (name.endsWith('.mdwn')) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

/**
 * Load every `.mdwn` page under `dir`. Several revisions of one page (as in
 * the reference folder) collapse to the newest, so answers cite one page.
 */
export function loadWikiDir(dir: string): Entry[] {
  const map = readFileMap(dir);
  const newest = new Map<string, { file: string; date: string; path: string }>();
  for (const file of listMdwn(dir)) {
    const mapped = map.get(file);
    const path = (mapped?.path ?? file).replace(/\.mdwn$/, '');
    const date = mapped?.date ?? '';
    // A mapped file inside a subfolder is one revision of the page that folder
    // collects (the page may have moved, so its path alone does not group them).
    const slash = file.lastIndexOf('/');
    const group = mapped && slash > 0 ? `dir:${file.slice(0, slash)}` : path;
    const prev = newest.get(group);
    if (!prev || date >= prev.date) newest.set(group, { file, date, path });
  }
  return [...newest.values()]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ path, file }) => parseWikiPage(readFileSync(join(dir, file), 'utf8'), path));
}
