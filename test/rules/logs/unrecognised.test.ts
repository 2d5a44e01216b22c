import { describe, expect, it } from 'vitest';
import { parseLog, unrecognisedErrorLines } from '../../../rules/logs/parse.js';

describe('unrecognisedErrorLines', () => {
  it('names the error lines and leaves out xl\'s clean-up noise', () => {
    const events = parseLog(
      [
        'root@h:~# xl create /etc/xen/hurd',
        'libxl: error: libxl_foo.c:12:libxl__frob: something entirely new went wrong',
        'libxl: error: libxl_domain.c:1183:libxl__destroy_domid: Domain 5:Non-existant domain',
        'libxl: error: libxl_domain.c:1137:domain_destroy_callback: Domain 5:Unable to destroy guest',
      ].join('\n'),
    );
    expect(unrecognisedErrorLines(events)).toEqual(['libxl: error: libxl_foo.c:12:libxl__frob: something entirely new went wrong']);
  });

  it("keeps 'cannot (re-)build domain' when it is the only error left: the paste lost the line that says why", () => {
    const lines = ['libxl: error: libxl_create.c:1638:domcreate_rebuild_done: Domain 12:cannot (re-)build domain: -3', 'libxl: error: libxl_domain.c:1183:libxl__destroy_domid: Domain 12:Non-existant domain'];
    expect(unrecognisedErrorLines(parseLog(lines.join('\n')))).toEqual([lines[0]]);
    // with the reason beside it, it is noise again
    const withReason = ['libxl: error: libxl_foo.c:12:libxl__frob: something entirely new went wrong', ...lines];
    expect(unrecognisedErrorLines(parseLog(withReason.join('\n')))).toEqual([withReason[0]]);
  });

  it("does not take a person's sentence about the error for the error", () => {
    const paste = ['squeeze dom0 with Xen 4.0. It stops here and sits forever, no error at all:', 'I get this error every time', 'libxl: error: libxl_foo.c:12:libxl__frob: something entirely new went wrong'].join('\n');
    expect(unrecognisedErrorLines(parseLog(paste))).toEqual(['libxl: error: libxl_foo.c:12:libxl__frob: something entirely new went wrong']);
    // "I/O" is no first person
    expect(unrecognisedErrorLines(parseLog('ext2fs: device:hd0s1: Input/output error\nblk: I/O error on sector 8'))).toHaveLength(2);
  });

  it('returns nothing for a clean paste and at most five lines', () => {
    expect(unrecognisedErrorLines(parseLog('GNU Mach 1.8\nRunning on xen-3.0-x86_32p.'))).toEqual([]);
    expect(unrecognisedErrorLines(parseLog(Array.from({ length: 20 }, (_, i) => `Error: failure ${i}`).join('\n')))).toHaveLength(5);
  });
});
