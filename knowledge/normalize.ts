/**
 * Turns questions and entry text into comparable terms: lowercase, input
 * capped, punctuation dropped, compound tokens (pv-grub, root=device:hd0,
 * xen-3.0-x86_32) kept whole and split, stop words removed, a light suffix
 * stemmer, and synonyms mapped to one canonical term.
 */

/** Longest text examined; everything is linear, but a 1 MB paste needs no more. */
export const MAX_INPUT = 2000;
/** Longest token kept (a long pasted path still fits). */
export const MAX_TOKEN = 80;

const STOP_WORDS = new Set(
  `a an the i me my mine myself you your yours we our us it its itself he she they them their
   is are was were be been being am do does did doing done have has had having
   to of in on at for from with by about as into onto over under than then so
   and or but if else because while until both either neither nor only own same
   that this these those there here what which who whom whose how why when where
   can could would should will shall may might must cannot cant couldnt wouldnt shouldnt
   need needs want wants wanted get gets got getting give given gives use using used uses
   any some all each every few more most other such very too just really also still now
   again ever even much many lot lots
   hi hey hello yo please pls plz thanks thank thx ty ok okay yes yeah no nope hmm um uh
   anyone anybody someone somebody something anything everything nothing somewhere anywhere noob newbie n00b idea clue related relate relates fine instantly forever side sides
   know knows show say says said think thought guess try tries trying tried whether
   im ive id ill dont doesnt didnt isnt arent wasnt werent wont aint whats hows wheres thats theres
   u ur r ya guys folks lol btw afaik iirc imho
   way thing things stuff kind sort one ones like well
   go going goes went come make sure better best good bad up since
   straight away right already basically currently somehow quite pretty
   rather across throughout
   work works working worked problem problems issue issues question help
   not out leave call called mean means meant happen happens happened happening able possible exactly actually
   difference between anyway else maybe probably support supports supported true today nowadays`.split(/\s+/).filter(Boolean),
);

/**
 * Synonyms: every word on the right maps to the canonical term on the left
 * (after stemming both). Expansion is one-way and deterministic.
 */
const SYNONYMS: Record<string, string> = {
  // the commonest words of questions in French, German, Spanish and Italian too (answered in English)
  memory: 'ram mem megabytes mib mb gb gib gig gigs gigabyte gigabytes memoria memoire speicher arbeitsspeicher',
  network: 'net nic nics networking ethernet internet lan reseau netzwerk rete',
  disk: 'hd hdd harddisk harddrive drive drives vbd blkfront storage disco disque festplatte platte',
  domu: 'guest guests vm vms virtual domain domains domus',
  dom0: 'host hosts dom0s',
  nonpae: 'nopae',
  pvgrub: 'pvgrubgz pv-grub.gz',
  mkfs: 'format formatting formatted mke2fs mkfs.ext2 mkfs.ext3',
  filesystem: 'fs filesystems',
  config: 'cfg conf configuration configurations configfile',
  install: 'installation installing installer setup',
  start: 'launch launching starting started boot-up startup demarrer demarrage starten arrancar arranque arranca iniciar avviare',
  mac: 'hwaddr macaddr macaddress',
  fail: 'fails failed failing failure failures',
  binary: 'binaries prebuilt download downloads',
  cache: 'caching cached writeback',
  // "no idea how big the window is": a terminal's size
  size: 'big bigger large larger sized dimension dimensions',
  console: 'tty terminal',
  error: 'err errors',
  gnumach: 'mach',
  hypervisor: 'xen-hypervisor',
  slow: 'slowness slower slowly sluggish performance speed fast faster',
  disable: 'disabled disabling turn-off',
  check: 'tell determine detect verify find-out see',
  // "what options can go in a vif entry": the docs call them settings, keys or parameters
  option: 'options parameter parameters param params',
  destroy: 'kill killing killed',
  // "throttle the guest's bandwidth": the vif's rate= limit
  rate: 'bandwidth throttle throttling throttled',
  // the Hurd's io_seek RPC (what rpctrace shows) is lseek
  lseek: 'seek seeks seeking io_seek io_seek_request',
  // irregular past tenses the stemmer cannot reach: "is pv-grub still built" is about building it
  build: 'built rebuilt',
  // "is the domU still alive": running
  run: 'alive',
  // (and the French, German, Spanish and Italian words for it: "démarrer automatiquement", "automatisch starten")
  autostart: 'auto automatic automatically autoboot autostarted autostarting automatiquement automatisch automaticamente',
  remove: 'removed removal drop dropped delete deleted gone',
  replace: 'replaced replacement replacing successor',
  // what the facts call modern Xen (4.x after xm's removal) is what people call recent, current or the latest
  modern: 'recent recently latest newest current newer',
  // "keep the same mac across reboots", "a stable MAC", "persistent address": what the docs call fixed
  fixed: 'stable persistent permanent static unchanging',
  // on_crash's preserve ("keeps running" is not a setting: keep is no synonym)
  preserve: 'preserved preserving',
};

/**
 * Light, deterministic suffix stripping: plural first, then one verb/e ending,
 * so module/modules, cache/caching and type/types meet. Only consistency
 * between questions and entries matters, not linguistic accuracy.
 */
export function stem(word: string): string {
  if (word.length < 4 || /[^a-z]/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed', 'e']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      const base = w.slice(0, -suffix.length);
      // running -> run, stopped -> stop, shipped -> ship (not "ss": passed -> pass)
      const last = base[base.length - 1]!;
      return suffix !== 'e' && base.length >= 4 && last === base[base.length - 2] && !'aeiousl'.includes(last) ? base.slice(0, -1) : base;
    }
  }
  return w;
}

const CANONICAL = new Map<string, string>();
for (const [canonical, words] of Object.entries(SYNONYMS)) {
  for (const w of words.split(/\s+/)) CANONICAL.set(stem(w), stem(canonical));
}

/** Memo of canonical forms: the same few thousand words recur in every entry and question. */
const canonicalMemo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

export function canonical(term: string): string {
  const hit = canonicalMemo.get(term);
  if (hit !== undefined) return hit;
  const s = stem(term);
  const c = CANONICAL.get(s) ?? s;
  if (canonicalMemo.size < MEMO_LIMIT) canonicalMemo.set(term, c);
  return c;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const SEPARATORS = new Set('._:=/+-');

/** Drop trailing separators ("hurd." -> "hurd") without a backtracking regex. */
function trimSeparators(token: string): string {
  let end = token.length;
  while (end > 0 && SEPARATORS.has(token[end - 1]!)) end--;
  return token.slice(0, end);
}

/** Word-like tokens: a letter or digit, then letters, digits and inner separators. */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export const TOKEN_PATTERN = /[a-z0-9][a-z0-9._:=/+-]*/g;
/** A GRUB partition reference, legacy "(hd0,1)" or GRUB 2 "(hd0,msdos1)": one literal run each, linear. */
export const GRUB_PARTITION = /\((?:hd|sd)\d{1,3}, ?[a-z]{0,6}\d{1,3}\)/g;

/** Raw word-like tokens: letters/digits joined by inner . _ : = / + - */
function rawTokens(text: string): string[] {
  const lower = text
    .slice(0, MAX_INPUT)
    .toLowerCase()
    // accents folded: "mémoire" is one word, not "m" and "moire"
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[’‘`]/g, "'")
    // possessives: "the wiki's config" is about the wiki, not "wikis"
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    // "(hd0,1)" names a partition inside a disk; the comma would lose that.
    .replace(GRUB_PARTITION, ' hd0 grubpartition ');
  const out: string[] = [];
  // Each character is consumed once: the class is a single step, no nesting.
  // regex-safe: a copy of TOKEN_PATTERN (checked by recheck in test/knowledge/regex.test.ts) with the g flag
  const re = new RegExp(TOKEN_PATTERN.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(lower)) !== null) {
    // No word or path anyone types is this long; a run of one character is noise.
    if (m[0].length > MAX_TOKEN) continue;
    const tok = trimSeparators(m[0]);
    // "600mb", "2gb": a number glued to its unit.
    const unit = /^(\d+)([a-z]+)$/.exec(tok);
    if (unit) out.push(unit[1]!, unit[2]!);
    else if (tok !== '') out.push(tok);
  }
  return out;
}

const SEPARATOR = /[._:=/+-]/;

function parts(token: string): string[] {
  if (!SEPARATOR.test(token)) return [token];
  // Dots between digits belong to version numbers (4.0, 3.2) and stay.
  return token
    .replace(/(\d)\.(?=\d)/g, '$1\u0000')
    .split(/[._:=/+-]+/)
    .map((p) => p.replace(/\u0000/g, '.'))
    .filter((p) => p !== '');
}

/** `w!` standing alone or after a separator (`,w!`, `'w!'`); one character class before a literal: linear. */
const W_BANG = /(^|[\s,'"=:(])w!/gi;
/** 0512, 010: digits after a leading zero (a bounded run: linear). */
const LEADING_ZERO_NUMBER = /^0\d{1,6}$/;

export interface Terms {
  /** Content terms in order (stop words removed, canonicalised), atomic parts only. */
  sequence: string[];
  /** Every term, including whole compounds and their dash-less joins. */
  set: Set<string>;
}

/** Terms of a text: used identically for questions and for entry fields. */
export function terms(text: string): Terms {
  const sequence: string[] = [];
  const set = new Set<string>();
  let previous = '';
  let previous2 = '';
  // xm's "w!" disk mode (writable though shared) is a word people ask about; '!' is no token character.
  const source = text.includes('w!') ? text.replace(W_BANG, '$1wbang') : text;
  for (const tok of rawTokens(source)) {
    // "grub 2" -> grub2: a small version number written apart from its word
    // (kept only where the vocabulary knows the join).
    if (/^\d$/.test(tok) && /^[a-z]{2,}$/.test(previous) && !STOP_WORDS.has(previous)) set.add(previous + tok);
    previous = tok;
    const ps = parts(tok);
    if (ps.length > 1) {
      set.add(canonical(tok));
      // pv-grub -> pvgrub, non-pae -> nonpae, hurd-modules -> hurdmodules
      if (/^[a-z0-9-]+$/.test(tok)) set.add(canonical(tok.replace(/-/g, '')));
    }
    // "64 bit", "32 bit": the number and the word are one thing, as in 64-bit (two-digit numbers alone say nothing)
    if ((tok === 'bit' || tok === 'bits') && /^(?:16|32|64)$/.test(previous2)) {
      set.add(canonical(`${previous2}-bit`));
      set.add(canonical(`${previous2}bit`));
    }
    previous2 = tok;
    // A number written with a leading zero (memory = 0512) is octal to xl: the word people never write is the topic.
    if (LEADING_ZERO_NUMBER.test(tok)) set.add('octal');
    for (const p of ps) {
      // Single letters and one- or two-digit numbers say nothing (580, 4.0, 768 do).
      if (STOP_WORDS.has(p) || p.length < 2 || /^\d{1,2}$/.test(p)) continue;
      const c = canonical(p);
      sequence.push(c);
      set.add(c);
    }
  }
  return { sequence, set };
}

/**
 * Edit distance where swapping two neighbours costs one (optimal string
 * alignment: "memroy" is one typo from "memory"), with an early exit above `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length]!;
}
