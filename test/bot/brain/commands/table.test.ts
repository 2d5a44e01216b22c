import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../bot/brain/commands/table.js';

describe('parseCommand', () => {
  it('finds a prefixed command and its arguments', () => {
    const c = parseCommand('!explain HX201', '!', false);
    expect(c?.command.name).toBe('explain');
    expect(c?.text).toBe('HX201');
  });

  it('keeps the lines after the command word as the paste', () => {
    const c = parseCommand('!check\nmemory = 1024\nkernel = "/boot/x"', '!', false);
    expect(c?.command.name).toBe('check');
    expect(c?.text).toBe('memory = 1024\nkernel = "/boot/x"');
  });

  it('accepts a bare command word only when addressed', () => {
    expect(parseCommand('help', '!', true)?.command.name).toBe('help');
    expect(parseCommand('help', '!', false)).toBeUndefined();
  });

  it('does not take plain language for a command', () => {
    expect(parseCommand('help me set up the vif', '!', true)).toBeUndefined();
    expect(parseCommand('tell me how to start the hurd', '!', true)).toBeUndefined();
    expect(parseCommand('check out my setup please', '!', true)).toBeUndefined();
    expect(parseCommand('tell alice about pv-grub', '!', true)?.command.name).toBe('tell');
  });

  it('resolves aliases and honours another prefix', () => {
    expect(parseCommand('?lint\nmemory = 2', '?', false)?.command.name).toBe('check');
    expect(parseCommand('!lint\nmemory = 2', '?', false)).toBeUndefined();
  });
});
