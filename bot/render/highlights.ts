/**
 * Mass highlights: an IRC client alerts everyone whose nick appears in a line. A reply that repeats a list of
 * nicks (`!help user0 … user9`, or an unrecognised paste full of `<nick>` prefixes) would ping a whole channel.
 * So a line sent to a channel keeps at most one channel member's nick as it is (the addressee); every further
 * one gets a zero-width space after its first character, which reads the same and matches no highlight rule.
 */
const ZERO_WIDTH_SPACE = '\u200b';

/** Characters of an IRC nick (RFC 2812 letters, digits and specials). */
function isNickChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x7d) || // A-Z [ \ ] ^ _ ` a-z { | }
    code === 0x2d // -
  );
}

/**
 * `line` with every channel member's nick after the first `keep` broken up. `isMember` gets each nick-shaped word
 * (as written) and says whether it is a member of the channel. One pass over the line.
 */
export function defuseHighlights(line: string, isMember: (word: string) => boolean, keep = 1): string {
  let out = '';
  let seen = 0;
  let i = 0;
  while (i < line.length) {
    if (!isNickChar(line.charCodeAt(i))) {
      out += line[i];
      i++;
      continue;
    }
    let j = i;
    while (j < line.length && isNickChar(line.charCodeAt(j))) j++;
    const word = line.slice(i, j);
    if (word.length > 1 && isMember(word)) {
      seen++;
      out += seen > keep ? word[0] + ZERO_WIDTH_SPACE + word.slice(1) : word;
    } else {
      out += word;
    }
    i = j;
  }
  return out;
}
