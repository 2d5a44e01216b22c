/**
 * Is a question written in another language than English? The bot answers in English only; it says so, and still
 * answers when the Xen and Hurd terms in the question make the topic clear. Word lists and character ranges only:
 * one pass, no regex over the user's text.
 */

/** Frequent function words of the languages #hurd sees most, that are not English words too. */
const FOREIGN_WORDS = new Set(
  `wie ist ich nicht und der die das mein meine kann welche warum funktioniert bitte viel unter geben soll muss tun was dass aber werden wird
   comment est pour les des une quelle quel pourquoi avec mon dans je marche fonctionne combien sous sur faut
   como que para los las una cual cuanta cuanto porque puedo funciona tengo dar del hay necesito
   come perche della posso funziona quale
   voce nao uma qual
   hoe ik niet werkt welke
   jak nie czy jest
   mi el la le du al es de en`.split(/\s+/).filter(Boolean),
);

/** A function word of another language ("pour", "unter"), which says nothing about the topic. */
export function isForeignFunctionWord(word: string): boolean {
  return FOREIGN_WORDS.has(word);
}

/** Letters outside Latin script (Cyrillic, Greek, CJK, Arabic, Hebrew, ...). */
function isNonLatinLetter(code: number): boolean {
  return (
    (code >= 0x0370 && code <= 0x03ff) || // Greek
    (code >= 0x0400 && code <= 0x052f) || // Cyrillic
    (code >= 0x0590 && code <= 0x06ff) || // Hebrew, Arabic
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x4e00 && code <= 0x9fff) || // CJK
    (code >= 0xac00 && code <= 0xd7af) // Hangul
  );
}

/** Which language markers a text carries: foreign function words, and letters of other scripts. */
export function looksNonEnglish(text: string): boolean {
  const sample = text.slice(0, 2000);
  let nonLatin = 0;
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (isNonLatinLetter(c)) nonLatin++;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0xc0) letters++;
  }
  if (nonLatin >= 2 && nonLatin >= 0.2 * letters) return true;
  let foreign = 0;
  let words = 0;
  // After NFD an accent is a combining mark of its own: the class keeps letters and their marks together on purpose.
  // eslint-disable-next-line no-misleading-character-class
  for (const raw of sample.toLowerCase().normalize('NFD').split(/[^a-z\u0300-\u036f]+/)) {
    const w = raw.replace(/[\u0300-\u036f]/g, '');
    if (w === '') continue;
    words++;
    // two-letter words only count beside longer ones ("de", "la" alone prove nothing)
    if (FOREIGN_WORDS.has(w) && (w.length > 2 || foreign > 0)) foreign++;
  }
  return foreign >= 2 && foreign >= 0.15 * words;
}
