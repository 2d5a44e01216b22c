import { describe, expect, it } from 'vitest';
import { domainList } from '../../../rules/logs/domain-list.js';

describe('reading xl list / xm list', () => {
  it('reads every domain of the table, with a prompt before it', () => {
    const rows = domainList(`root@dom0:~# xm list
Name                                        ID   Mem VCPUs      State   Time(s)
Domain-0                                     0  1752     2     r-----   2210.4
hurd-test                                    7   256     1     -b----     61.9`);
    expect(rows).toEqual([
      { name: 'Domain-0', id: 0, memMb: 1752, vcpus: 2, state: 'r-----', seconds: 2210.4 },
      { name: 'hurd-test', id: 7, memMb: 256, vcpus: 1, state: '-b----', seconds: 61.9 },
    ]);
  });

  it('reads xl\'s tab-separated layout', () => {
    expect(domainList('Name                                        ID   Mem VCPUs\tState\tTime(s)\nhurd                                        12   128     1     -b----     803.2')[0]).toMatchObject({ name: 'hurd', memMb: 128 });
  });

  it('finds nothing in other text, and stays linear on a long line', () => {
    expect(domainList('hurd 12 128 1 -b---- 803.2')).toEqual([]);
    expect(domainList(`Name ID Mem\n${'a '.repeat(50_000)}`)).toEqual([]);
  });
});
