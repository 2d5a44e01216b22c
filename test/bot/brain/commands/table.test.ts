import { describe, expect, it } from 'vitest';
import { argsFromText, COMMANDS, findCommand, parseCommand } from '../../../../bot/brain/commands/table.js';
import { UsageError } from '../../../../bot/brain/commands/types.js';
import { createBrain } from '../../../../bot/brain/index.js';
import { loadKnowledge } from '../../../../knowledge/index.js';

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

describe('the command table: one declaration gives parsing, options and help', () => {
  it('gives every name and alias to one command only', () => {
    const names = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(findCommand(n)?.name).toBeDefined();
  });

  it('declares options Discord and the CLI can take as they are', () => {
    for (const c of COMMANDS) {
      expect(c.summary.length, c.name).toBeLessThanOrEqual(100);
      expect(new Set(c.options.map((o) => o.name)).size, c.name).toBe(c.options.length);
      for (const o of c.options) {
        expect(o.description.length, `${c.name}.${o.name}`).toBeLessThanOrEqual(100);
        expect(o.name, `${c.name}.${o.name}`).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
      }
    }
  });

  it('reads the words after a command into its typed options', () => {
    expect(argsFromText(findCommand('ask')!, '  what is pae?  ')).toEqual({ question: 'what is pae?' });
    expect(argsFromText(findCommand('check')!, 'memory = 256\nname = "h"')).toEqual({ config: 'memory = 256\nname = "h"' });
    expect(argsFromText(findCommand('template')!, 'pvgrub nonpae xm memory=256')).toMatchObject({ boot: 'pvgrub', pae: false, dialect: 'xm', memory: 256 });
    expect(argsFromText(findCommand('tell')!, 'bob about pv-grub')).toEqual({ nick: 'bob', topic: 'pv-grub' });
    expect(() => argsFromText(findCommand('template')!, 'frobnicate')).toThrow(UsageError);
    expect(() => argsFromText(findCommand('tell')!, 'bob')).toThrow(UsageError);
  });
});

describe('running a command from the table', () => {
  const brain = createBrain({ knowledge: loadKnowledge() });
  const run = (name: string, args: Record<string, string | number | boolean>) => brain.handle({ text: `/${name}`, command: { name, args }, author: 'u', channel: '#c', transport: 'discord', addressed: true })!;

  it('takes typed options straight to run, with no text to parse', () => {
    const r = run('template', { boot: 'pvgrub', pae: false, dialect: 'xm', memory: 256, name: 'my-hurd' });
    const code = r.blocks.find((b) => b.type === 'code');
    expect(code && 'text' in code ? code.text : '').toMatch(/name\s*=\s*["']my-hurd["']/);
    expect(code && 'text' in code ? code.text : '').toMatch(/memory\s*=\s*256/);
  });

  it('answers a chat line with a command\'s usage when its words cannot be read', () => {
    const r = brain.handle({ text: '!template frobnicate', author: 'u', channel: '#c', transport: 'irc', addressed: true })!;
    expect(r.answered).toBe(false);
    expect(r.blocks.map((b) => ('text' in b ? b.text : '')).join(' ')).toMatch(/Usage: !template/);
  });

  it('refuses maintainer commands to others, whatever the surface', () => {
    const r = brain.handle({ text: '!learn pae is x', author: 'u', channel: '#c', transport: 'irc', addressed: true })!;
    expect(r.blocks.map((b) => ('text' in b ? b.text : '')).join(' ')).toMatch(/Only maintainers/);
    expect(run('reload', {}).blocks.map((b) => ('text' in b ? b.text : '')).join(' ')).toMatch(/Only maintainers/);
  });

  it('lists every command in help, maintainers\' marked', () => {
    const help = run('help', {});
    const items = help.more.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(items).toHaveLength(COMMANDS.length);
    expect(items.find((i) => i.startsWith('!learn'))).toMatch(/\(maintainers\)/);
  });
});
