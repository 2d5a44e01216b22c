/** IRC as a network of the bot: its configuration section (`irc`, IRC_* variables) and its lazily loaded adapter. */
import { z } from 'zod';
import { defined, type Network } from '../network.js';

export const ircSchema = z.strictObject({
  server: z.string().min(1),
  port: z.number().int().positive().max(65535).default(6667),
  tls: z.boolean().default(false),
  /** Accept self-signed certificates (test servers only). */
  tlsInsecure: z.boolean().default(false),
  nick: z.string().min(1).default('hurd-xen-bot'),
  altNicks: z.array(z.string()).default([]),
  username: z.string().default('hurdxen'),
  realname: z.string().default('hurd-xen-bot: GNU Hurd on Xen help'),
  channels: z.array(z.string()).default([]),
  sasl: z
    .strictObject({ mechanism: z.enum(['PLAIN', 'EXTERNAL']).default('PLAIN'), account: z.string(), password: z.string().optional() })
    .optional(),
  nickservPassword: z.string().optional(),
  /** Services accounts allowed to run admin commands. */
  admins: z.array(z.string()).default([]),
  /** Quiet window (ms) that closes a multi-line paste. */
  pasteWindowMs: z.number().int().nonnegative().default(1500),
  /** Channels where the bot may point at a known error nobody asked it about. */
  unaddressedChannels: z.array(z.string()).default([]),
  unaddressedCooldownMs: z.number().int().nonnegative().default(600_000),
  /** Outgoing flood control: burst size and sustained lines per second. */
  floodBurst: z.number().int().positive().default(4),
  floodRate: z.number().positive().default(1),
  /**
   * Where a config or diff longer than the channel's line count goes: "private" (a message to the asker, with a
   * one-line pointer in the channel) or "more" (kept in the channel, behind "more").
   */
  longOutput: z.enum(['private', 'more']).default('private'),
  reconnectMaxDelayMs: z.number().int().positive().default(60_000),
});

export type IrcConfig = z.infer<typeof ircSchema>;

export const ircNetwork = {
  key: 'irc' as const,
  schema: ircSchema,
  settings(file, env, problems) {
    const fromEnv = defined({
      server: env.str('IRC_SERVER', 'irc.server'),
      port: env.int('IRC_PORT', 'irc.port'),
      tls: env.bool('IRC_TLS', 'irc.tls'),
      nick: env.str('IRC_NICK', 'irc.nick'),
      channels: env.list('IRC_CHANNELS', 'irc.channels'),
    });
    const irc = { ...file, ...fromEnv } as Record<string, unknown>;
    const saslAccount = env.str('IRC_SASL_ACCOUNT', 'irc.sasl.account');
    const saslPassword = env.secret('IRC_SASL_PASSWORD', 'irc.sasl.password');
    const fileSasl = typeof file.sasl === 'object' && file.sasl !== null ? (file.sasl as Record<string, unknown>) : undefined;
    // The password from the environment goes with the account from the file too (the README's own example).
    if (saslAccount || (fileSasl && saslPassword)) irc.sasl = { ...(fileSasl ?? {}), ...(saslAccount ? { account: saslAccount } : {}), ...(saslPassword ? { password: saslPassword } : {}) };
    else if (saslPassword) problems.push({ where: 'IRC_SASL_PASSWORD', message: 'set, but no SASL account (IRC_SASL_ACCOUNT or irc.sasl.account)' });
    const nickserv = env.secret('IRC_NICKSERV_PASSWORD', 'irc.nickservPassword');
    if (nickserv) irc.nickservPassword = nickserv;
    if (irc.server !== undefined) return irc;
    if (Object.keys(fromEnv).length > 0) {
      problems.push({ where: [...env.origin.entries()].filter(([p]) => p.startsWith('irc.')).map(([, v]) => v).join(', '), message: 'IRC settings without an IRC server (IRC_SERVER or irc.server)' });
    }
    return undefined;
  },
  nick: (cfg) => cfg.nick,
  // IRC servers come back: every start error is worth a retry.
  isFatal: () => false,
  async start(brain, cfg, deps) {
    const { startIrc } = await import('./adapter.js');
    const irc = await startIrc(brain, cfg, deps);
    return { stop: () => irc.stop('shutting down'), state: () => irc.state() };
  },
} satisfies Network<IrcConfig>;
