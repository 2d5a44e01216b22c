/**
 * A loopback fake of Discord that the unmodified discord.js client talks to: the gateway (HELLO, IDENTIFY,
 * READY, GUILD_CREATE, dispatches with sequence numbers, heartbeats with ACK, RESUME with replay of missed
 * events, close codes) and the REST API under /api/v10 (messages JSON and multipart, interaction callbacks,
 * webhook edits and follow-ups, command registration, DM channels), plus a CDN for attachments.
 * It records every request the bot makes. Protocol notes: shared/reference/discord-testing.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

export interface SentFile {
  name: string;
  contentType: string;
  text: string;
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, URL-decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The JSON body, or `payload_json` of a multipart body. */
  json: Record<string, unknown> | undefined;
  files: SentFile[];
  /** performance.now() when the request was complete. */
  at: number;
}

export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

interface Waiter {
  test: () => boolean;
  resolve: () => void;
}

/** GUILD_TEXT and DM channel types. */
const TEXT = 0;
const DM = 1;

export class FakeDiscord {
  readonly applicationId = '900000000000000001';
  readonly guildId = '900000000000000002';
  readonly channelId = '900000000000000003';
  readonly otherChannelId = '900000000000000004';
  readonly botUser: FakeUser = user(this.applicationId, 'hurd-xen-bot', true);

  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Frames the client sent on the gateway. */
  readonly received: GatewayFrame[] = [];
  /** Attachment downloads (paths) served by the fake CDN. */
  readonly downloads: string[] = [];
  identifies = 0;
  resumes = 0;
  heartbeats = 0;
  connections = 0;

  private http: Server | undefined;
  private wss: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  /** True once the current socket finished IDENTIFY or RESUME: dispatches go out live. */
  private live = false;
  private sessionId = '';
  private seq = 0;
  private sent: Array<GatewayFrame & { s: number }> = [];
  private nextId = 1n;
  private files = new Map<string, { body: Buffer; contentType: string }>();
  private waiters: Waiter[] = [];
  private port = 0;
  /** Intents of the last IDENTIFY: without MessageContent (1 << 15) Discord blanks message content. */
  private intents = 0;
  /** The slash commands the bot registered (PUT), by name. */
  readonly commands = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly options: {
      heartbeatIntervalMs?: number;
      /** The only token accepted on REST (`Authorization: Bot <token>`) and in IDENTIFY; any token when absent. */
      token?: string;
      /** Roles of the guild besides @everyone, as the gateway lists them in GUILD_CREATE. */
      roles?: { id: string; name: string }[];
    } = {},
  ) {}

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  private get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async start(): Promise<void> {
    this.http = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => json(res, 500, { message: String(err), code: 0 }));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.http.on('upgrade', (req, sock, head) => {
      if (!req.url?.startsWith('/gateway')) return sock.destroy();
      this.wss!.handleUpgrade(req, sock, head, (ws) => {
        // discord.js asks for zlib-stream only when the optional zlib-sync package is installed; it is not a
        // dependency here. Fail loudly rather than send frames the client cannot read.
        if (new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('compress') === 'zlib-stream') {
          ws.close(4000, 'fake-discord speaks uncompressed JSON only (is zlib-sync installed?)');
          return;
        }
        this.accept(ws);
      });
    });
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters) w.resolve();
    this.socket?.terminate();
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    this.http?.closeAllConnections();
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }

  snowflake(): string {
    // Ids must look like Discord's: decimal strings that grow with time.
    return (1_200_000_000_000_000_000n + this.nextId++).toString();
  }

  makeUser(username: string, bot = false): FakeUser {
    return user(this.snowflake(), username, bot);
  }

  /** Host a file on the fake CDN and describe it as Discord would in a message or interaction. */
  addFile(filename: string, content: string | Buffer, contentType = 'text/plain; charset=utf-8', claimedSize?: number): FakeAttachment {
    const id = this.snowflake();
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    const path = `/attachments/${this.channelId}/${id}/${encodeURIComponent(filename)}`;
    this.files.set(path, { body, contentType });
    const url = `http://127.0.0.1:${this.port}${path}`;
    return { id, filename, size: claimedSize ?? body.length, url, proxy_url: url, content_type: contentType };
  }

  // ----- gateway -------------------------------------------------------------------------------------

  private accept(ws: WebSocket): void {
    this.connections++;
    this.socket?.terminate();
    this.socket = ws;
    this.live = false;
    ws.on('message', (data: RawData) => this.onFrame(ws, data));
    ws.on('close', () => {
      if (this.socket === ws) this.live = false;
      this.wake();
    });
    this.send(ws, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 10_000 } });
  }

  private onFrame(ws: WebSocket, data: RawData): void {
    let frame: GatewayFrame;
    try {
      frame = JSON.parse(String(data)) as GatewayFrame;
    } catch {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    this.received.push(frame);
    if (frame.op !== 1 && frame.op !== 2 && frame.op !== 6 && !this.live) {
      ws.close(4003, 'Not authenticated.');
      return;
    }
    switch (frame.op) {
      case 1:
        this.heartbeats++;
        this.send(ws, { op: 11 });
        break;
      case 2: {
        const d = frame.d as { token?: string; intents?: number } | undefined;
        if (this.options.token !== undefined && d?.token !== this.options.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        this.intents = d?.intents ?? 0;
        this.identify(ws);
        break;
      }
      case 6:
        this.resume(ws, frame.d as { session_id?: string; seq?: number });
        break;
      default:
        break;
    }
    this.wake();
  }

  private identify(ws: WebSocket): void {
    this.identifies++;
    this.sessionId = randomBytes(16).toString('hex');
    this.seq = 0;
    this.sent = [];
    this.live = true;
    this.dispatch('READY', {
      v: 10,
      user: this.botUser,
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: this.gatewayUrl,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
    });
    this.dispatch('GUILD_CREATE', this.guildPayload());
    void ws;
  }

  private resume(ws: WebSocket, d: { session_id?: string; seq?: number }): void {
    if (!d || d.session_id !== this.sessionId) {
      this.send(ws, { op: 9, d: false });
      return;
    }
    this.resumes++;
    for (const frame of this.sent) if (frame.s > (d.seq ?? 0)) this.send(ws, frame);
    this.live = true;
    this.dispatch('RESUMED', null);
  }

  private guildPayload(): Record<string, unknown> {
    return {
      id: this.guildId,
      name: 'Hurd on Xen',
      unavailable: false,
      owner_id: '1',
      features: [],
      member_count: 2,
      roles: [
        { id: this.guildId, name: '@everyone', permissions: '137411140374081', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        ...(this.options.roles ?? []).map((r, i) => ({ id: r.id, name: r.name, permissions: '0', position: i + 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 })),
      ],
      channels: [
        { id: this.channelId, type: TEXT, name: 'hurd-xen', position: 0, permission_overwrites: [] },
        { id: this.otherChannelId, type: TEXT, name: 'offtopic', position: 1, permission_overwrites: [] },
      ],
      members: [{ user: this.botUser, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 }],
      threads: [],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
    };
  }

  private send(ws: WebSocket, frame: GatewayFrame): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }

  /** Queue a dispatch; it goes out now if the session is live, else on RESUME. */
  dispatch(t: string, d: unknown): number {
    const frame = { op: 0, t, s: ++this.seq, d };
    this.sent.push(frame);
    if (this.live && this.socket) this.send(this.socket, frame);
    return frame.s;
  }

  /** Drop the gateway connection the way a network fault or a server restart would. */
  dropConnection(how: { code: number } | 'terminate' = { code: 4000 }): void {
    const ws = this.socket;
    if (!ws) throw new Error('fake-discord: no gateway connection to drop');
    this.live = false;
    if (how === 'terminate') ws.terminate();
    else ws.close(how.code, 'fake-discord drop');
  }

  /** Ask the client to reconnect (op 7, it resumes) or invalidate the session (op 9; d=false: identify anew). */
  sendOp(op: 7 | 9, d: unknown = null): void {
    if (this.socket) this.send(this.socket, { op, d });
  }

  get isLive(): boolean {
    return this.live;
  }

  // ----- events the tests inject ---------------------------------------------------------------------

  injectMessage(m: {
    content: string;
    author?: FakeUser;
    channelId?: string;
    dm?: boolean;
    mentions?: FakeUser[];
    attachments?: FakeAttachment[];
    /** Role ids of the author's guild member (a maintainer role, say). */
    roles?: string[];
  }): string {
    const id = this.snowflake();
    const author = m.author ?? user('800000000000000001', 'alice');
    const mentionsBot = (m.mentions ?? []).some((u) => u.id === this.botUser.id);
    const canRead = (this.intents & (1 << 15)) !== 0 || m.dm === true || mentionsBot;
    const base = {
      id,
      type: 0,
      content: canRead ? m.content : '',
      author,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: /@(everyone|here)/.test(m.content),
      mentions: m.mentions ?? [],
      mention_roles: [],
      attachments: m.attachments ?? [],
      embeds: [],
      pinned: false,
      flags: 0,
    };
    if (m.dm) {
      this.dispatch('MESSAGE_CREATE', { ...base, channel_id: dmChannelOf(author), channel_type: DM });
    } else {
      this.dispatch('MESSAGE_CREATE', {
        ...base,
        channel_id: m.channelId ?? this.channelId,
        guild_id: this.guildId,
        member: { roles: m.roles ?? [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
      });
    }
    return id;
  }

  /** A chat-input interaction (slash command). Options of type 11 (attachment) take a FakeAttachment as value. */
  injectSlash(s: {
    name: string;
    options?: Array<{ name: string; type: number; value: string | number | boolean | FakeAttachment }>;
    author?: FakeUser;
    dm?: boolean;
  }): { id: string; token: string } {
    const id = this.snowflake();
    const token = `tok-${randomBytes(8).toString('hex')}`;
    const author = s.author ?? user('800000000000000001', 'alice');
    const attachments: Record<string, FakeAttachment> = {};
    const options = (s.options ?? []).map((o) => {
      if (typeof o.value === 'object') {
        attachments[o.value.id] = o.value;
        return { name: o.name, type: o.type, value: o.value.id };
      }
      return { name: o.name, type: o.type, value: o.value };
    });
    const where = s.dm
      ? { user: author, channel: { id: dmChannelOf(author), type: DM, recipients: [author] }, channel_id: dmChannelOf(author), context: 1 }
      : {
          guild_id: this.guildId,
          channel: { id: this.channelId, type: TEXT, name: 'hurd-xen' },
          channel_id: this.channelId,
          member: { user: author, roles: [], permissions: '2248473465835073', joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
          guild_locale: 'en-US',
          context: 0,
        };
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type: 2,
      token,
      version: 1,
      data: {
        id: (this.commands.get(s.name)?.id as string | undefined) ?? this.snowflake(),
        name: s.name,
        type: 1,
        options,
        ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
      },
      app_permissions: '2248473465835073',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      ...where,
    });
    return { id, token };
  }

  // ----- REST ----------------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (req.method === 'GET' && this.files.has(url.pathname)) {
      const file = this.files.get(url.pathname)!;
      this.downloads.push(url.pathname);
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.body.length) });
      res.end(file.body);
      return;
    }
    const prefix = '/api/v10';
    if (!url.pathname.startsWith(prefix)) return json(res, 404, { message: '404: Not Found', code: 0 });
    const path = decodeURIComponent(url.pathname.slice(prefix.length));
    const method = req.method ?? 'GET';
    const { body, files } = await parseBody(req.headers['content-type'] ?? '', raw);
    const recorded: RecordedRequest = { method, path, query: url.searchParams, headers: req.headers, json: body, files, at: performance.now() };
    this.requests.push(recorded);
    this.wake();

    const seg = path.split('/').filter(Boolean);
    // Interaction callbacks and webhooks carry their token in the path and no Authorization header.
    const tokenInPath = seg[0] === 'interactions' || seg[0] === 'webhooks';
    if (!tokenInPath && this.options.token !== undefined && req.headers.authorization !== `Bot ${this.options.token}`) {
      return json(res, 401, { message: '401: Unauthorized', code: 0 });
    }
    if (method === 'GET' && path === '/applications/@me') return json(res, 200, { id: this.applicationId, name: 'hurd-xen-bot', flags: 0, bot_public: false });
    if (method === 'GET' && path === '/gateway/bot') {
      return json(res, 200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'POST' && seg[0] === 'channels' && seg[2] === 'messages' && seg.length === 3) {
      return json(res, 200, this.messageObject(seg[1]!, body, files));
    }
    if (method === 'POST' && seg[0] === 'channels' && seg[2] === 'typing') return empty(res);
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body ?? {}).recipient_id ?? '');
      return json(res, 200, { id: dmChannelOf({ id: recipient }), type: DM, recipients: [user(recipient, 'user')] });
    }
    if (method === 'PUT' && seg[0] === 'applications' && seg[seg.length - 1] === 'commands') {
      const list = Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [];
      const saved: Array<Record<string, unknown>> = list.map((c) => ({ ...c, id: this.snowflake(), application_id: this.applicationId, version: '1', type: c.type ?? 1 }));
      for (const c of saved) this.commands.set(String(c.name), c);
      return json(res, 200, saved);
    }
    if (method === 'POST' && seg[0] === 'interactions' && seg[3] === 'callback') return empty(res);
    if (seg[0] === 'webhooks' && (method === 'PATCH' || method === 'POST')) {
      return json(res, 200, { ...this.messageObject(this.channelId, body, files), webhook_id: seg[1], application_id: seg[1] });
    }
    if (method === 'DELETE') return empty(res);
    return json(res, 404, { message: 'Unknown route in fake-discord', code: 0 });
  }

  private messageObject(channelId: string, body: Record<string, unknown> | undefined, files: SentFile[]): Record<string, unknown> {
    return {
      id: this.snowflake(),
      type: 0,
      channel_id: channelId,
      author: this.botUser,
      content: typeof body?.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: files.map((f) => ({ id: this.snowflake(), filename: f.name, size: f.text.length, url: 'http://127.0.0.1/x', proxy_url: 'http://127.0.0.1/x' })),
      embeds: [],
      pinned: false,
      flags: 0,
    };
  }

  // ----- waiting -------------------------------------------------------------------------------------

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolve once `test` holds (checked after every request and gateway frame); reject after the timeout. */
  waitUntil(test: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The first request (from index `from`) that matches, once it arrives. */
  async waitForRequest(match: (r: RecordedRequest) => boolean, what: string, opts: { from?: number; timeoutMs?: number } = {}): Promise<RecordedRequest> {
    const from = opts.from ?? 0;
    let found: RecordedRequest | undefined;
    await this.waitUntil(() => (found = this.requests.slice(from).find(match)) !== undefined, what, opts.timeoutMs);
    return found!;
  }

  /** Requests that post a message into a channel (replies and sends). */
  messagesTo(channelId: string, from = 0): RecordedRequest[] {
    return this.requests.slice(from).filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
  }

  /** The id of the DM channel the fake assigns to a user. */
  dmChannelOf(u: { id: string }): string {
    return dmChannelOf(u);
  }
}

function user(id: string, username: string, bot = false): FakeUser {
  return { id, username, discriminator: '0', global_name: username, avatar: null, ...(bot ? { bot: true } : {}) };
}

/** A stable DM channel id per user, so tests can predict where a DM reply goes. */
function dmChannelOf(u: { id: string }): string {
  return (BigInt(u.id || '0') + 7n).toString();
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function empty(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(contentType: string, raw: Buffer): Promise<{ body: Record<string, unknown> | undefined; files: SentFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('application/json')) return { body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    // Node's own fetch Request parses multipart bodies: no extra dependency.
    const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
    const files: SentFile[] = [];
    let body: Record<string, unknown> | undefined;
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value) as Record<string, unknown>;
      else if (typeof value !== 'string') files.push({ name: value.name, contentType: value.type, text: await value.text() });
    }
    return { body, files };
  }
  return { body: undefined, files: [] };
}
