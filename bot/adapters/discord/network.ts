/** Discord as a network of the bot: its configuration section (`discord`, DISCORD_* variables) and its lazily loaded adapter. */
import { z } from 'zod';
import { defined, type Network } from '../network.js';

export const discordSchema = z.strictObject({
  token: z.string().min(1),
  /** REST base, e.g. https://discord.com/api (tests point it at loopback). */
  apiBase: z.string().url().optional(),
  registerCommands: z.boolean().default(true),
  /** Register the slash commands in these guilds only (they appear at once) instead of globally. */
  guildIds: z.array(z.string()).default([]),
  /** Maintainers: Discord user ids, or role ids whose members are maintainers (teach, forget, reload, unanswered). */
  admins: z.array(z.string()).default([]),
  /** Attachments bigger than this are not downloaded. */
  maxAttachmentBytes: z.number().int().positive().default(256 * 1024),
  unaddressedChannels: z.array(z.string()).default([]),
});

export type DiscordConfig = z.infer<typeof discordSchema>;

/** A start error no retry can cure: the token is refused, or the application lacks the intents it asks for. */
export function isFatalDiscordError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (code === 'TokenInvalid' || code === 'TokenMissing' || code === 'DisallowedIntents' || code === 4004 || code === 4014) return true;
  return /invalid token|authentication failed|disallowed intent/i.test(e instanceof Error ? e.message : String(e));
}

export const discordNetwork = {
  key: 'discord' as const,
  schema: discordSchema,
  settings(file, env, problems, fileName) {
    const discord = { ...file, ...defined({ token: env.secret('DISCORD_TOKEN', 'discord.token'), apiBase: env.str('DISCORD_API_BASE', 'discord.apiBase') }) } as Record<string, unknown>;
    if (typeof discord.token === 'string' && /\s/.test(discord.token.trim())) {
      problems.push({ where: env.origin.has('discord.token') ? 'DISCORD_TOKEN' : `${fileName}: discord.token`, message: 'looks like a placeholder, not a bot token (tokens have no spaces); set DISCORD_TOKEN' });
    }
    return discord.token ? discord : undefined;
  },
  isFatal: isFatalDiscordError,
  async start(brain, cfg, deps) {
    const { startDiscord } = await import('./adapter.js');
    return startDiscord(brain, cfg, deps);
  },
} satisfies Network<DiscordConfig>;
