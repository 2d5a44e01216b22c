import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWikiDir, pageUrl, parseWikiPage, stripIkiwiki } from '../../knowledge/ikiwiki.js';
import { SHARED } from '../support/eval.js';

const WIKI = `${SHARED}/reference/wiki`;
const SEED = `${SHARED}/reference/seed`;

const PAGE = `[[!meta copyright="Copyright © 2008 Free Software Foundation, Inc."]]

[[!meta license="""[[!toggle id="license" text="GFDL 1.2+"]][[!toggleable
id="license" text="Permission is granted ... [[GNU Free Documentation
License|/fdl]]."]]"""]]

[[!meta title="Xen networking"]]
[[!tag open_issue_xen stable_URL]]

[[!toc]]

# Bridge

See [[networking_configuration]] and the [[GNU/Hurd_system|hurd/running]] page,
or [[!debbug 405215]]. Escaped \\[[not a link]] stays.

    vif = [ 'mac=00:16:3e:00:00:01, bridge=br0' ]

/!\\ Careful with the MAC.
`;

describe('stripIkiwiki', () => {
  const page = stripIkiwiki(PAGE);

  it('removes directives, including multi-line ones with triple-quoted arguments', () => {
    expect(page.markdown).not.toMatch(/\[\[!|toggle|Permission is granted|copyright|\]\]"""/);
    expect(page.directives.map((d) => d.name)).toEqual(['meta', 'meta', 'meta', 'tag', 'toc', 'debbug']);
  });

  it('keeps the title and tags as metadata', () => {
    expect(page.title).toBe('Xen networking');
    expect(page.tags).toEqual(['open_issue_xen', 'stable_URL']);
  });

  it('turns wikilinks into their text and keeps escaped brackets literal', () => {
    expect(page.markdown).toContain('See networking configuration and the GNU/Hurd system page');
    expect(page.markdown).toContain('Debian bug #405215');
    expect(page.markdown).toContain('Escaped [[not a link]] stays.');
  });

  it('never hangs or leaks on an unterminated directive', () => {
    const out = stripIkiwiki('text [[!meta title="""never closed\nmore text\n'.repeat(2000));
    expect(out.markdown).not.toContain('[[!');
  });
});

describe('parseWikiPage', () => {
  const e = parseWikiPage(PAGE, 'microkernel/mach/gnumach/ports/xen/networking_configuration.mdwn');

  it('cites the gnu.org page built from the path', () => {
    expect(e.id).toBe('wiki:microkernel/mach/gnumach/ports/xen/networking_configuration');
    expect(e.sources[0]?.url).toBe('https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen/networking_configuration.html');
    expect(e.origin).toBe('wiki');
  });

  it('splits sections by heading with plain text', () => {
    expect(e.title).toBe('Xen networking');
    const bridge = e.sections.find((s) => s.heading === 'Bridge');
    expect(bridge?.text).toContain("vif = [ 'mac=00:16:3e:00:00:01, bridge=br0' ]");
    expect(bridge?.text).toContain('Careful with the MAC.');
    expect(bridge?.text).not.toContain('/!\\');
  });
});

describe('pageUrl', () => {
  it('maps a page path to its rendered URL', () => {
    expect(pageUrl('hurd/running/qemu/writeback_caching.mdwn')).toBe('https://www.gnu.org/software/hurd/hurd/running/qemu/writeback_caching.html');
  });
});

describe('loadWikiDir', () => {
  it('loads the reference wiki, one entry per page, newest revision, pages named from the README', () => {
    const pages = loadWikiDir(WIKI);
    const ids = pages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('wiki:microkernel/mach/gnumach/ports/xen');
    expect(ids).toContain('wiki:faq/native-install_doesnt_finish');
    expect(ids).not.toContain('wiki:Hurd/xen');
    const xen = pages.find((p) => p.id === 'wiki:microkernel/mach/gnumach/ports/xen')!;
    // The 2015 revision (the newest) has the two boot methods and the Partitions section.
    expect(xen.sections.map((s) => s.heading)).toContain('Partitions');
    expect(xen.sources[0]?.url).toBe('https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html');
    const networking = pages.find((p) => p.id.endsWith('networking_configuration'))!;
    expect(networking.sections.some((s) => s.text.includes('-i /dev/eth0'))).toBe(true);
  });

  it('lets no directive or wikilink syntax through in any section', () => {
    for (const page of [...loadWikiDir(WIKI), ...loadWikiDir(SEED)]) {
      for (const s of page.sections) {
        expect(`${s.heading}\n${s.text}`, page.id).not.toMatch(/\[\[!|\[\[[^\]\n]*\]\]/);
      }
    }
  });

  it('reads the seed page into its sections', () => {
    const [seed] = loadWikiDir(SEED);
    expect(seed?.id).toBe('wiki:xen');
    const headings = seed!.sections.map((s) => s.heading);
    expect(headings).toEqual(expect.arrayContaining(['Xen dom0, hypervisor', '/etc/xen/hurd configuration', 'Running Hurd with Xen', 'pv-grub']));
    const config = seed!.sections.find((s) => s.heading === '/etc/xen/hurd configuration')!;
    expect(config.text).toContain('Do not give more than 580MB memory');
    expect(readFileSync(`${SEED}/xen.mdwn`, 'utf8')).toContain('[[!toc]]');
  });
});
