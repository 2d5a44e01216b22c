/**
 * A trouble told in words (issue 16): the bot says its best guess and asks for the one output that places the
 * user on the boot sequence; the output, pasted bare, is read with that case.
 */
import { describe, expect, it } from 'vitest';
import { symptomOf } from '../../../bot/brain/symptoms.js';
import { createBrain } from '../../../bot/brain/index.js';
import { renderText } from '../../../bot/render/text.js';
import { loadKnowledge } from '../../../knowledge/index.js';

describe('which troubles are ours, and what each asks for', () => {
  it.each([
    ['my hurd domU doesn\'t boot', /xl create -c/],
    ['the hurd guest won\'t start, any idea?', /xl create -c/],
    ['no network in the hurd domU', /brctl show/],
    ['gnumach console shows nothing after xl create', /xl console/],
    ['hurd domU dies right away, xl create -c shows some kernel panic', /whole console output/],
    ['native-install in my hurd domU froze at "Setting up sed"', /xm list/],
    ['wanted to run the hurd directly on xen, the box reboots after the xen messages', /noreboot/],
  ])('%s', (text, asked) => {
    const s = symptomOf(text);
    expect(s?.ask.what).toMatch(asked);
  });

  it.each([
    'the hurd in virtualbox hangs right after grub',
    'my ubuntu domU does not boot',
    'my laptop won\'t boot',
    'how much memory can the hurd domU have?',
    'xl create says:\nError: something',
  ])('is silent on %s', (text) => expect(symptomOf(text)).toBeUndefined());
});

describe('a trouble told in words opens a case', () => {
  const brain = createBrain({ knowledge: loadKnowledge() });
  const say = (text: string, author = 'carol') => renderText(brain.handle({ text, author, channel: '#hurd', transport: 'irc', addressed: true })!);

  it('gives a best guess and one question, then reads the asked output with it', () => {
    const first = say('my hurd domU doesn\'t boot');
    expect(first.match(/Paste /g)).toHaveLength(1);
    const second = say('libxl: error: libxl_dom.c:123:libxl__build_dom: xc_dom_parse_image failed\nxc: error: panic: xc_dom_core.c:702: xc_dom_find_loader: no loader found: Invalid kernel');
    expect(second).toMatch(/Read together with what you pasted before/);
    expect(second).toMatch(/HX\d{3}|loader|kernel/i);
  });
});

describe('a symptom settled by the output it asked for', () => {
  const brain = createBrain({ knowledge: loadKnowledge() });
  const say = (text: string) => renderText(brain.handle({ text, author: 'dan', channel: '#hurd', transport: 'irc', addressed: true })!);

  it('reads the guest\'s memory from xm list and says what to set', () => {
    say('native-install in my hurd domU hangs at sysv-rc for an hour');
    const verdict = say('root@dom0:~# xm list\nName                                        ID   Mem VCPUs      State   Time(s)\nDomain-0                                     0  1752     2     r-----   2210.4\nhurd                                        12   128     1     -b----    803.2');
    expect(verdict).toMatch(/only 128 MB/);
    expect(verdict).toMatch(/memory = 512/);
  });

  it('leaves a guest with enough memory to the other readers', () => {
    say('native-install in my hurd domU hangs at sysv-rc for an hour');
    expect(say('root@dom0:~# xm list\nName   ID   Mem VCPUs      State   Time(s)\nhurd   12   512     1     -b----    803.2')).not.toMatch(/only \d+ MB/);
  });
});
