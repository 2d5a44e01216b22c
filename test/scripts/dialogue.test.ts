import { describe, expect, it } from 'vitest';
import { judgeDialogue, type Dialogue } from '../../scripts/dialogue.js';

const d: Dialogue = {
  id: 't',
  provenance: { kind: 'reconstructed', url: 'x' },
  expertAsks: 1,
  turns: [
    { user: 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported', expect: { asksFor: [['xen_caps', 'xl info']] } },
    { user: 'xen_caps : xen-3.0-x86_64 xen-3.0-x86_32p', expect: { concludes: true, mustMention: [['pae']], mustNotMention: ['non-pae image is right'] } },
  ],
};

describe('judging a scripted dialogue', () => {
  it('passes when the bot asks for the observation, then names the cause', () => {
    const v = judgeDialogue(d, ['Paste `xl info | grep xen_caps`.', 'Your hypervisor is PAE: use gnumach-xen-pae.']);
    expect(v.pass).toBe(true);
  });

  it('fails a turn that asks for something else, says nothing, or says what it must not', () => {
    expect(judgeDialogue(d, ['Paste your config.', 'PAE']).turns[0]).toMatchObject({ pass: false, why: expect.stringContaining('did not ask') });
    expect(judgeDialogue(d, ['xl info?', '']).turns[1]).toMatchObject({ pass: false, why: expect.stringContaining('no reply') });
    expect(judgeDialogue(d, ['xl info?', 'PAE; the non-PAE image is right']).pass).toBe(false);
  });

  it('does not count the user\'s own paste quoted back as the bot\'s words', () => {
    const user = 'my PAE hypervisor says xen_caps : xen-3.0-x86_64';
    const turn = { user, expect: { concludes: true, mustMention: [['pae']] } };
    expect(judgeDialogue({ ...d, turns: [turn] }, [`${user}\nno idea`]).pass).toBe(false);
    expect(judgeDialogue({ ...d, turns: [turn] }, [`${user}\nuse the PAE image`]).pass).toBe(true);
  });
});
