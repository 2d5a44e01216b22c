/**
 * The part of irc-framework 4 that hurd-xen-bot uses (the package ships no types).
 * Event payloads list only the fields read; all come straight from the server and are untrusted.
 */
declare module 'irc-framework' {
  export type Tags = Record<string, string | true | undefined>;

  export interface ClientOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    /** SASL PLAIN credentials. */
    account?: { account: string; password: string };
    sasl_mechanism?: 'PLAIN' | 'EXTERNAL';
    sasl_disconnect_on_fail?: boolean;
    /** TLS client certificate (SASL EXTERNAL / CertFP), PEM. */
    client_certificate?: { private_key: string; certificate: string };
    auto_reconnect?: boolean;
    auto_reconnect_max_retries?: number;
    auto_reconnect_max_wait?: number;
    /** Bytes of text per PRIVMSG before irc-framework splits it again. */
    message_max_length?: number;
    ping_interval?: number;
    ping_timeout?: number;
    version?: string | null;
    encoding?: string;
    enable_echomessage?: boolean;
  }

  export interface UserInfo {
    nick: string;
    username: string;
    host: string;
  }

  export interface NetworkInfo {
    /** An ISUPPORT token's value: true for valueless tokens, undefined when absent. */
    supports(name: string): string | boolean | undefined;
    cap: { isEnabled(name: string): boolean };
  }

  export interface MessageEvent {
    nick: string;
    ident: string;
    hostname: string;
    target: string;
    message: string;
    tags?: Tags;
    /** The sender's services account (account-tag), when the server sends it. */
    account?: string | false;
    from_server?: boolean;
    type?: string;
  }

  export interface JoinEvent {
    nick: string;
    ident: string;
    hostname: string;
    channel: string;
    /** extended-join: the joiner's account, false when not logged in. */
    account?: string | false;
  }

  export interface PartEvent {
    nick: string;
    channel: string;
  }

  export interface KickEvent {
    kicked: string;
    nick: string;
    channel: string;
    message: string;
  }

  export interface QuitEvent {
    nick: string;
    message: string;
  }

  export interface NickEvent {
    nick: string;
    new_nick: string;
  }

  export interface AccountEvent {
    nick: string;
    account: string | false;
  }

  export interface NickErrorEvent {
    nick: string;
    reason: string;
  }

  export interface RegisteredEvent {
    nick: string;
  }

  export interface LoggedInEvent {
    nick: string;
    account: string;
  }

  export interface SaslFailedEvent {
    reason: string;
    message?: string;
  }

  export interface RawEvent {
    line: string;
    from_server: boolean;
  }

  /** RPL_NAMREPLY collected: every member of a channel when the bot joins it. */
  export interface UserlistEvent {
    channel: string;
    users: { nick: string }[];
  }

  export interface CtcpEvent {
    nick: string;
    ident?: string;
    hostname?: string;
    target: string;
    type: string;
    message: string;
  }

  /** A numeric error reply the library recognised (404 cannot send to channel, 474 banned, ...). */
  export interface IrcErrorEvent {
    error: string;
    channel?: string;
    nick?: string;
    reason?: string;
  }

  export interface ClientEvents {
    userlist: [UserlistEvent];
    registered: [RegisteredEvent];
    connected: [RegisteredEvent];
    privmsg: [MessageEvent];
    notice: [MessageEvent];
    action: [MessageEvent];
    join: [JoinEvent];
    part: [PartEvent];
    kick: [KickEvent];
    quit: [QuitEvent];
    nick: [NickEvent];
    account: [AccountEvent];
    loggedin: [LoggedInEvent];
    'sasl failed': [SaslFailedEvent];
    'nick in use': [NickErrorEvent];
    'nick invalid': [NickErrorEvent];
    'socket connected': [];
    'socket close': [unknown];
    close: [boolean];
    'ping timeout': [];
    'ctcp request': [CtcpEvent];
    'ctcp response': [CtcpEvent];
    'irc error': [IrcErrorEvent];
    raw: [RawEvent];
    debug: [string];
  }

  /** An eventemitter3 emitter; only the typed events below are used. */
  export class Client {
    constructor(options?: Partial<ClientOptions>);
    options: ClientOptions;
    user: UserInfo;
    network: NetworkInfo;
    connection: { connected: boolean };
    connect(options?: ClientOptions): void;
    quit(message?: string): void;
    say(target: string, message: string): void;
    notice(target: string, message: string): void;
    /** A CTCP reply as a NOTICE wrapped in \x01 (VERSION, PING). */
    ctcpResponse(target: string, type: string, ...params: string[]): void;
    ctcpRequest(target: string, type: string, ...params: string[]): void;
    join(channel: string, key?: string): void;
    part(channel: string, message?: string): void;
    changeNick(nick: string): void;
    /** Sends its arguments verbatim: never pass text from users. */
    raw(...args: Array<string | number>): void;
    caseCompare(a: string, b: string): boolean;
    caseLower(s: string): string;
    on<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this;
    once<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this;
    off<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this;
    emit<E extends keyof ClientEvents>(event: E, ...args: ClientEvents[E]): boolean;
    removeAllListeners(event?: keyof ClientEvents): this;
  }

  const irc: { Client: typeof Client };
  export default irc;
}
