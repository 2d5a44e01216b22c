/** Topic names of taught facts. Pure and dependency-free: the brain imports it without loading the store. */

export const MAX_TOPIC = 60;

/** A topic as it is stored and looked up: lower case, single spaces, letters, digits and . _ + - only. */
export function topicKey(topic: string): string {
  return topic
    .toLowerCase()
    .replace(/[^a-z0-9 ._+-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_TOPIC);
}
