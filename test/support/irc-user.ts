/**
 * Users of a real ngircd for tests and dialogues: real irc-framework clients that join a channel, say lines and
 * record what they hear, and waits for the bot to answer or fall quiet.
 */
import type { Socket } from 'node:net';
import irc, { type Client, type MessageEvent } from 'irc-framework';
import { waitFor, type Ngircd } from './ngircd.js';

const LONG = 60_000;

export interface Heard {
  nick: string;
  target: string;
  message: string;
  type: 'privmsg' | 'notice';
  at: number;
}

export interface User {
  client: Client;
  nick: string;
  heard: Heard[];
  /** Messages from the bot to the channel or to this user. */
  fromBot(): Heard[];
  say(text: string): void;
  close(): Promise<void>;
}

export async function connectUser(server: Ngircd, nick: string, channel: string, botNick: string): Promise<User> {
  const client = new irc.Client();
  const heard: Heard[] = [];
  const record = (type: Heard['type']) => (ev: MessageEvent) => heard.push({ nick: ev.nick, target: ev.target, message: ev.message, type, at: performance.now() });
  client.on('privmsg', record('privmsg'));
  client.on('notice', record('notice'));
  let joined = false;
  client.on('join', (ev) => {
    if (ev.nick === nick && ev.channel === channel) joined = true;
  });
  client.on('registered', () => client.join(channel));
  // Like a person's client, send each line at once (Nagle would add the server's delayed-ACK time to latency).
  client.on('socket connected', () =>
    (client as unknown as { connection?: { transport?: { socket?: Socket } } }).connection?.transport?.socket?.setNoDelay(true),
  );
  client.connect({ host: server.host, port: server.port, nick, username: nick, gecos: nick, auto_reconnect: false, message_max_length: 480 });
  await waitFor(() => joined, LONG, `${nick} to join ${channel}`);
  return {
    client,
    nick,
    heard,
    fromBot: () => heard.filter((h) => h.nick === botNick),
    say: (text) => client.say(channel, text),
    close: async () => {
      const closed = new Promise<void>((r) => {
        client.once('close', () => r());
        setTimeout(r, 2000);
      });
      client.quit('bye');
      await closed;
    },
  };
}

/** Wait until the user has heard `count` more bot messages than `before`; return them. */
export async function nextFromBot(user: User, before: number, count = 1, timeoutMs = LONG): Promise<Heard[]> {
  await waitFor(() => user.fromBot().length >= before + count, timeoutMs, `${count} message(s) from the bot to ${user.nick}`);
  return user.fromBot().slice(before);
}

/** Wait until the bot has been silent for `quietMs` (to count what a paste produced). */
export async function quiet(user: User, quietMs: number, stepMs = 25): Promise<void> {
  let last = user.fromBot().length;
  let since = Date.now();
  await waitFor(
    () => {
      const n = user.fromBot().length;
      if (n !== last) {
        last = n;
        since = Date.now();
      }
      return Date.now() - since >= quietMs;
    },
    LONG,
    'the bot to fall quiet',
    stepMs,
  );
}

