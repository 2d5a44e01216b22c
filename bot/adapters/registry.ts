/**
 * The networks the bot can join. Each entry is light (a configuration schema and a lazy start): a network's
 * library is imported only when it is configured. Adding a network is one folder under bot/adapters/ (network.ts +
 * adapter.ts), one renderer in bot/render/, and its line here.
 */
import { discordNetwork } from './discord/network.js';
import { ircNetwork } from './irc/network.js';
export const NETWORKS = [ircNetwork, discordNetwork] as const;
