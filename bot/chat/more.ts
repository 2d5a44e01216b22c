/**
 * The rest of an answer, kept for `more` (issue 15: the one place it is kept). What an adapter could not send at
 * once (lines past the channel's cap, the detail of a reply) waits here per channel and user, and each `more`
 * releases the next page. Unread rests are dropped after a while, and the number kept is capped.
 */
const MAX_KEPT = 5000;

interface Rest {
  pieces: string[];
  expires: number;
}

export class Continuations {
  private readonly rests = new Map<string, Rest>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  private key(channel: string, author: string): string {
    return `${channel.toLowerCase()}\u0000${author.toLowerCase()}`;
  }

  /** Keeps `pieces` for this user's next `more` here (an empty list forgets what was kept). */
  save(channel: string, author: string, pieces: readonly string[]): void {
    const key = this.key(channel, author);
    this.rests.delete(key);
    if (pieces.length === 0) return;
    this.rests.set(key, { pieces: [...pieces], expires: this.now() + this.ttlMs });
    if (this.rests.size > MAX_KEPT) this.rests.delete(this.rests.keys().next().value as string);
  }

  /** The next `pageSize` pieces and how many are left, or undefined when nothing is kept. */
  take(channel: string, author: string, pageSize: number): { pieces: string[]; left: number } | undefined {
    const key = this.key(channel, author);
    const rest = this.rests.get(key);
    if (!rest || rest.expires <= this.now()) {
      this.rests.delete(key);
      return undefined;
    }
    const pieces = rest.pieces.splice(0, pageSize);
    if (rest.pieces.length === 0) this.rests.delete(key);
    else rest.expires = this.now() + this.ttlMs;
    return { pieces, left: rest.pieces.length };
  }
}
