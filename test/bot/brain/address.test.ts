import { describe, expect, it } from 'vitest';
import { readAddress, withoutOtherAddressee } from '../../../bot/brain/address.js';
import { createBrain } from '../../../bot/brain/index.js';
import { loadKnowledge } from '../../../knowledge/index.js';

const opts = { names: ['hurdbot', 'hurdbot_'], prefix: '!' };

describe('reading who a line is for (the one owner of addressing)', () => {
  it('takes the bot\'s own nick with a colon, a comma or glued to the text, and removes it', () => {
    expect(readAddress('hurdbot: how much ram?', opts)).toEqual({ addressed: true, named: true, calledLikeABot: false, text: 'how much ram?' });
    expect(readAddress('HurdBot, pae', opts)).toEqual({ addressed: true, named: true, calledLikeABot: false, text: 'pae' });
    expect(readAddress('hurdbot:help', opts)).toEqual({ addressed: true, named: true, calledLikeABot: false, text: 'help' });
    expect(readAddress('hurdbot_: version', opts).named).toBe(true);
    expect(readAddress('@hurdbot how much ram', opts)).toEqual({ addressed: true, named: true, calledLikeABot: false, text: 'how much ram' });
  });

  it('strips the names people give a help bot (with a space after them), without taking them as addressing it', () => {
    expect(readAddress('xenbot: pae?', opts)).toEqual({ addressed: false, named: false, calledLikeABot: true, text: 'pae?' });
    expect(readAddress('helperbot, pae?', opts).calledLikeABot).toBe(true);
    expect(readAddress('xenbot:pae', opts).calledLikeABot).toBe(false);
  });

  it('never reads tool output or another person as the bot', () => {
    for (const line of ['Error: Device 0 (vif) could not be connected.', 'xen_caps               : xen-3.0-x86_64', 'libxl: error: libxl.c:1: x', 'alice: how much ram?', 'xl: command not found']) {
      expect(readAddress(line, opts)).toEqual({ addressed: false, named: false, calledLikeABot: false, text: line });
    }
  });

  it('counts the prefix and a private message as addressed, keeping the text for the command parser', () => {
    expect(readAddress('!help', opts)).toEqual({ addressed: true, named: false, calledLikeABot: false, text: '!help' });
    expect(readAddress('! help', opts).addressed).toBe(false);
    expect(readAddress('how much ram', { ...opts, isPrivate: true })).toEqual({ addressed: true, named: false, calledLikeABot: false, text: 'how much ram' });
  });

  it('drops someone else\'s nick from a question unless the word is a term of the domain', () => {
    const isTerm = (w: string) => w === 'error' || w === 'memory';
    expect(withoutOtherAddressee('alice: how much ram', isTerm)).toBe('how much ram');
    expect(withoutOtherAddressee('bot, how much ram', isTerm)).toBe('how much ram');
    expect(withoutOtherAddressee('Error: (2, ...)', isTerm)).toBe('Error: (2, ...)');
    expect(withoutOtherAddressee('memory: how much?', isTerm)).toBe('memory: how much?');
  });
});

describe('the brain answers an addressed question without the address', () => {
  const brain = createBrain({ knowledge: loadKnowledge() });
  const ask = (text: string) => brain.handle({ text, author: 'u', channel: '#hurd', transport: 'irc', addressed: false });
  it('strips its names before answering', () => {
    expect(JSON.stringify(ask('xenhelp: which package has brctl for network-bridge')?.blocks)).toContain('bridge-utils');
    expect(JSON.stringify(ask('bot, fdisk type for the hurd partition?')?.blocks)).toContain('0x83');
  });
});
