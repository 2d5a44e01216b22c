/**
 * Open cases (issue 16), per channel and author: a paste the bot could not settle and the output it asked for.
 * The next paste from that person in that channel is read together with it; two people never share one.
 */
import { analysePaste, type PasteAnalysis } from '../../rules/logs/analysis.js';
import type { BrainContext } from './context.js';
import type { Message, Reply } from './reply.js';
import { logReply } from './replies/log.js';
import { symptomById } from './symptoms.js';

/** "nevermind", "forget it": the open case is dropped. Literal alternation, anchored: linear. */
const DROP_CASE = /^(?:\S{1,30}[:,]\s{0,3})?(?:never ?mind|nvm|forget it|drop it|solved|fixed it|got it working)\b/i;
/** What an open case keeps of the earlier paste (its end: the decisive lines). */
const MAX_CASE_EVIDENCE = 32 * 1024;
const MAX_CASES = 2000;

interface OpenCase {
  evidence: string;
  asked: string;
  /** The symptom told in words that opened it, if one did. */
  symptom?: string;
  at: number;
}

/** What follows a "nevermind" in the same message, after its sentence and an "other q:" lead-in. */
export function afterNevermind(text: string): string | undefined {
  const m = DROP_CASE.exec(text.trim());
  if (!m) return undefined;
  const after = text.trim().slice(m[0].length);
  const cut = after.search(/[.!;\n]/);
  return (cut >= 0 ? after.slice(cut + 1) : '').replace(/^\s*(?:(?:an)?other|new|different|unrelated)\s+(?:q|question|thing|topic)\s*:\s*/i, '').trim();
}

export class Cases {
  private readonly open = new Map<string, OpenCase>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  private key(msg: Message): string {
    return `${msg.channel.toLowerCase()}\u0000${msg.author.toLowerCase()}`;
  }

  /** The author's open case in this channel, if it has not timed out. */
  pending(msg: Message): OpenCase | undefined {
    const c = this.open.get(this.key(msg));
    if (c && this.now() - c.at > this.ttlMs) {
      this.open.delete(this.key(msg));
      return undefined;
    }
    return c;
  }

  close(msg: Message): void {
    this.open.delete(this.key(msg));
  }

  /**
   * "nevermind", "nvm, works now": the open case (if any) is dropped. Undefined when the message does not start so;
   * else whether a case was open, and what follows in the same message ("... other q: how do i ...") to be
   * answered as a new message.
   */
  drop(msg: Message, text: string): { hadCase: boolean; rest: string } | undefined {
    const rest = afterNevermind(text);
    if (rest === undefined) return undefined;
    const hadCase = this.pending(msg) !== undefined;
    this.close(msg);
    return { hadCase, rest };
  }

  /** When a reply asks for one more output (reply.asks), the case stays open for it with what was said so far. */
  openIfAsked(reply: Reply, evidence: string, msg: Message): void {
    if (!reply.asks) return;
    if (this.open.size > MAX_CASES) this.open.delete(this.open.keys().next().value as string);
    this.open.set(this.key(msg), { evidence: evidence.slice(-MAX_CASE_EVIDENCE), asked: reply.asks.what, ...(reply.asks.symptom ? { symptom: reply.asks.symptom } : {}), at: this.now() });
  }

  /**
   * The output asked for, read together with what was pasted before: one diagnosis of both. A conclusion closes
   * the case; without one the case stays open with both pastes (and the reply asks again).
   */
  reply(ctx: BrainContext, open: OpenCase, paste: PasteAnalysis, msg: Message): Reply {
    // a trouble told in words may be settled by the output it asked for
    const settled = open.symptom ? symptomById(open.symptom)?.conclude?.(paste.text) : undefined;
    if (settled) {
      this.close(msg);
      return { kind: 'log', answered: true, blocks: [{ type: 'text', text: settled }], more: [], findings: [], sources: [symptomById(open.symptom!)!.source] };
    }
    const combined = analysePaste(`${open.evidence}\n${paste.text}`);
    const r = logReply(ctx, combined, 'log');
    const found = r.findings.some((f) => f.severity !== 'info');
    if (found) r.blocks.unshift({ type: 'text', text: 'Read together with what you pasted before:' });
    // concluded: something serious found and nothing left to ask; else the case goes on with both pastes
    if (found && !r.asks) this.close(msg);
    else this.open.set(this.key(msg), { evidence: combined.text.slice(-MAX_CASE_EVIDENCE), asked: r.asks?.what ?? open.asked, at: this.now() });
    return r;
  }
}
