import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLog } from '../../../rules/logs/parse.js';
import { commandArgv, hasKind, toolstackOf } from '../../../rules/logs/query.js';
import type { LogEvent } from '../../../rules/logs/types.js';

const kinds = (events: LogEvent[]) => events.map((e) => `${e.type}:${e.data.kind}`);

describe('parseLog', () => {
  it('reads a prompt, the command and its argv', () => {
    const [cmd] = parseLog('root@dom0:/var/log/xen# sudo xm create -c "my hurd"');
    expect(cmd?.type).toBe('command');
    expect(cmd?.data).toMatchObject({ user: 'root', host: 'dom0', cwd: '/var/log/xen', sigil: '#', program: 'xm' });
    expect(commandArgv(cmd as LogEvent)).toEqual(['xm', 'create', '-c', 'my hurd']);
  });

  it("reads the shell's own default prompt (sh-3.2#, bash-5.1$), as the Hurd's first boot shell shows it", () => {
    expect(parseLog('sh-3.2# ./native-install')[0]?.data).toMatchObject({ kind: 'command', program: 'native-install' });
    expect(parseLog('bash-5.1$ xl list')[0]?.data.program).toBe('xl');
    expect(parseLog('fish-3.1# nothing')[0]?.type).not.toBe('command');
  });

  it('accepts bare # and $ prompts only for known programs', () => {
    expect(parseLog('# xm create -c hurd')[0]?.type).toBe('command');
    expect(parseLog('$ sudo xl list')[0]?.data.program).toBe('xl');
    expect(parseLog('# Kernel image for the Hurd')[0]?.type).not.toBe('command');
  });

  it('types libxl, libxc, xm and GNU Mach lines and captures their data', () => {
    const events = parseLog(
      [
        "Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported by xen kernel, sorry\\n')",
        'libxl: error: libxl_dom.c:659:libxl__build_pv: xc_dom_ramdisk_file failed: No such file or directory',
        "xc: error: panic: xg_dom_core.c:205: failed to open file '/boot/hurd-modules': No such file or directory: Internal error",
        "hd0: dom0's VBD 768 (sda4,w) 10240MB",
        'Truncating memory size to 713MiB',
        '/etc/xen/hurd:1: config parsing error near `/boot/gnumach\': lexical error',
      ].join('\n'),
    );
    expect(events[0]).toMatchObject({ type: 'xm-error', line: 1, data: { guestType: 'xen-3.0-x86_32', kind: 'guest-type-unsupported' } });
    expect(events[1]).toMatchObject({ type: 'xl-error', data: { tool: 'xl', what: 'ramdisk' } });
    expect(events[2]).toMatchObject({ type: 'xl-error', data: { tool: 'libxc', path: '/boot/hurd-modules' } });
    expect(events[3]).toMatchObject({ type: 'gnumach-boot', data: { name: 'hd0', vbd: '768', backend: 'sda4', mode: 'w' } });
    expect(events[4]?.data.mib).toBe('713');
    expect(events[5]).toMatchObject({ type: 'config-error', data: { line: '1', near: '/boot/gnumach', what: 'lexical error' } });
  });

  it('strips IRC nick prefixes with or without timestamps', () => {
    const events = parseLog('<alice> root@dom0:~# xm create -c hurd\n[12:01] <@bob> Error: Domain \'hurd\' already exists with ID \'3\'\n12:02:33 <+carol> Using config file "/etc/xen/hurd".');
    expect(kinds(events)).toEqual(['command:command', 'xm-error:domain-exists', 'text:using-config']);
    expect(events[1]?.data.name).toBe('hurd');
  });

  it('strips WeeChat-style prefixes and Markdown code fences', () => {
    const events = parseLog('12:01:33 @alice | root@dom0:~# xm create -c hurd\n```console\nError: Kernel image does not exist: /boot/gnumach```');
    expect(kinds(events)).toEqual(['command:command', 'xm-error:image-does-not-exist']);
    expect(events[1]?.data.path).toBe('/boot/gnumach');
  });

  it('cuts a paste that lost its newlines back into lines', () => {
    const oneLine =
      'root@debian:~# sudo xl create /etc/xen/vps0.cfg Parsing config from /etc/xen/vps0.cfg libxl: error: libxl_exec.c:117:libxl_report_child_exitstatus: /etc/xen/scripts/vif-bridge online [24802] exited with error status 1 libxl: error: libxl_device.c:1319:device_hotplug_child_death_cb: script: Could not find bridge device xenbr0';
    const events = parseLog(oneLine);
    expect(events.map((e) => e.type)).toEqual(['command', 'text', 'xl-error', 'xl-error']);
    expect(commandArgv(events[0] as LogEvent)).toEqual(['xl', 'create', '/etc/xen/vps0.cfg']);
    expect(events.every((e) => e.line === 1)).toBe(true);
    expect(events[3]?.data.bridge).toBe('xenbr0');
  });

  it('cuts GNU Mach console output that lost its newlines at its banner and boot lines', () => {
    const oneLine =
      "Parsing config from /etc/xen/hurd GNU Mach 1.8+git20230410-486-xen-pae Running on xen-3.0-x86_32p. AT386 boot: physical memory from 0x0 to 0x60000000 Truncating memory size to 713MiB hd0: dom0's VBD 768 (sda4,w) 10240MB start ext2fs: ext2fs: device:hd0s1: No such device or address";
    const kindsSeen = parseLog(oneLine).map((e) => e.data.kind);
    expect(kindsSeen).toEqual(['parsing-config', 'gnumach-banner', 'running-on', 'physical-memory', 'truncating-memory', 'mach-vbd', 'root-device-error']);
  });

  it('keeps CRLF pastes line-numbered like LF ones', () => {
    const lf = parseLog('a\nError: Kernel image does not exist: /boot/x\n');
    const crlf = parseLog('a\r\nError: Kernel image does not exist: /boot/x\r\n');
    expect(crlf.map((e) => [e.line, e.type, e.data.path])).toEqual(lf.map((e) => [e.line, e.type, e.data.path]));
  });

  it('reads pasted config lines as settings', () => {
    const [line] = parseLog("disk = ['phy:sda4,xvda,w']");
    expect(line).toMatchObject({ type: 'config-line', data: { key: 'disk', value: "['phy:sda4,xvda,w']" } });
  });

  it('tells the toolstack from the paste', () => {
    expect(toolstackOf(parseLog('root@h:~# xl create /etc/xen/hurd\nParsing config from /etc/xen/hurd'))).toBe('xl');
    expect(toolstackOf(parseLog('Using config file "/etc/xen/hurd".\nError: Kernel image does not exist: /x'))).toBe('xm');
    expect(toolstackOf(parseLog('GNU Mach 1.8'))).toBeUndefined();
  });

  it('marks error-looking lines but not the hypervisor\'s log levels or libxc probe chatter', () => {
    const events = parseLog('(XEN) Std. Loglevel: Errors and warnings\ndomainbuilder: detail: xc_dom_probe_bzimage_kernel: kernel is not a bzImage\nE: Could not get lock /var/lib/dpkg/lock');
    expect(events.map((e) => e.data.errorish)).toEqual(['no', 'no', 'yes']);
    expect(hasKind(events[1] as LogEvent, 'loader-probe-noise')).toBe(true);
  });

  it('bounds lines and line counts of huge input', () => {
    const events = parseLog(`${'x'.repeat(300_000)}\n${'Error: a\n'.repeat(20_000)}`);
    expect(events.length).toBeLessThanOrEqual(5000);
    expect(Math.max(...events.map((e) => e.text.length))).toBeLessThanOrEqual(2000);
  });

  it('never throws and stays fast on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => {
        const events = parseLog(s);
        return events.every((e) => e.line >= 1 && typeof e.text === 'string');
      }),
      { numRuns: 300 },
    );
  });

  it('copes with binary garbage and pathological repetitions quickly', () => {
    const inputs = [
      Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
      'libxl: error: '.repeat(20_000),
      ' Error: '.repeat(30_000),
      'root@h:~# '.repeat(25_000),
      '<a> '.repeat(60_000),
      "failed to open file '".repeat(10_000),
      '\u{1F600}é\u0000'.repeat(50_000),
    ];
    for (const input of inputs) {
      const started = performance.now();
      parseLog(input.slice(0, 256 * 1024));
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });
});
