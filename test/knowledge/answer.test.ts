import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LINE, sentences } from '../../knowledge/answer.js';
import { buildKnowledge, loadKnowledge } from '../../knowledge/index.js';
import { loadEntries } from '../../knowledge/load.js';
import { loadWikiDir } from '../../knowledge/ikiwiki.js';
import type { Answer, KnowledgeBase } from '../../knowledge/types.js';
import { SHARED } from '../support/eval.js';

interface EvalQuestion {
  id: string;
  q: string;
  mustMention: string[][];
  expectNoAnswer?: boolean;
}

const kb = loadKnowledge();
const withWiki = loadKnowledge({ wikiDir: `${SHARED}/reference/wiki` });

function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalQuestion);
}

/** The eval rule: answered, and each inner list has one string in the reply lines or sources. */
function passes(a: Answer, q: EvalQuestion): boolean {
  if (q.expectNoAnswer) return !a.answered;
  const text = [...a.lines, ...a.sources].join('\n').toLowerCase();
  return a.answered && q.mustMention.every((alts) => alts.some((s) => text.includes(s.toLowerCase())));
}

function score(base: KnowledgeBase, file: string): { rate: number; failures: string[]; declinedAll: boolean } {
  const qs = readQuestions(file);
  const failures: string[] = [];
  let declinedAll = true;
  for (const q of qs) {
    const a = base.answer(q.q);
    if (!passes(a, q)) failures.push(`${q.id} ${q.q} -> ${a.answered ? a.lines.join(' | ') : a.declined}`);
    if (q.expectNoAnswer && a.answered) declinedAll = false;
  }
  return { rate: (qs.length - failures.length) / qs.length, failures, declinedAll };
}

describe('measured on question files', () => {
  for (const [name, file] of [
    ['shared eval examples', `${SHARED}/eval/questions.jsonl`],
    ['own held-out questions', 'test/knowledge/questions.heldout.jsonl'],
    ['own second held-out set', 'test/knowledge/questions.heldout2.jsonl'],
    ['own third held-out set', 'test/knowledge/questions.heldout3.jsonl'],
  ] as const) {
    for (const [label, base] of [
      ['curated only', kb],
      ['with the wiki loaded', withWiki],
    ] as const) {
      it(`${name}, ${label}: at least 90 % pass and every expectNoAnswer is declined`, () => {
        const r = score(base, file);
        console.info(`${name}, ${label}: ${(r.rate * 100).toFixed(0)} %${r.failures.length ? `\n  ${r.failures.join('\n  ')}` : ''}`);
        expect(r.rate, r.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
        expect(r.declinedAll).toBe(true);
      });
    }
  }
});

describe('answers', () => {
  it('put the answer in the first line, plain text, short, with a source', () => {
    const a = kb.answer('how much memory can the hurd domu have?');
    expect(a.answered).toBe(true);
    expect(a.topic).toBe('memory');
    expect(a.lines[0]).toContain('580');
    expect(a.lines.length).toBeLessThanOrEqual(3);
    for (const l of [...a.lines, ...a.more]) {
      expect(l.length).toBeLessThanOrEqual(MAX_LINE);
      expect(l).not.toMatch(/`|\*\*|\]\(/);
    }
    expect(a.sources[0]).toMatch(/^https:\/\//);
    expect(a.more.length).toBeGreaterThan(0);
  });

  it('add a line from the section that answers what the summary leaves out', () => {
    const a = kb.answer('how do i set the ip address inside the hurd guest');
    expect(a.topic).toBe('networking');
    expect(a.lines.join(' ')).toContain('pfinet');
  });


  it('decline off-topic questions politely, naming no topics', () => {
    for (const q of ['best pizza in town?', 'how do i update nvidia drivers on windows 10', 'tell me a joke', 'what time is it']) {
      const a = kb.answer(q);
      expect(a.answered, q).toBe(false);
      expect(a.declined, q).toBe('off-topic');
      expect(a.lines).toEqual([]);
    }
  });

  it('say it does not know an on-topic question below the threshold, naming the closest topics', () => {
    const a = kb.answer('does the hurd support usb passthrough with xen vga');
    expect(a.answered).toBe(false);
    expect(a.declined).toBe('low-confidence');
    expect(a.closest.length).toBeLessThanOrEqual(3);
  });

  it('read a pasted log by its error lines, not by the banner around them', () => {
    const paste = 'GNU Mach 1.8\nRunning on xen-3.0-x86_32p.\npanic: No bootstrap code loaded with the kernel!';
    const a = kb.answer(paste);
    expect(a.topic).toBe('error-kernel-missing');
    expect(a.lines.join(' ')).toContain('ramdisk');
  });

  it('decline empty questions', () => {
    for (const q of ['', '   ', '?!', 'the a an']) expect(kb.answer(q).declined).toBe('empty');
  });

  it('use the previous topic for follow-ups', () => {
    const first = kb.answer('which gnumach image for a pae hypervisor');
    expect(first.topic).toBeDefined();
    const follow = kb.answer('and for non-pae?', { lastTopic: first.topic });
    expect(follow.answered).toBe(true);
    expect(follow.lines.join(' ').toLowerCase()).toMatch(/nonpae|non-pae/);

    const start = kb.answer('how do i start the hurd domain with xm');
    expect(start.topic).toBe('starting-console');
    const xl = kb.answer('what about xl?', { lastTopic: start.topic });
    expect(xl.answered).toBe(true);
    expect(xl.lines.join(' ')).toContain('xl create');
  });

  it('let a follow-up that names another topic move on, and a bare topic stand alone', () => {
    expect(kb.answer('where do i download it', { lastTopic: 'pae' }).topic).toBe('getting-images');
    expect(kb.answer('what about the network', { lastTopic: 'pv-grub' }).topic).toBe('networking');
    expect(kb.answer('pv-grub?', { lastTopic: 'memory' }).topic).toBe('pv-grub');
    expect(kb.answer('and with pv-grub?', { lastTopic: 'config-file' }).lines.join(' ')).toContain('pv-grub.gz');
  });

  it('answer a follow-up without context only when it stands on its own', () => {
    expect(kb.answer('and for non-pae?').lines.join(' ').toLowerCase()).toMatch(/nonpae|non-pae|^$/);
    expect(kb.answer('and the other one?', { lastTopic: 'no-such-topic' }).answered).toBe(false);
  });

  it('give the same answer to the same question every time', () => {
    const q = 'where do i download gnumach-xen';
    const a = kb.answer(q);
    for (let i = 0; i < 5; i++) expect(loadKnowledge().answer(q)).toEqual(a);
  });

  it('quote wiki pages as plain text, citing the page (where no curated fact answers)', () => {
    const wikiOnly = loadKnowledge({ wikiDir: `${SHARED}/reference/wiki`, factsDir: null });
    const a = wikiOnly.answer('who hosts zenhost the xen dom0 of the public hurd boxes');
    expect(a.answered).toBe(true);
    expect(a.sources[0]).toBe('https://www.gnu.org/software/hurd/public_hurd_boxen/zenhost.html');
    expect(a.lines.join(' ')).not.toMatch(/\[\[|!meta/);
    // with the facts loaded, the curated fact answers first, with its own source
    const b = withWiki.answer('who hosts zenhost the xen dom0 of the public hurd boxes');
    expect(b.lines[0]).toMatch(/zenhost/);
    expect(b.sources[0]).toMatch(/^https:\/\/www\.gnu\.org\/software\/hurd\//);
  });

  it('never crash on hostile input', () => {
    for (const q of ['x'.repeat(1_000_000), '\u0000\uFFFF'.repeat(1000), 'xen\r\nhurd\r\n'.repeat(1000), '(((((((((('.repeat(10_000)]) {
      expect(() => kb.answer(q)).not.toThrow();
    }
    expect(() => kb.answer(undefined as unknown as string)).not.toThrow();
  });
});

describe('index build time', () => {
  it('builds the search index in under 200 ms of CPU (entries already read)', () => {
    const entries = [...loadEntries(new URL('../../knowledge/entries', import.meta.url).pathname), ...loadWikiDir(`${SHARED}/reference/wiki`)];
    // CPU time, not wall time: the suite shares two cores with other work.
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = cpuMs();
      buildKnowledge(entries);
      times.push(cpuMs() - t0);
    }
    const first = times[0]!;
    times.sort((a, b) => a - b);
    console.info(`index build: first ${first.toFixed(1)} ms, median ${times[1]!.toFixed(1)} ms CPU over ${entries.length} entries`);
    expect(times[1]).toBeLessThan(200);
  });
});

describe('blind probe sets (written before looking at the ranking, then kept as regression floors)', () => {
  for (const [file, label, base] of [
    ['test/knowledge/questions.probe.jsonl', 'first probe, curated only', kb],
    ['test/knowledge/questions.probe.jsonl', 'first probe, with the wiki loaded', withWiki],
    ['test/knowledge/questions.probe2.jsonl', 'second probe, curated only', kb],
    ['test/knowledge/questions.probe2.jsonl', 'second probe, with the wiki loaded', withWiki],
  ] as const) {
    it(`${label}: at least 90 % pass, and the first line alone meets mustMention for at least 80 %`, () => {
      const qs = readQuestions(file);
      const r = score(base, file);
      const firstLine = qs.filter((q) => {
        const a = base.answer(q.q);
        if (q.expectNoAnswer) return !a.answered;
        const line = (a.lines[0] ?? '').toLowerCase();
        return a.answered && q.mustMention.every((alts) => alts.some((s) => line.includes(s.toLowerCase())));
      }).length;
      console.info(`${label}: ${(r.rate * 100).toFixed(0)} %, first line ${firstLine}/${qs.length}${r.failures.length ? `\n  ${r.failures.join('\n  ')}` : ''}`);
      expect(r.rate, r.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
      expect(firstLine / qs.length).toBeGreaterThanOrEqual(0.8);
    });
  }
});

/**
 * The blind batches of issue 12: each written by a helper from shared/reference and real #hurd / list threads (each
 * line's provenance), without seeing the knowledge base; the first-blind pass rate was recorded before any change,
 * then the general causes were fixed and the batch kept as a floor a little under the rate reached.
 */
const BLIND_BATCHES: readonly { file: string; floor: number; story: string }[] = [
  { file: 'questions.blind4.jsonl', floor: 0.86, story: '130 questions; first-blind 92/130 (70.8 %) before the fact units' },
  { file: 'questions.blind5.jsonl', floor: 0.86, story: '100 questions after the fact units existed; first-blind 78/100 (78.0 %)' },
  {
    file: 'questions.blind6.jsonl',
    floor: 0.8,
    story: '60 (42 random facts, 12 unusual phrasings, 6 off-topic); first-blind 42/60 (70.0 %); fixed: context dilution, named keys, documentation questions',
  },
  {
    file: 'questions.blind7.jsonl',
    floor: 0.8,
    story: '80 (30 random facts, seed 7777; keys, troubles in words, two-part questions, typos, off-topic); first-blind 56/80 (70.0 %); fixed: sentences that point back, many matched words, amounts and filler words',
  },
  {
    file: 'questions.blind8.jsonl',
    floor: 0.86,
    story: '80 (IRC phrasing, less obvious facts, keys, yes/no, 12 look-alikes, 5 in other languages); first-blind 65/80 (81.3 %); fixed: two asks, a fact holding most of a long question, English words not read as typos, other distributions, vbd no domain word',
  },
  {
    file: 'questions.blind9.jsonl',
    floor: 0.89,
    story: '80 (45 random facts, seed 9090; 14 troubles in words, 14 keys, 10 look-alikes, 6 in other languages), written after batch 8\'s fixes; first-blind 67/80 (83.8 %); fixed: short domain words in other languages, capitalised keys, vm beside another hypervisor',
  },
  {
    file: 'questions.blind10.jsonl',
    floor: 0.88,
    story: "80 (68 facts picked with seed 1010 across the whole file, 8 in a symptom's words, 12 look-alikes), written after batch 9's fixes; first-blind 63/80 (78.8 %); fixed: what a question asks for, facts leading by the facts' weights, pasted xen_caps values, the sources' own words in facts",
  },
  {
    file: 'questions.blind11.jsonl',
    floor: 0.88,
    story: '80 (seed 1111; 21 worded after real threads, 20 on config keys, 8 symptoms, 10 look-alikes), written after batch 10\'s fixes; first-blind 67/80 (83.8 %); fixed: private details declined, a stated dom0_mem setting, a follow-up fragment in the same message, pasted xen_caps read to its end',
  },
  {
    file: 'questions.blind12.jsonl',
    floor: 0.81,
    story: '80 (seed 1212; 28 worded after real threads, 13 quoting a value from the user\'s machine, 8 symptoms, 10 look-alikes), written after batch 11\'s fixes; first-blind 62/80 (77.5 %); fixed: a quoted VBD boot line, an asking sentence that only names the ubiquitous words after a context that names the thing, keep/kept no longer read as fixed, facts in the sources\' words (overcommit, stale files, qdisk, cmdline as extra\'s alternative)',
  },
  {
    file: 'questions.blind13.jsonl',
    floor: 0.86,
    story: '80 (seed 1313; 22 worded after real threads, 14 quoting output of the user\'s own machine, 8 symptoms, 10 look-alikes), written after batch 12\'s fixes; first-blind 71/80 (88.8 %); fixed: a xen_caps line pasted below the command that printed it, the asking sentence of a paste with a quoted value answered second, a question in a paste without a question mark, the boot banner\'s guest type',
  },
  {
    file: 'questions.blind14.jsonl',
    floor: 0.8,
    story: '80 (seed 1414; 40 facts across the file, 20 worded after real threads, 10 symptoms, 10 look-alikes), written in session 7 after batch 13\'s fixes; first-blind 57/80 (71.3 %); fixed: yes/no questions prefer a fact that opens with its verdict, everyday English words are no unknown subject, another hypervisor named by its parts (qemu-kvm), requests for code or opinions declined, a long symptom account answered by the fact holding six of its words, a 64-bit pv-grub for the 32-bit GNU Mach (config rule HX109), io_seek read as lseek',
  },
  {
    file: 'questions.blind15.jsonl',
    floor: 0.76,
    story: '80 (seed 1515; 34 facts and 6 keys picked across the files, 20 modelled on real threads, 10 symptoms, 10 look-alikes), written in session 7 after batch 14\'s fixes; first-blind 63/80 (78.8 %) at 0a09fc6 (62/80 at the session\'s start); fixed: a fact holding every word beyond hurd/xen/domU answers, bandwidth and throttle read as rate, side a filler, without no longer disable, word no foreign subject, xen pv not a compound',
  },
];

for (const { file, floor, story } of BLIND_BATCHES) {
  describe(`blind batch ${file} (${story})`, () => {
    it(`passes at least ${Math.round(floor * 100)} %`, () => {
      const r = score(kb, `test/knowledge/${file}`);
      console.info(`${file}: ${(r.rate * 100).toFixed(1)} %${r.failures.length ? `\n  ${r.failures.join('\n  ')}` : ''}`);
      expect(r.rate).toBeGreaterThanOrEqual(floor);
    });
  });
}

describe('the form of a question says what it asks (issue 12, session 5)', () => {
  it('reads a capitalised key in a question about an error as the error: xl keys are lower-case', () => {
    const a = kb.answer('xl stops with a lexical error on the line Vcpus = 1 of my hurd config');
    expect(a.answered).toBe(true);
    expect(a.lines[0]).toMatch(/lowercase|upper-case key/);
    // without an error, the same words are a question about the key
    expect(kb.answer('what does Vcpus = 1 do for the hurd').lines.join(' ')).not.toMatch(/lowercase/);
  });

  it('keeps xm and xl in a question in another language: they are no article of that language', () => {
    const a = kb.answer('Mein Hurd-domU startet nicht, xm sagt das vif kann nicht verbunden werden. Hilfe?');
    expect(a.answered).toBe(true);
    expect(a.lines.join(' ')).toMatch(/bridge|hotplug/i);
  });

  it('reads "vm" and "guest" under another hypervisor as its guests, not as a sign of Xen', () => {
    expect(kb.answer('my hurd vm under kvm has no network').answered).toBe(false);
    expect(kb.answer('my hurd domU on xen has no network, under kvm it worked').answered).toBe(true);
  });

  it("declines Guix's childhurd: a Hurd VM under QEMU", () => {
    expect(kb.answer('how do I give the childhurd on my guix box more memory?').answered).toBe(false);
  });
});

describe('questions that ask two things, and long questions one fact answers (issue 12, session 5)', () => {
  it('answers both asks of "X, and when Y?": each with the fact that holds it', () => {
    const text = kb.answer("who wrote gnumach's xen support, and when was that merged into master?").lines.join(' ');
    expect(text).toMatch(/December 2009/);
    expect(text).toMatch(/wrote GNU Mach's Xen port/);
  });

  it('adds no second fact to a question that asks one thing', () => {
    const text = kb.answer("who wrote gnumach's xen support?").lines.join(' ');
    expect(text).toMatch(/Thibault/);
    expect(text).not.toMatch(/December 2009/);
  });

  it('lets a fact holding most of a long question answer over a topic that only shares its common words', () => {
    const a = kb.answer('is there a way to have xl only parse /etc/xen/hurd and print the result, not start the domain?');
    expect(a.answered).toBe(true);
    expect(a.lines[0]).toMatch(/xl -N/);
  });

  it('does not read a short English word as a typo of another ("main" is not "gain")', () => {
    const a = kb.answer('when did the xen code go into the main gnumach tree, and who wrote it?');
    expect(a.lines.join(' ')).not.toMatch(/balloon/);
  });
});

describe('look-alikes about other platforms and distributions (issue 12, session 5)', () => {
  it("declines another distribution's packages, but not Debian's or a package architecture", () => {
    expect(kb.answer('is gnumach-xen packaged for fedora as an rpm?').answered).toBe(false);
    expect(kb.answer('is there a guix package for the hurd xen kernel?').answered).toBe(false);
    expect(kb.answer('which debian package has the xen gnumach?').answered).toBe(true);
    expect(kb.answer('my dom0 is amd64 and the hurd 32-bit, which package arch for the xen gnumach?').answered).toBe(true);
  });

  it('declines the Hurd under KVM with a disk question: "disk" alone is no Xen word', () => {
    expect(kb.answer('my hurd vm on kvm cannot see its second disk').answered).toBe(false);
  });
});

describe('facts that answer questions phrased around them (issue 12, general causes of blind-batch misses)', () => {
  it('answers from the fact about a config key the question assigns, though the rest of the question is context', () => {
    const a = kb.answer('thinking of setting vcpus=2 for my hurd guest');
    expect(a.answered).toBe(true);
    expect(a.lines.join(' ')).toMatch(/vcpus = 1/);
  });

  it('reads a short asking sentence that points back together with the sentences before it', () => {
    const a = kb.answer('my old xm config had a bootargs= line for the bootloader. what is that key called in xl?');
    expect(a.answered).toBe(true);
    expect(a.lines.join(' ')).toMatch(/bootloader_args/);
  });

  it('answers "is it written down?" with what the sources leave open, instead of declining', () => {
    const a = kb.answer('any written howto for pvgrub2 with the hurd, or only chat logs?');
    expect(a.answered).toBe(true);
    expect(a.lines[0]).toMatch(/IRC/);
  });
});

describe('what the sources leave open, and other subjects', () => {
  it('decline a question about something no source documents instead of answering the nearest topic', () => {
    expect(kb.answer('what does savannah task 6584 say').answered).toBe(false);
    expect(kb.answer('does debian bookworm xen have CONFIG_PV32 enabled?').answered).toBe(false);
  });

  it('still answer the documented question next to an undocumented one', () => {
    const a = kb.answer('does 32-bit pv still work on recent xen');
    expect(a.answered).toBe(true);
    expect(a.lines.join(' ').toLowerCase()).toContain('pv32');
  });

  it('decline the Hurd on another platform and a Xen question about another OS', () => {
    expect(kb.answer('does the hurd run on a raspberry pi?').declined).toBe('off-topic');
    expect(kb.answer('how do i install windows 10 as an hvm guest with gpu passthrough').answered).toBe(false);
    expect(kb.answer('can the hurd run on xen').answered).toBe(true);
  });
});

describe('the first line', () => {
  it('is the sentence of the entry that answers a detail question, with the usual answer after it', () => {
    const a = kb.answer('vi on the xen console has the wrong size');
    expect(a.lines[0]).toContain('COLUMNS');
    expect(a.lines.join('\n')).toContain('xl create -c /etc/xen/hurd');
  });

  it('stays the curated answer for the plain question', () => {
    const a = kb.answer('how do i start the hurd vm with xl');
    expect(a.lines[0]).toContain('xl create -c /etc/xen/hurd');
  });

  it('tells a GRUB partition "(hd0,1)" from the disk "(hd0)"', () => {
    const a = kb.answer('pv-grub extra: (hd0,1) or (hd0)?');
    expect(a.lines.join('\n')).toContain('partition inside a whole-disk export');
  });

  it('prefers a sentence with a date or version for a "when" question', () => {
    const a = kb.answer('since when can pv-grub boot the hurd');
    expect(a.lines[0]).toMatch(/4\.0|2009/);
  });
});

describe('sentences', () => {
  it('split at a full stop before a capital, not inside versions, paths or "e.g."', () => {
    expect(sentences('Xen 4.0 added pv-grub. Use /boot/pv-grub.gz, e.g. from the site. "Quoted" starts here.')).toEqual([
      'Xen 4.0 added pv-grub.',
      'Use /boot/pv-grub.gz, e.g. from the site.',
      '"Quoted" starts here.',
    ]);
  });

  it('stay linear on a long run of full stops', () => {
    const start = performance.now();
    sentences('. '.repeat(100_000));
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('what a question asks for, and look-alikes about people and machines (issue 12, session 6)', () => {
  it('answers "when" with the fact that holds a date, not a topic line that holds a release number', () => {
    expect(kb.answer('when did gnumach get pae support').lines[0]).toMatch(/November 2008/);
  });

  it('answers "who" with the fact that names the person, over a topic that shares the other words', () => {
    expect(kb.answer('who ported gnumach to xen').lines.join(' ')).toMatch(/Thibault/);
  });

  it('answers a short asking sentence after its context with the context: "forgot memory=. what does xl default to"', () => {
    expect(kb.answer('forgot memory= in the hurd config. what does xl default to').lines.join(' ')).toMatch(/32 MB/);
  });

  it('answers a follow-up fragment in the same message ("... with xl? and with xm?") with the fact for the other one', () => {
    const text = kb.answer('if i leave out the memory line, how much does the guest get with xl? and with xm?').lines.join(' ');
    expect(text).toMatch(/32 MB/);
    expect(text).toMatch(/128/);
  });

  it("declines a person's private details and a machine's secrets, not a question that merely names them", () => {
    expect(kb.answer("what's samuel thibault's home address? i want to send a thank-you card").answered).toBe(false);
    expect(kb.answer('what is the root password on zenhost?').answered).toBe(false);
    expect(kb.answer('who is samuel thibault and what did he do for xen?').answered).toBe(true);
  });
});
