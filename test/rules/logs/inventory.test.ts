/**
 * The message inventory (rules/logs/inventory.ts): one case per family per wording. Each wording's example line,
 * built from the format string of the program that prints it, must be recognised on its own, inside a chat paste
 * (IRC prefix, prose around it), and must name its family; nothing in a clean boot may match.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGE_FAMILIES } from '../../../rules/logs/inventory.js';
import { allRules, diagnoseLog } from '../../../rules/engine.js';
import { loadKnowledge } from '../../../knowledge/index.js';

const kb = loadKnowledge();
const cases = MESSAGE_FAMILIES.flatMap((f) => f.wordings.map((w) => [f.id, f.name, w.printedBy, w.example, w.onlyWith?.example] as const));
const contextual = MESSAGE_FAMILIES.flatMap((f) => f.wordings.filter((w) => w.onlyWith).map((w) => [f.id, w.printedBy, w.example] as const));

describe('message inventory', () => {
  it('has unique rule ids that no other rule uses, a source, and a knowledge entry that exists', () => {
    const ids = MESSAGE_FAMILIES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of MESSAGE_FAMILIES) {
      expect(allRules().filter((r) => r.meta.id === f.id)).toHaveLength(1);
      expect(f.docs.url).toMatch(/^https:\/\//);
      expect(kb.get(f.knowledge), `${f.id} -> ${f.knowledge}`).toBeDefined();
      expect(f.wordings.length).toBeGreaterThan(0);
    }
  });

  it.each(cases)('%s %s, as printed by %s', (id, _name, _printedBy, example, context) => {
    const family = MESSAGE_FAMILIES.find((f) => f.id === id)!;
    expect(family.wordings.some((w) => w.pattern.test(example))).toBe(true);
    // (a message other programs print too comes with the line that makes it ours)
    const withContext = (paste: string) => (context ? `${context}\n${paste}` : paste);
    for (const paste of [example, `[12:01] <alice> ${example}`, `so I ran it again and got this:\n${example}\nany idea?`].map(withContext)) {
      const d = diagnoseLog(paste);
      const hit = d.findings.find((f) => f.rule === id);
      expect(hit, paste).toBeDefined();
      expect(hit!.advice).toBe(family.fix);
    }
  });

  it.each(contextual)('%s: a message other programs print too (%s) is not ours without Xen, pv-grub or GNU Mach in the paste', (id, _printedBy, example) => {
    const windows = ["Booting 'Microsoft Windows XP Professional'", 'root (hd0,1)', 'chainloader +1', '', example].join('\n');
    expect(diagnoseLog(windows).findings.filter((f) => f.rule === id)).toEqual([]);
  });

  it('finds nothing in a clean direct boot', () => {
    const boot = [
      'root@dom0:~# xl create -c /etc/xen/hurd',
      'Parsing config from /etc/xen/hurd',
      'GNU Mach 1.8+git20221224-xen-486',
      'Running on xen-3.0-x86_32p.',
      "hd0: dom0's VBD 768 (sda4,w) 10240MB",
      "eth0: dom0's VIF 0 00:16:3e:12:34:56",
      'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0] exec startup proc auth.',
    ].join('\n');
    const ids = new Set(MESSAGE_FAMILIES.map((f) => f.id));
    expect(diagnoseLog(boot).findings.filter((f) => ids.has(f.rule))).toEqual([]);
  });

  it('a paste with two runs is decided by the last one (earlier errors become notes)', () => {
    const paste = [
      'root@dom0:~# xl create -c /etc/xen/hurd',
      "Invalid parameter `mac'.",
      'root@dom0:~# vi /etc/xen/hurd',
      'root@dom0:~# xl create -c /etc/xen/hurd',
      'GNU Mach 1.8+git20221224-xen-486',
      "start ext2fs: ext2fs: device:hd0: panic: get_hypermetadata: inode size 256 isn't supported",
    ].join('\n');
    const d = diagnoseLog(paste);
    expect(d.findings.find((f) => f.rule === 'HX660')?.severity).toBe('error');
    expect(d.findings.find((f) => f.rule === 'HX642')?.severity).toBe('info');
  });
});

describe('docs/message-inventory.md', () => {
  it('lists every family of the inventory', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/message-inventory.md', import.meta.url), 'utf8');
    for (const f of MESSAGE_FAMILIES) expect(doc, f.id).toContain(`| ${f.id} | ${f.name} |`);
  });
});
