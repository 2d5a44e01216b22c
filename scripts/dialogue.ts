/**
 * Scripted troubleshooting dialogues (issue 16): the format of test/fixtures/dialogues/*.json and the judge that
 * scores one run. The judge is pure: whoever runs the dialogue (the brain, the console, IRC, Discord) hands it the
 * bot's text for each turn.
 */

export interface DialogueTurn {
  /** What the user types or pastes. */
  user: string;
  expect: {
    /** Every inner list: one of its strings names the observation the bot must ask for here. */
    asksFor?: string[][];
    mustMention?: string[][];
    mustNotMention?: string[];
    /** The turn where the cause and the fix must be said. */
    concludes?: boolean;
  };
}

export interface Dialogue {
  id: string;
  provenance: { kind: string; url: string; note?: string };
  facts?: string[];
  /** How many questions an expert needs before concluding (the bot may not ask more). */
  expertAsks: number;
  turns: DialogueTurn[];
}

export interface TurnVerdict {
  turn: number;
  pass: boolean;
  why: string;
}

export interface DialogueVerdict {
  id: string;
  pass: boolean;
  turns: TurnVerdict[];
}

/** The bot's words, without lines that only quote the user's paste back. */
function ownWords(reply: string, user: string): string {
  const quoted = new Set(user.split('\n').map((l) => l.trim()).filter((l) => l.length >= 12));
  return reply
    .split('\n')
    .filter((l) => !quoted.has(l.trim()))
    .join('\n')
    .toLowerCase();
}

const missing = (text: string, groups: string[][] = []): string[][] => groups.filter((alts) => !alts.some((a) => text.includes(a.toLowerCase())));

/** Judges one run: `replies[i]` is everything the bot said after turn i. */
export function judgeDialogue(d: Dialogue, replies: readonly string[]): DialogueVerdict {
  const turns: TurnVerdict[] = d.turns.map((t, i) => {
    const said = ownWords(replies[i] ?? '', t.user);
    const why: string[] = [];
    if (said.trim() === '') why.push('no reply');
    const ask = missing(said, t.expect.asksFor);
    if (ask.length > 0) why.push(`did not ask for ${JSON.stringify(ask)}`);
    const miss = missing(said, t.expect.mustMention);
    if (miss.length > 0) why.push(`missing ${JSON.stringify(miss)}`);
    const wrong = (t.expect.mustNotMention ?? []).filter((w) => said.includes(w.toLowerCase()));
    if (wrong.length > 0) why.push(`said ${JSON.stringify(wrong)}`);
    return { turn: i + 1, pass: why.length === 0, why: why.join('; ') || 'ok' };
  });
  return { id: d.id, pass: turns.every((t) => t.pass), turns };
}
