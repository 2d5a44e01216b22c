/**
 * What every part of the brain shares: the knowledge base (reloadable), the store, the per-channel conversation
 * and the few settings. The dispatcher (index.ts) makes one; replies and commands receive it.
 */
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { Store } from '../../store/index.js';
import type { Conversation } from './conversation.js';

export interface BrainContext {
  readonly name: string;
  readonly prefix: string;
  readonly version: string;
  /** How many findings a reply shows before the rest goes to `more`. */
  readonly maxFindings: number;
  /** The knowledge base now (a reload swaps it). */
  kb(): KnowledgeBase;
  readonly store?: Store;
  readonly conversation: Conversation;
  reloadKnowledge(): string;
}

/** A store call that may fail (disk full, locked file) without taking the answer down; `fallback` without a store. */
export function withStore<T>(ctx: BrainContext, fn: (s: Store) => T, fallback: T): T {
  if (!ctx.store) return fallback;
  try {
    return fn(ctx.store);
  } catch {
    return fallback;
  }
}
