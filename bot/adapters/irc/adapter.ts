/**
 * The IRC adapter: irc-framework events in, brain replies out. It stays thin; decisions live elsewhere:
 * paste assembly (paste.ts), who gets answered (gate.ts), line shaping (render/irc.ts), pacing (outqueue.ts).
 *
 * What only the adapter can do: addressing (`nick: `, `nick, `, the prefix, private messages), connection
 * life (SASL or NickServ, reconnect with capped backoff forever, alternate nicks and regaining the configured
 * one, rejoining), and identity: admins are recognised by services account (account-tag, account-notify,
 * extended-join), never by nick.
 *
 * Safety: user text only ever leaves through say()/notice() after sanitizeIrcText, to a target that passed
 * safeTarget; raw() is used only for our own nick's bot mode.
 */
import irc, { type Client, type ClientOptions, type MessageEvent } from 'irc-framework';
import type { IrcConfig, LimitsConfig } from '../../ops/config.js';
import type { BotMetrics } from '../../ops/metrics.js';
import { createGate, type Decision } from '../../chat/gate.js';
import { createOutQueue, type OutLine } from '../../chat/outqueue.js';
import { createPasteAssembler, type Paste } from '../../chat/paste.js';
import { messageBudget, renderIrc, sanitizeIrcText, splitUtf8, withMoreMarker } from '../../render/irc.js';
import type { Brain, Message } from '../../brain/reply.js';
import { readAddress } from '../../brain/address.js';
import { defuseHighlights } from '../../render/highlights.js';
import { reconnectDelay } from '../backoff.js';

type LogFn = (obj: Record<string, unknown>, msg?: string) => void;
export interface IrcLogger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  debug: LogFn;
}

export interface IrcStartOptions {
  limits: LimitsConfig;
  ignore: string[];
  /** Ignore masks maintainers added at run time (kept in the store). */
  extraIgnore?: () => readonly string[];
  logger?: IrcLogger;
  /** PEM client certificate and key for TLS client auth (SASL EXTERNAL). */
  clientCertificate?: { certificate: string; privateKey: string };
  /** First reconnect delay; doubles up to cfg.reconnectMaxDelayMs. */
  reconnectBaseMs?: number;
  /** How often to try to take back the configured nick while using an alternate one. */
  regainNickMs?: number;
  /** Lines per reply in a private conversation before "more". */
  privateMaxLines?: number;
  /** Prometheus metrics: exchanges, reconnects and caught errors, with transport "irc". */
  metrics?: BotMetrics;
}

export interface IrcHandle {
  stop(reason?: string): Promise<void>;
  /** 'connected' once registered with the server; 'reconnecting' in between (IRC never gives up). */
  state(): 'connected' | 'reconnecting';
  client: unknown;
}

const silentLogger: IrcLogger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
/** Lines of a long config or help sent privately at most. */
const MAX_PRIVATE_LINES = 200;
const MAX_TRACKED_ACCOUNTS = 10_000;
const MAX_NICK = 30;

 
const UNSAFE_TARGET = /[\u0000-\u0020\u007f,]/;

/** A channel or nick we may send to: no whitespace, control characters or commas, not starting with ':'. */
export function safeTarget(target: string): string | null {
  if (target.length === 0 || target.length > 200 || UNSAFE_TARGET.test(target) || target.startsWith(':')) return null;
  return target;
}

/** Nick-like: letters, digits and the RFC 2812 specials. Used for our own nicks and `tell` targets. */
function validNick(nick: string): boolean {
  return /^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]{0,63}$/.test(nick);
}

/** Alternate nicks to try, in order: the configured ones, then the nick with underscores and digits. */
export function nickCandidates(nick: string, alts: readonly string[], maxLen: number): string[] {
  const cut = (s: string) => s.slice(0, maxLen);
  const base = cut(nick);
  const generated = [`${cut(nick.slice(0, maxLen - 1))}_`, `${cut(nick.slice(0, maxLen - 2))}__`];
  for (let i = 1; i <= 9; i++) generated.push(`${cut(nick.slice(0, maxLen - 1))}${i}`);
  return [...new Set([base, ...alts.map(cut), ...generated])].filter(validNick);
}


export { reconnectDelay };

/** A nick gets at most one CTCP reply in this window. */
const CTCP_INTERVAL_MS = 10_000;

interface LineMeta {
  nick: string;
  ids: string[];
  account: string | undefined;
  fromBot: boolean;
}

export async function startIrc(brain: Brain, cfg: IrcConfig, opts: IrcStartOptions): Promise<IrcHandle> {
  const log = opts.logger ?? silentLogger;
  const reconnectBaseMs = opts.reconnectBaseMs ?? 1000;
  const regainNickMs = opts.regainNickMs ?? 60_000;
  const privateMaxLines = opts.privateMaxLines ?? 40;
  const admins = new Set(cfg.admins.map((a) => a.toLowerCase()));
  const channels = cfg.channels.map((c) => safeTarget(c)).filter((c): c is string => c !== null);

  const clientOptions: ClientOptions = {
    host: cfg.server,
    port: cfg.port,
    nick: cfg.nick,
    username: cfg.username,
    gecos: cfg.realname,
    tls: cfg.tls,
    rejectUnauthorized: !cfg.tlsInsecure,
    // We reconnect ourselves: irc-framework's reconnect gives up after a retry limit.
    auto_reconnect: false,
    // Lines arrive already split under the real budget; irc-framework must not split them again.
    message_max_length: 510,
    // No automatic CTCP VERSION replies: they bypass the outgoing queue, so a CTCP flood could get us killed.
    version: null,
    ...(cfg.sasl?.mechanism === 'PLAIN' && cfg.sasl.password ? { account: { account: cfg.sasl.account, password: cfg.sasl.password } } : {}),
    ...(cfg.sasl?.mechanism === 'EXTERNAL' ? { sasl_mechanism: 'EXTERNAL' as const } : {}),
    ...(opts.clientCertificate ? { client_certificate: { certificate: opts.clientCertificate.certificate, private_key: opts.clientCertificate.privateKey } } : {}),
  };
  const client: Client = new irc.Client(clientOptions);

  const metrics = opts.metrics;
  // prom-client is loaded only when metrics are on.
  const measured: Brain = metrics ? (await import('../../ops/metrics.js')).measureBrain(brain, metrics) : brain;
  const gate = createGate(measured, {
    limits: opts.limits,
    ignore: opts.ignore,
    ...(opts.extraIgnore ? { extraIgnore: opts.extraIgnore } : {}),
    unaddressedChannels: cfg.unaddressedChannels,
    unaddressedCooldownMs: cfg.unaddressedCooldownMs,
  });

  const queue = createOutQueue({
    burst: cfg.floodBurst,
    ratePerSec: cfg.floodRate,
    send: (line) => {
      const target = safeTarget(line.target);
      const text = sanitizeIrcText(line.text);
      if (!target) return;
      if (line.ctcp) return void client.ctcpResponse(target, line.ctcp, ...(text ? [text] : []));
      if (text.trim() === '') return;
      if (line.notice) client.notice(target, text);
      else client.say(target, text);
    },
    onDrop: (line) => log.warn({ target: line.target }, 'irc: outgoing queue full, line dropped'),
  });
  queue.pause();

  /** Services accounts by lower-cased nick, from account-notify and extended-join. */
  const accounts = new Map<string, string>();
  let stopping = false;
  let registered = false;
  let attempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let nickIndex = 0;
  let self = { user: '', host: '' };

  const lower = (s: string) => client.caseLower(s);
  const isMe = (nick: string) => client.caseCompare(nick, client.user.nick);
  const lineLen = () => {
    const v = Number(client.network.supports('LINELEN'));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const nickLen = () => {
    const v = Number(client.network.supports('NICKLEN'));
    return Number.isFinite(v) && v > 0 ? Math.min(v, MAX_NICK) : MAX_NICK;
  };
  const budgetFor = (target: string, notice = false) =>
    messageBudget({ lineLen: lineLen(), nick: client.user.nick, user: self.user || undefined, host: self.host || undefined, target, command: notice ? 'NOTICE' : 'PRIVMSG' });
  const isChannel = (target: string) => {
    const types = client.network.supports('CHANTYPES');
    return (typeof types === 'string' ? types : '#&').includes(target.charAt(0));
  };

  function rememberAccount(nick: string, account: string | false | undefined): void {
    if (account === undefined) return;
    const key = lower(nick);
    accounts.delete(key);
    if (account === false || account === '*' || account === '') return;
    accounts.set(key, account);
    if (accounts.size > MAX_TRACKED_ACCOUNTS) accounts.delete(accounts.keys().next().value as string);
  }

  /** Admin by services account only: the message's account tag when present, else what the server told us. */
  function isAdmin(nick: string, tagAccount: string | undefined): boolean {
    const account = tagAccount ?? accounts.get(lower(nick));
    return account !== undefined && admins.has(account.toLowerCase());
  }

  /** Channel (lower case) → member nicks (lower case), from NAMES, JOIN, PART, KICK, QUIT and NICK. */
  const channelMembers = new Map<string, Set<string>>();
  const MAX_MEMBERS = 20_000;

  function defused(line: string, members: Set<string>, target: string, notice: boolean): string[] {
    const out = defuseHighlights(line, (w) => members.has(lower(w)));
    if (out === line) return [line];
    // The zero-width spaces add bytes: re-split when the line no longer fits.
    return splitUtf8(out, budgetFor(target, notice));
  }

  function send(lines: readonly string[], target: string, notice = false): void {
    const t = safeTarget(target);
    if (!t) {
      log.warn({ target: sanitizeIrcText(target).slice(0, 64) }, 'irc: refusing to send to an unsafe target');
      return;
    }
    // In a channel, a line names at most one member as written: no mass highlights (issue 11).
    const members = isChannel(t) ? channelMembers.get(lower(t)) : undefined;
    const safe = members && members.size > 0 ? lines.flatMap((l) => defused(l, members, t, notice)) : lines;
    const out: OutLine[] = safe.map((text) => ({ target: t, text, notice }));
    queue.enqueue(out);
  }

  function deliver(decision: Decision, msg: Message): void {
    switch (decision.type) {
      case 'silent':
        log.debug({ reason: decision.reason, channel: msg.channel }, 'irc: not answering');
        return;
      case 'notice':
        send(splitUtf8(sanitizeIrcText(decision.text), budgetFor(decision.to, true)), decision.to, true);
        return;
      case 'see-above': {
        const nick = sanitizeIrcText(decision.addressee).replace(/\s/g, '');
        send(splitUtf8(sanitizeIrcText(`${nick}: ${decision.text}`), budgetFor(decision.target)), decision.target);
        return;
      }
      case 'more': {
        const budget = budgetFor(decision.target);
        const nick = decision.addressee ? sanitizeIrcText(decision.addressee).replace(/\s/g, '') : '';
        // In a channel the continuation names its reader, like the answer it continues.
        const named = decision.pieces.map((p, i) => (i === 0 && nick ? `${nick}: ${p}` : p));
        const pieces = named.flatMap((p) => splitUtf8(sanitizeIrcText(p), budget));
        send(withMoreMarker(pieces, decision.left, budget), decision.target);
        return;
      }
      case 'reply': {
        const inChannel = !decision.isPrivate;
        // A busy channel (earlier answers still waiting, or too few flood-limit tokens for a full answer) gets each
        // answer's first line only; the rest waits behind "more". Every asker hears back sooner than if each took two.
        const busy = inChannel && !queue.canSendNow(opts.limits.maxLines);
        const rendering = renderIrc(decision.reply, {
          budget: budgetFor(decision.target),
          privateBudget: budgetFor(msg.author),
          maxLines: inChannel ? (busy ? 1 : opts.limits.maxLines) : privateMaxLines,
          longOutput: cfg.longOutput,
          ...(decision.addressee ? { addressee: decision.addressee } : {}),
          inChannel,
        });
        send(rendering.lines, decision.target);
        gate.saveMore(msg.channel, msg.author, rendering.rest);
        // Long configs go to the asker, never to a `tell` target: nobody can make the bot message strangers.
        if (rendering.privately.length > 0) send(rendering.privately.slice(0, MAX_PRIVATE_LINES), msg.author);
        return;
      }
    }
  }

  const pastes = createPasteAssembler<LineMeta>({
    quietMs: cfg.pasteWindowMs,
    onPaste: (paste: Paste<LineMeta>) => {
      const msg: Message = {
        text: paste.text,
        author: paste.meta.nick,
        channel: paste.isPrivate ? paste.meta.nick : paste.channel,
        transport: 'irc',
        addressed: paste.addressed,
        isPrivate: paste.isPrivate,
        fromBot: paste.meta.fromBot,
        admin: paste.meta.account !== undefined && admins.has(paste.meta.account.toLowerCase()),
        ...(paste.followsQuestion ? { continues: true } : {}),
      };
      try {
        deliver(gate.handle(msg, paste.meta.ids), msg);
      } catch (e) {
        metrics?.internalError('irc');
        log.error({ err: (e as Error).message }, 'irc: failed to answer');
      }
    },
  });

  function adminCommand(ev: MessageEvent, text: string, replyTo: string): boolean {
    const m = /^(?:\S{1,3})?admin\s+(join|part|status)\b\s*(\S{0,200})/i.exec(text.slice(0, 300));
    if (!m) return false;
    const account = typeof ev.account === 'string' ? ev.account : undefined;
    const nick = sanitizeIrcText(ev.nick).replace(/\s/g, '');
    if (!isAdmin(ev.nick, account)) {
      send([`${nick}: admin commands need a services account listed as admin.`], replyTo, true);
      return true;
    }
    const verb = (m[1] ?? '').toLowerCase();
    const arg = safeTarget(m[2] ?? '');
    if (verb === 'status') {
      send([`${nick}: on ${cfg.server} as ${client.user.nick}; queue ${queue.size} lines.`], replyTo);
    } else if (arg && isChannel(arg)) {
      if (verb === 'join') client.join(arg);
      else client.part(arg);
      log.info({ verb, channel: arg, by: account ?? accounts.get(lower(ev.nick)) }, 'irc: admin command');
    }
    return true;
  }

  function onMessage(ev: MessageEvent): void {
    if (ev.from_server || !ev.nick || isMe(ev.nick)) return;
    const isPrivate = !isChannel(ev.target);
    const channel = isPrivate ? ev.nick : ev.target;
    const tagAccount = typeof ev.account === 'string' ? ev.account : undefined;
    if (tagAccount) rememberAccount(ev.nick, tagAccount);
    const nicks = [client.user.nick, cfg.nick, brain.name];
    const { addressed, text } = readAddress(ev.message, { names: nicks, prefix: brain.prefix, isPrivate });
    if (addressed && adminCommand(ev, text, isPrivate ? ev.nick : ev.target)) return;
    const account = tagAccount ?? accounts.get(lower(ev.nick));
    const tags = ev.tags ?? {};
    pastes.push({
      channel,
      author: ev.nick,
      text,
      addressed,
      isPrivate,
      meta: {
        nick: ev.nick,
        ids: [`${ev.nick}!${ev.ident}@${ev.hostname}`, ...(account ? [`$a:${account}`] : [])],
        account,
        fromBot: tags.bot !== undefined || tags['draft/bot'] !== undefined,
      },
    });
  }

  function tryNextNick(): void {
    const candidates = nickCandidates(cfg.nick, cfg.altNicks, nickLen());
    nickIndex++;
    const next = candidates[nickIndex] ?? `hxb${Math.floor(Math.random() * 1e5)}`;
    client.changeNick(next);
  }

  function regainNick(): void {
    if (registered && !isMe(cfg.nick) && validNick(cfg.nick)) client.changeNick(cfg.nick);
  }

  function scheduleReconnect(): void {
    if (stopping || reconnectTimer) return;
    const delay = reconnectDelay(attempts, reconnectBaseMs, cfg.reconnectMaxDelayMs, Math.random());
    attempts++;
    metrics?.reconnect('irc');
    log.info({ attempt: attempts, delayMs: delay }, 'irc: reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (stopping) return;
      nickIndex = 0;
      client.connect();
    }, delay);
  }

  client.on('socket connected', () => {
    // Answers are short lines; Nagle's algorithm would hold each one back for the server's delayed ACK.
    const socket = (client as unknown as { connection?: { transport?: { socket?: { setNoDelay?: (on: boolean) => void } } } }).connection?.transport?.socket;
    socket?.setNoDelay?.(true);
  });
  client.on('privmsg', onMessage);
  client.on('notice', () => {
    // Notices are never answered (RFC 2812: automatic replies to NOTICE are forbidden).
  });
  client.on('nick in use', () => {
    if (!registered) tryNextNick();
  });
  client.on('nick invalid', () => {
    if (!registered) tryNextNick();
  });
  client.on('registered', (ev) => {
    registered = true;
    attempts = 0;
    log.info({ nick: ev.nick, server: cfg.server }, 'irc: registered');
    const botMode = client.network.supports('BOT');
    if (typeof botMode === 'string' && /^[A-Za-z]$/.test(botMode) && validNick(client.user.nick)) client.raw('MODE', client.user.nick, `+${botMode}`);
    if (cfg.nickservPassword && !cfg.sasl) client.say('NickServ', sanitizeIrcText(`IDENTIFY ${cfg.nickservPassword}`));
    for (const channel of channels) client.join(channel);
    queue.resume();
  });
  client.on('userlist', (ev) => {
    const set = new Set<string>();
    for (const u of ev.users.slice(0, MAX_MEMBERS)) set.add(lower(u.nick));
    channelMembers.set(lower(ev.channel), set);
  });
  client.on('part', (ev) => {
    if (isMe(ev.nick)) channelMembers.delete(lower(ev.channel));
    else channelMembers.get(lower(ev.channel))?.delete(lower(ev.nick));
  });
  client.on('join', (ev) => {
    const set = channelMembers.get(lower(ev.channel)) ?? new Set<string>();
    if (set.size < MAX_MEMBERS) set.add(lower(ev.nick));
    channelMembers.set(lower(ev.channel), set);
    if (isMe(ev.nick)) {
      self = { user: ev.ident, host: ev.hostname };
      log.info({ channel: ev.channel }, 'irc: joined');
    }
    rememberAccount(ev.nick, ev.account);
  });
  client.on('account', (ev) => rememberAccount(ev.nick, ev.account));
  client.on('nick', (ev) => {
    for (const set of channelMembers.values()) {
      if (set.delete(lower(ev.nick))) set.add(lower(ev.new_nick));
    }
    const account = accounts.get(lower(ev.nick));
    accounts.delete(lower(ev.nick));
    if (account) rememberAccount(ev.new_nick, account);
    // Whoever held our nick changed away from it: take it back.
    if (client.caseCompare(ev.nick, cfg.nick) && !isMe(cfg.nick)) regainNick();
  });
  client.on('quit', (ev) => {
    for (const set of channelMembers.values()) set.delete(lower(ev.nick));
    accounts.delete(lower(ev.nick));
    if (client.caseCompare(ev.nick, cfg.nick)) regainNick();
  });
  client.on('kick', (ev) => {
    channelMembers.get(lower(ev.channel))?.delete(lower(ev.kicked));
    if (!isMe(ev.kicked)) return;
    const channel = safeTarget(ev.channel);
    log.warn({ channel: ev.channel, by: ev.nick }, 'irc: kicked');
    if (channel && channels.some((c) => client.caseCompare(c, channel))) {
      setTimeout(() => {
        if (!stopping && registered) client.join(channel);
      }, 10_000).unref();
    }
  });
  // CTCP VERSION and PING are answered, through the paced queue (a CTCP flood cannot get the bot killed), at
  // most once per nick per CTCP_INTERVAL_MS.
  const ctcpAnswered = new Map<string, number>();
  client.on('ctcp request', (ev) => {
    const type = String(ev.type ?? '').toUpperCase();
    if (type !== 'VERSION' && type !== 'PING') return;
    const key = lower(ev.nick);
    const now = Date.now();
    if ((ctcpAnswered.get(key) ?? 0) > now - CTCP_INTERVAL_MS) return;
    if (ctcpAnswered.size > 1000) ctcpAnswered.clear();
    ctcpAnswered.set(key, now);
    const args = type === 'VERSION' ? `hurd-xen-bot ${brain.version} (help for GNU Mach and the Hurd on Xen)` : String(ev.message ?? '').replace(/^\S+\s?/, '').slice(0, 64);
    queue.enqueue([{ target: ev.nick, text: args, ctcp: type }]);
  });
  // What the server refused (+m, banned, no such channel): logged with the channel, never a crash.
  client.on('irc error', (ev) => {
    log.warn({ error: ev.error, channel: ev.channel, nick: ev.nick, reason: ev.reason }, 'irc: the server refused a command');
  });
  client.on('loggedin', (ev) => log.info({ account: ev.account }, 'irc: logged in to services'));
  client.on('sasl failed', (ev) => log.error({ reason: ev.reason }, 'irc: SASL failed'));
  client.on('socket close', (err) => {
    registered = false;
    queue.pause();
    if (err instanceof Error) log.warn({ server: cfg.server, reason: err.message }, 'irc: socket closed with an error');
  });
  client.on('close', () => {
    registered = false;
    queue.pause();
    log.warn({ server: cfg.server }, 'irc: connection closed');
    scheduleReconnect();
  });

  const regainTimer = setInterval(regainNick, regainNickMs);
  regainTimer.unref();

  client.connect();

  return {
    client,
    state: () => (registered ? 'connected' : 'reconnecting'),
    async stop(reason = 'hurd-xen-bot shutting down') {
      stopping = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      clearInterval(regainTimer);
      pastes.close();
      if (registered) {
        await Promise.race([queue.idle(), new Promise((r) => setTimeout(r, 2000))]);
      }
      queue.pause();
      queue.clear();
      if (!client.connection.connected) return;
      const closed = new Promise<void>((resolve) => {
        client.once('close', () => resolve());
        setTimeout(resolve, 3000).unref();
      });
      client.quit(sanitizeIrcText(reason));
      await closed;
    },
  };
}
