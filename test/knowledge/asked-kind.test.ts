/**
 * What a question asks for (asked-kind.ts): "when" wants a date, "who" a person, "where" a place, "how much" an
 * amount; a line that holds it answers better than one that only shares the question's words.
 */
import { describe, expect, it } from 'vitest';
import { askedKinds, holdsAsked } from '../../knowledge/asked-kind.js';

describe('askedKinds', () => {
  it.each([
    ['when did gnumach get pae support', ['when']],
    ['since which xen version is pv-grub supported', ['version']],
    ['who ported gnumach to xen', ['who']],
    ['where do i get pv-grub.gz', ['where']],
    ['how much ram does xl give the guest by default', ['amount']],
    ['can i run the hurd and linux side by side', ['yesno']],
    ['dom0 is debian 12. is there still a 32-bit hypervisor build', ['yesno']],
    ['what hypervisor does darnassus run on', []],
    ["is debian's gnumach-image-1.8-xen-486 pae or non-pae", []],
    ['is it written up on the wiki, or is that a known doc gap?', ['yesno']],
    ['how do i see if the hurd domain is running', []],
  ])('%s -> %j', (q, kinds) => {
    expect(askedKinds(q)).toEqual(kinds);
  });
});

describe('holdsAsked', () => {
  it('a line that opens with its verdict answers a yes/no question, but only a quarter: the words still decide', () => {
    expect(holdsAsked('No, xl does not support the w! mode.', ['yesno'])).toBe(0.25);
    expect(holdsAsked('Mostly yes, xl parses xm-style configs.', ['yesno'])).toBe(0.25);
    expect(holdsAsked('No documentation says whether 580 MB still limits it.', ['yesno'])).toBe(0);
    expect(holdsAsked('No SMP on Xen: it was never ported.', ['yesno'])).toBe(0);
    expect(holdsAsked('xl list shows the running domains.', ['yesno'])).toBe(0);
  });

  it('a year answers "when" fully, a release number half, a name with a number in it not at all', () => {
    expect(holdsAsked('Since November 2008 GNU Mach does PAE.', ['when'])).toBe(1);
    expect(holdsAsked('Every Xen since 3.3 is PAE.', ['when'])).toBe(0.5);
    expect(holdsAsked('xen_caps shows xen-3.0-x86_32p.', ['when'])).toBe(0);
  });

  it('a release number answers "which version"', () => {
    expect(holdsAsked('Xen 4.23 drops pv-grub.', ['version'])).toBe(1);
    expect(holdsAsked('pv-grub is GRUB legacy ported to run inside the domU.', ['version'])).toBe(0);
  });

  it('a person\'s name answers "who"; a place answers "where"', () => {
    expect(holdsAsked('Samuel Thibault added PAE support.', ['who'])).toBe(1);
    expect(holdsAsked('the xen build of gnumach', ['who'])).toBe(0);
    expect(holdsAsked('see http://youpibouh.thefreecat.org/hurd-xen/', ['where'])).toBe(1);
    expect(holdsAsked('copy it to /boot on dom0', ['where'])).toBe(1);
  });

  it('an amount with its unit answers "how much" fully, a bare number half, a digit inside a name not at all', () => {
    expect(holdsAsked('xl allocates 32 MB when memory is left out.', ['amount'])).toBe(1);
    expect(holdsAsked('the VBD number is 768.', ['amount'])).toBe(0.5);
    expect(holdsAsked('turn autoballoon off when dom0_mem fixes dom0.', ['amount'])).toBe(0);
  });

  it('a question that asks for nothing in particular gives no bonus', () => {
    expect(holdsAsked('Since November 2008 GNU Mach does PAE.', [])).toBe(0);
  });
});
