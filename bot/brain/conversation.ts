/**
 * What the brain remembers of a channel between messages: the topic of the last answer (for follow-ups such as
 * "and with xl?") and what that answer came from (what !wrong and !thanks rate). The rest of a long answer is not
 * kept here: the chat layer (bot/chat/more.ts) owns continuations.
 */
const CHANNEL_STATE_LIMIT = 2000;

export interface ChannelState {
  topic?: string;
  /** Each author's last message that was no command, and when: what a `continues` message completes. */
  said?: Map<string, { text: string; at: number }>;
  /** What the last reply here came from (entry and rule ids) and said. */
  last?: { refs: string[]; text: string };
}

export class Conversation {
  private readonly channels = new Map<string, ChannelState>();

  /** The state of one channel, created on first use; the least recently created goes past the limit. */
  of(channel: string): ChannelState {
    let s = this.channels.get(channel);
    if (!s) {
      if (this.channels.size >= CHANNEL_STATE_LIMIT) this.channels.delete(this.channels.keys().next().value as string);
      s = {};
      this.channels.set(channel, s);
    }
    return s;
  }
}
