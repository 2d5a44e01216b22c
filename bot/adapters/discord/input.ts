/**
 * What a Discord user sends, made readable: Markdown fences removed, a slash command's one-line config put back on
 * lines, attachments checked (only Discord's CDN, only text, bounded) and downloaded with a timeout. Pure but for
 * the download.
 */
import type { Attachment } from '../../brain/reply.js';

/** Characters of a message or an option the adapter reads. */
export const MAX_TEXT = 16_000;
const DOWNLOAD_TIMEOUT_MS = 10_000;
const TEXT_EXTENSIONS = new Set(['cfg', 'conf', 'config', 'log', 'txt', 'hurd', 'xl', 'xm', 'sxp']);

/** Remove Markdown fences so the brain sees the pasted text itself; the text around them stays. */
export function unfence(text: string): string {
  return text.slice(0, MAX_TEXT).replace(/```(?:[A-Za-z0-9_+-]{0,20}(?=\n))?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Slash-command string options are one line: a config typed into one arrives as `kernel = "..." memory = 256`.
 * Put each assignment back on its own line (outside quotes and brackets), so the parser sees a file again.
 */
export function unflattenConfig(text: string): string {
  const src = text.slice(0, MAX_TEXT);
  if (src.includes('\n')) return src;
  let out = '';
  let quote = '';
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === quote) quote = '';
      out += c;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && depth > 0) depth--;
    if (c === ' ' && depth === 0 && out.trim() !== '') {
      const m = /^ +([A-Za-z_][\w.]{0,63})\s*\+?=(?!=)/.exec(src.slice(i, i + 80));
      if (m) {
        out += '\n';
        i += m[0].indexOf(m[1]!) - 1;
        continue;
      }
      const comment = /^ +#/.exec(src.slice(i, i + 4));
      if (comment) {
        out += '\n';
        continue;
      }
    }
    out += c;
  }
  return out;
}

export interface AttachmentInfo {
  name: string;
  size: number;
  url: string;
  contentType: string | null;
}

/** Discord's CDN hosts, plus the host of a configured API base (a proxy, or loopback in tests). */
function trustedHost(url: string, apiBase: string | undefined): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (/(^|\.)(discordapp\.com|discordapp\.net|discord\.com)$/.test(host)) return true;
  try {
    return apiBase !== undefined && new URL(apiBase).hostname.toLowerCase() === host;
  } catch {
    return false;
  }
}

/** Why an attachment will not be read, or null when it may be downloaded. Decided before any download. */
export function attachmentProblem(a: AttachmentInfo, maxBytes: number, apiBase?: string): string | null {
  const dot = a.name.lastIndexOf('.');
  const ext = dot > 0 ? a.name.slice(dot + 1).toLowerCase() : '';
  const type = (a.contentType ?? '').toLowerCase();
  const textual = type === '' || type.startsWith('text/') || type.startsWith('application/octet-stream');
  const knownExt = TEXT_EXTENSIONS.has(ext);
  if (!(knownExt && textual) && !(ext === '' && type.startsWith('text/')) && !(knownExt === false && type.startsWith('text/plain'))) {
    return `${a.name}: I only read text files (.cfg, .log, .txt)`;
  }
  if (a.size > maxBytes) return `${a.name}: too big (${kib(a.size)} KiB; I read up to ${kib(maxBytes)} KiB)`;
  if (!/^https?:\/\//.test(a.url) || !trustedHost(a.url, apiBase)) return `${a.name}: not a Discord attachment address`;
  return null;
}

function kib(n: number): number {
  return Math.ceil(n / 1024);
}

/** Download a text attachment, refusing more bytes than allowed whatever the size field claimed. */
export async function downloadText(a: AttachmentInfo, maxBytes: number, timeoutMs = DOWNLOAD_TIMEOUT_MS): Promise<Attachment> {
  // A timer held here (AbortSignal.timeout's can be garbage-collected mid-download) aborts the whole transfer, and
  // a deadline checked per chunk stops a server that trickles bytes even if the abort is not seen.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`${a.name}: download took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  const deadline = Date.now() + timeoutMs;
  const chunks: Uint8Array[] = [];
  try {
    const res = await fetch(a.url, { signal: controller.signal, redirect: 'error' });
    if (!res.ok || !res.body) throw new Error(`${a.name}: download failed (HTTP ${res.status})`);
    let total = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > maxBytes) throw new Error(`${a.name}: bigger than announced, stopped reading`);
      if (Date.now() > deadline) throw new Error(`${a.name}: download took longer than ${timeoutMs / 1000} s`);
      chunks.push(chunk);
    }
  } catch (e) {
    if (controller.signal.aborted) {
      throw controller.signal.reason instanceof Error ? controller.signal.reason : new Error(`${a.name}: download timed out`);
    }
    throw e;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.includes(0)) throw new Error(`${a.name}: looks binary, not text`);
  return { name: a.name, text: new TextDecoder('utf-8').decode(bytes) };
}

