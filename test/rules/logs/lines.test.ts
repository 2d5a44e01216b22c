/**
 * How a paste is cut into the lines the rules read (rules/logs/lines.ts): what a mail client or a narrow terminal
 * wrapped is joined back, what stands on its own stays apart.
 */
import { describe, expect, it } from 'vitest';
import { pasteLines } from '../../../rules/logs/lines.js';

const texts = (paste: string) => pasteLines(paste).map((l) => l.text);

describe('pasteLines', () => {
  it('joins the rest of a libxc / libxl message that a mail client wrapped onto the next lines', () => {
    const wrapped = "xc: error: panic: xg_dom_core.c:205: failed to open file\n'/usr/local/lib/xen/boot/pvgrub32.bin': No such file or directory: Internal\nerror\nlibxl: error: libxl_dom.c:641:libxl__build_pv: xc_dom_kernel_file failed: No\nsuch file or directory";
    expect(texts(wrapped)).toEqual([
      "xc: error: panic: xg_dom_core.c:205: failed to open file '/usr/local/lib/xen/boot/pvgrub32.bin': No such file or directory: Internal error",
      'libxl: error: libxl_dom.c:641:libxl__build_pv: xc_dom_kernel_file failed: No such file or directory',
    ]);
  });

  it('keeps a prompt, a program message and aligned output after a libxl line apart', () => {
    const paste = 'libxl: error: libxl_domain.c:1064:domain_destroy_cb: Domain 4:Destruction of domain failed\nroot@bookworm:~# ip -br link\nlo               UNKNOWN        00:00:00:00:00:00\nlibxl: error: x.c:1:f: a\nxenconsole: Could not read tty from store';
    expect(texts(paste)).toHaveLength(5);
  });

  it('joins a message wrapped right after its function name, where the message starts with a capital', () => {
    const wrapped = 'libxl: error: libxl_device.c:1351:device_hotplug_child_death_cb: script:\nCannot rename interface vif12.0. An interface with name vif-hurd already\nexists.\nlibxl: error: libxl_create.c:1980:domcreate_attach_devices: Domain\n12:unable to add vif devices';
    expect(texts(wrapped)).toEqual([
      'libxl: error: libxl_device.c:1351:device_hotplug_child_death_cb: script: Cannot rename interface vif12.0. An interface with name vif-hurd already exists.',
      'libxl: error: libxl_create.c:1980:domcreate_attach_devices: Domain 12:unable to add vif devices',
    ]);
  });

  it('reads a log quoted in a mail (> and >> marks) as the log itself', () => {
    expect(texts('> libxl: error: a.c:1:f: one\n>> xc: error: two')).toEqual(['libxl: error: a.c:1:f: one', 'xc: error: two']);
  });

  it('joins nothing after lines that are not libxl / libxc messages', () => {
    expect(texts('Parsing config from /etc/xen/hurd\nsomething else')).toHaveLength(2);
  });
});
