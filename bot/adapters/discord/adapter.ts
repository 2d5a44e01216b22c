/**
 * The Discord adapter (discord.js 14): turns messages that address the bot, DMs and slash commands into the
 * brain's messages, asks the shared gate what to do, and sends the Discord rendering of the reply.
 * discord.js is imported lazily here so that a bot without Discord never loads it.
 *
 * The bot never pings: allowedMentions is empty client-wide and on every payload, and the renderer also
 * breaks mention syntax in the text.
 */
import type {
  ChatInputCommandInteraction,
  Client,
  ClientOptions,
  Interaction,
  Message as DiscordMessage,
  MessageCreateOptions,
  InteractionReplyOptions,
  SendableChannels,
} from 'discord.js';
import type { DiscordConfig, LimitsConfig } from '../../ops/config.js';
import { createGate, type Decision, type Gate } from '../../chat/gate.js';
import type { Logger } from '../../ops/log.js';
import type { BotMetrics } from '../../ops/metrics.js';
import { neutraliseMentions, renderDiscord, type DiscordOutMessage, type DiscordRenderOptions } from '../../render/discord.js';
import type { Attachment, Brain, Message, Reply } from '../../brain/reply.js';
import { readAddress } from '../../brain/address.js';
import { attachmentProblem, downloadText, MAX_TEXT, unfence, type AttachmentInfo } from './input.js';
import { slashArgs, slashCommandData } from './slash.js';

export { attachmentProblem, unfence, unflattenConfig } from './input.js';
export { slashArgs, slashCommandData } from './slash.js';

export interface DiscordAdapterOptions {
  limits: LimitsConfig;
  ignore: string[];
  /** Ignore masks maintainers added at run time (kept in the store). */
  extraIgnore?: () => readonly string[];
  logger?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Extra discord.js client options (tests: REST and identify throttles); `rest.api` comes from cfg.apiBase. */
  clientOptions?: Partial<ClientOptions>;
  render?: DiscordRenderOptions;
  /** How long to wait for the gateway to be ready before giving up. */
  readyTimeoutMs?: number;
  /** Prometheus metrics: brain exchanges, reconnects and caught errors are counted with transport "discord". */
  metrics?: BotMetrics;
}

export interface DiscordHandle {
  stop(): Promise<void>;
  /** 'connected' while the gateway session is up; 'reconnecting' while discord.js resumes it. */
  state(): 'connected' | 'reconnecting';
  client: unknown;
}

/** Never ping anyone: no @everyone/@here, no roles, no users, not even the person replied to. */
const NO_MENTIONS = { parse: [] as [], repliedUser: false };
const EPHEMERAL = 1 << 6;
const SUPPRESS_EMBEDS = 1 << 2;
/** Discord caps a message at 4000 characters (Nitro); anything more is not a message we should read. */
const MAX_ATTACHMENTS = 3;

const SILENT_LOGGER = { info() {}, warn() {}, error() {}, debug() {} };

// ---------------------------------------------------------------------------------------------------

export async function startDiscord(brain: Brain, cfg: DiscordConfig, opts: DiscordAdapterOptions): Promise<DiscordHandle> {
  const djs = await import('discord.js');
  const { Client, Events, GatewayIntentBits, Partials, MessageFlags } = djs;
  const log = opts.logger ?? SILENT_LOGGER;
  const metrics = opts.metrics;
  // prom-client is loaded only when metrics are on.
  const measured: Brain = metrics ? (await import('../../ops/metrics.js')).measureBrain(brain, metrics) : brain;
  const extra = opts.clientOptions ?? {};

  const client: Client = new Client({
    ...extra,
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
    rest: { ...(extra.rest ?? {}), ...(cfg.apiBase ? { api: cfg.apiBase } : {}) },
  });

  let gate: Gate | undefined;
  let reconnecting = false;
  const maintainers = new Set(cfg.admins);
  /** A maintainer by user id or by one of their roles' ids (configured in discord.admins), never by name. */
  const isMaintainer = (userId: string, roleIds?: Iterable<string>): boolean => {
    if (maintainers.has(userId)) return true;
    for (const r of roleIds ?? []) if (maintainers.has(r)) return true;
    return false;
  };

  const commands = slashCommandData(djs);

  const send = async (channel: SendableChannels, out: DiscordOutMessage, replyTo?: DiscordMessage): Promise<void> => {
    const payload: MessageCreateOptions = {
      content: out.content,
      allowedMentions: NO_MENTIONS,
      flags: MessageFlags.SuppressEmbeds,
      files: out.files.map((f) => ({ attachment: Buffer.from(f.text), name: f.name })),
    };
    if (replyTo) await replyTo.reply({ ...payload, flags: MessageFlags.SuppressEmbeds });
    else await channel.send(payload);
  };

  const sendAll = async (channel: SendableChannels, outs: DiscordOutMessage[], replyTo?: DiscordMessage): Promise<void> => {
    for (const [i, out] of outs.entries()) await send(channel, out, i === 0 ? replyTo : undefined);
  };

  const textMessages = (text: string): DiscordOutMessage[] => [{ content: neutraliseMentions(text), files: [] }];

  /** Notes about skipped attachments go first, so people know why their file was not read. */
  const withNotes = (reply: Reply, notes: string[]): Reply =>
    notes.length === 0 ? reply : { ...reply, blocks: [{ type: 'text', text: `(skipped ${notes.join('; ')})` }, ...reply.blocks] };

  const addresseePrefix = (outs: DiscordOutMessage[], decision: Extract<Decision, { type: 'reply' }>, author: string): DiscordOutMessage[] => {
    const who = decision.addressee;
    if (!who || who === author || who === decision.reply.to || outs.length === 0) return outs;
    const [first, ...rest] = outs;
    const prefix = neutraliseMentions(`${who}: `.slice(0, 80));
    if (first!.content.length + prefix.length >= 2000) return [{ content: prefix.trim(), files: [] }, ...outs];
    return [{ ...first!, content: prefix + first!.content }, ...rest];
  };

  async function readAttachments(list: AttachmentInfo[]): Promise<{ attachments: Attachment[]; notes: string[] }> {
    const attachments: Attachment[] = [];
    const notes: string[] = [];
    for (const a of list.slice(0, MAX_ATTACHMENTS)) {
      const problem = attachmentProblem(a, cfg.maxAttachmentBytes, cfg.apiBase);
      if (problem) {
        notes.push(problem);
        continue;
      }
      try {
        attachments.push(await downloadText(a, cfg.maxAttachmentBytes));
      } catch (e) {
        notes.push((e as Error).message);
      }
    }
    if (list.length > MAX_ATTACHMENTS) notes.push(`${list.length - MAX_ATTACHMENTS} more file(s): I read ${MAX_ATTACHMENTS} at most`);
    return { attachments, notes };
  }

  // ----- messages ----------------------------------------------------------------------------------

  /** A mention of the bot is Discord's own form of addressing; the name, the prefix and DMs are read by readAddress. */
  function addressing(m: DiscordMessage): { addressed: boolean; text: string } {
    const me = client.user;
    let text = m.content.slice(0, MAX_TEXT);
    let mentioned = false;
    if (me) {
      // regex-safe: me.id is a snowflake (digits only); both patterns are literal text plus one anchored class run
      const mention = new RegExp(`<@!?${me.id}>`, 'g');
      mentioned = m.mentions.users.has(me.id) || mention.test(text);
      text = text.replace(new RegExp(`^\\s*<@!?${me.id}>[\\s:,]*`), '').replace(mention, brain.name);
    }
    const address = readAddress(text.trimStart(), { names: [brain.name], prefix: brain.prefix, isPrivate: !m.inGuild() });
    return { addressed: mentioned || address.addressed, text: address.named ? address.text : text };
  }

  async function onMessage(m: DiscordMessage): Promise<void> {
    if (m.author.bot || m.webhookId || m.system || m.author.id === client.user?.id) return;
    if (!gate) return;
    const { addressed, text } = addressing(m);
    const isPrivate = !m.inGuild();
    const channel = isPrivate ? m.author.username : m.channelId;
    // Unaddressed chatter is only worth the brain's time where known-error pointers are switched on.
    if (!addressed && !unaddressedIds.has(m.channelId)) return;
    const ids = [m.author.id, m.author.tag, ...(m.author.globalName ? [m.author.globalName] : [])];
    // A flood of attachments must not turn into a flood of downloads: the rate limit is asked first.
    const listed = gate.wouldAdmit({ author: m.author.username, channel, isPrivate, fromBot: false }, ids) ? [...m.attachments.values()] : [];
    const { attachments, notes } = await readAttachments(listed.map((a) => ({ name: a.name, size: a.size, url: a.url, contentType: a.contentType })));
    const msg: Message = {
      text: unfence(text),
      author: m.author.username,
      channel,
      transport: 'discord',
      addressed,
      isPrivate,
      ...(attachments.length ? { attachments } : {}),
      fromBot: false,
      admin: isMaintainer(m.author.id, m.member?.roles.cache.keys()),
    };
    const decision = gate.handle(msg, ids);
    log.debug({ event: 'discord.decision', type: decision.type, channel: m.channelId });
    if (!m.channel.isSendable()) return;
    const here = m.channel;
    switch (decision.type) {
      case 'silent':
        return;
      case 'notice':
      case 'see-above':
        return sendAll(here, textMessages(decision.text), m);
      case 'more':
        return sendAll(here, decision.pieces.map((p) => ({ content: p, files: [] })), m);
      case 'reply': {
        const reply = withNotes(decision.reply, addressed ? notes : []);
        if (decision.isPrivate && !isPrivate) {
          const { messages } = renderDiscord(reply, { ...opts.render, includeMore: true });
          try {
            const dm = await m.author.createDM();
            await sendAll(dm, messages);
            await sendAll(here, textMessages('I sent you the answer in a direct message.'), m);
            return;
          } catch (e) {
            log.info({ event: 'discord.dm-failed', err: (e as Error).message });
          }
        }
        const rendered = renderDiscord(reply, { ...opts.render, includeMore: isPrivate || decision.isPrivate });
        await sendAll(here, addresseePrefix(rendered.messages, decision, msg.author), m);
        if (rendered.more.length) gate.saveMore(msg.channel, msg.author, rendered.more);
        return;
      }
    }
  }

  // ----- slash commands ----------------------------------------------------------------------------

  async function respond(i: ChatInputCommandInteraction, outs: DiscordOutMessage[], ephemeral: boolean): Promise<void> {
    const flags = SUPPRESS_EMBEDS | (ephemeral ? EPHEMERAL : 0);
    for (const [n, out] of outs.entries()) {
      const payload = { content: out.content, allowedMentions: NO_MENTIONS, files: out.files.map((f) => ({ attachment: Buffer.from(f.text), name: f.name })) };
      // A public deferral cannot become ephemeral by editing it: remove it and answer privately instead.
      if (n === 0 && i.deferred && !i.replied && ephemeral) {
        await i.deleteReply().catch(() => undefined);
        await i.followUp({ ...payload, flags } as InteractionReplyOptions & { flags: number });
      } else if (n === 0 && i.deferred && !i.replied) await i.editReply(payload);
      else if (n === 0 && !i.replied) await i.reply({ ...payload, flags } as InteractionReplyOptions & { flags: number });
      else await i.followUp({ ...payload, flags } as InteractionReplyOptions & { flags: number });
    }
  }

  async function onSlash(i: ChatInputCommandInteraction): Promise<void> {
    if (!gate) throw new Error('not ready yet');
    const get = (o: string): string | number | boolean | null => {
      const opt = i.options.get(o);
      return opt?.value ?? null;
    };
    const args = slashArgs(i.commandName, get);
    // What the log and the repeat check see: the command as someone would have typed it.
    const text = `/${i.commandName} ${Object.values(args).join(' ')}`.trimEnd().slice(0, MAX_TEXT);
    const file = i.options.getAttachment('file');
    let attachments: Attachment[] = [];
    if (file) {
      const info = { name: file.name, size: file.size, url: file.url, contentType: file.contentType };
      const problem = attachmentProblem(info, cfg.maxAttachmentBytes, cfg.apiBase);
      if (problem) throw new UserFacingError(`I can't read ${problem}.`);
      // A download can outlast the 3 seconds Discord gives for the first answer.
      await i.deferReply();
      attachments = [await downloadText(info, cfg.maxAttachmentBytes)];
    }
    const isPrivate = !i.inGuild();
    const msg: Message = {
      text,
      command: { name: i.commandName, args },
      author: i.user.username,
      channel: isPrivate ? i.user.username : i.channelId,
      transport: 'discord',
      addressed: true,
      isPrivate,
      ...(attachments.length ? { attachments } : {}),
      fromBot: i.user.bot,
      admin: isMaintainer(i.user.id, i.inCachedGuild() ? i.member.roles.cache.keys() : undefined),
    };
    const decision = gate.handle(msg, [i.user.id, i.user.tag]);
    switch (decision.type) {
      case 'silent':
        return respond(i, textMessages(decision.reason === 'rate-limited' ? 'Slow down a little, please.' : 'I have nothing to say to that.'), true);
      case 'notice':
      case 'see-above':
        return respond(i, textMessages(decision.text), true);
      case 'more':
        return respond(i, decision.pieces.map((p) => ({ content: p, files: [] })), false);
      case 'reply': {
        const ephemeral = decision.isPrivate && !isPrivate;
        const rendered = renderDiscord(decision.reply, { ...opts.render, includeMore: ephemeral || isPrivate });
        if (rendered.messages.length === 0) return respond(i, textMessages('I have nothing to say to that.'), true);
        await respond(i, addresseePrefix(rendered.messages, decision, msg.author), ephemeral);
        if (rendered.more.length) gate.saveMore(msg.channel, msg.author, rendered.more);
        return;
      }
    }
  }

  async function onInteraction(i: Interaction): Promise<void> {
    if (!i.isChatInputCommand()) return;
    try {
      await onSlash(i);
    } catch (e) {
      const shown = e instanceof UserFacingError ? e.message : 'Sorry, something went wrong while answering that.';
      if (!(e instanceof UserFacingError)) metrics?.internalError('discord');
      if (!(e instanceof UserFacingError)) log.error({ event: 'discord.interaction-error', command: i.commandName, err: (e as Error).message });
      const payload = { content: neutraliseMentions(shown), allowedMentions: NO_MENTIONS, flags: EPHEMERAL };
      try {
        if (i.deferred && !i.replied) {
          // A deferred public answer cannot turn ephemeral: drop it and say so privately.
          await i.deleteReply().catch(() => undefined);
          await i.followUp(payload as InteractionReplyOptions & { flags: number });
        } else if (i.replied) await i.followUp(payload as InteractionReplyOptions & { flags: number });
        else await i.reply(payload as InteractionReplyOptions & { flags: number });
      } catch (inner) {
        log.warn({ event: 'discord.interaction-error-reply-failed', err: (inner as Error).message });
      }
    }
  }

  // ----- lifecycle ---------------------------------------------------------------------------------

  const unaddressedIds = new Set<string>();

  client.on(Events.MessageCreate, (m) => {
    onMessage(m).catch((e: unknown) => {
      metrics?.internalError('discord');
      log.error({ event: 'discord.message-error', err: (e as Error).message });
    });
  });
  client.on(Events.InteractionCreate, (i) => {
    void onInteraction(i);
  });
  client.on(Events.ShardReconnecting, () => {
    reconnecting = true;
    metrics?.reconnect('discord');
    log.info({ event: 'discord.reconnecting' });
  });
  client.on(Events.ShardResume, (_id, replayed) => {
    reconnecting = false;
    log.info({ event: 'discord.resumed', replayed });
  });
  client.on(Events.ShardReady, () => {
    reconnecting = false;
  });
  client.on(Events.Error, (e) => log.error({ event: 'discord.error', err: e.message }));
  client.on(Events.ShardError, (e) => log.warn({ event: 'discord.shard-error', err: e.message }));

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Discord gateway not ready in time')), opts.readyTimeoutMs ?? 60_000);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await client.login(cfg.token);
    await ready;
  } catch (e) {
    await client.destroy();
    throw e;
  }

  // Channels may be configured by id or by name (`#hurd`); the gate keys channels by id.
  for (const entry of cfg.unaddressedChannels) {
    const wanted = entry.replace(/^#/, '').toLowerCase();
    for (const ch of client.channels.cache.values()) {
      if (ch.id === entry || ('name' in ch && typeof ch.name === 'string' && ch.name.toLowerCase() === wanted)) unaddressedIds.add(ch.id);
    }
  }
  gate = createGate(measured, {
    limits: opts.limits,
    ignore: opts.ignore,
    ...(opts.extraIgnore ? { extraIgnore: opts.extraIgnore } : {}),
    unaddressedChannels: [...unaddressedIds],
    pageSize: 2,
  });

  if (cfg.registerCommands && client.application) {
    try {
      // Guild commands appear at once (for trying changes out); global ones can take up to an hour.
      if (cfg.guildIds.length > 0) for (const guildId of cfg.guildIds) await client.application.commands.set(commands as never, guildId);
      else await client.application.commands.set(commands as never);
      log.info({ event: 'discord.commands-registered', count: commands.length, scope: cfg.guildIds.length > 0 ? `guilds ${cfg.guildIds.join(',')}` : 'global' });
    } catch (e) {
      log.warn({ event: 'discord.commands-failed', err: (e as Error).message });
    }
  }
  // What the bot is for, where people see it.
  client.user?.setPresence({ activities: [{ name: 'for xl errors · /help', type: djs.ActivityType.Watching }], status: 'online' });
  log.info({ event: 'discord.ready', user: client.user?.username, guilds: client.guilds.cache.size });

  return {
    client,
    state: () => (reconnecting ? 'reconnecting' : 'connected'),
    async stop() {
      // Destroying during a pending reconnect leaves discord.js retrying for ever: let it land first.
      if (reconnecting) {
        await new Promise<void>((resolve) => {
          const done = () => resolve();
          const timer = setTimeout(done, 5_000);
          const settle = () => {
            clearTimeout(timer);
            done();
          };
          client.once(Events.ShardResume, settle);
          client.once(Events.ShardReady, settle);
        });
      }
      client.removeAllListeners();
      await client.destroy();
    },
  };
}

/** An error whose message is meant for the user (bad attachment, unknown command). */
class UserFacingError extends Error {}
