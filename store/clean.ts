/**
 * What may be stored: pastes and questions redacted the way the logs are (IPs, MACs, secrets) plus user@host
 * prompts and e-mail addresses; taught facts stripped of mentions, markup and control characters. Pure.
 */
import { maskSecretsInText, redactText } from '../bot/ops/log.js';

/** Stored texts are capped: an unanswered paste is a sample, not an archive. */
export const MAX_STORED_TEXT = 4000;
export const MAX_FACT_TEXT = 400;

/** `root@myhost:~#`, `alice@example.org`: who and where, not what went wrong. Bounded classes: linear. */
const USER_AT_HOST = /\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\b/g;

export function redactForStore(text: string): string {
  return maskSecretsInText(redactText(text.slice(0, MAX_STORED_TEXT))).replace(USER_AT_HOST, 'user@host');
}

/** Control characters (IRC colours and bold included) and zero-width ones. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
/** Discord mentions and the mass-highlight words. */
const MENTIONS = /<(?:@[!&]?|#)\d{1,25}>|@(?:everyone|here)\b/gi;
/** Markdown links keep their text and address; the other markup characters go. */
const MD_LINK = /\[([^\]\n]{0,200})\]\(([^)\s]{0,300})\)/g;
const MARKUP = /[*_~`|>#]/g;

export function cleanTaughtText(text: string): string {
  return text
    .slice(0, MAX_FACT_TEXT * 2)
    .replace(CONTROLS, ' ')
    .replace(MENTIONS, '')
    .replace(MD_LINK, '$1 $2')
    .replace(MARKUP, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_FACT_TEXT);
}

export { topicKey, MAX_TOPIC } from './topic.js';
