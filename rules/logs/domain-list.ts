/**
 * `xl list` / `xm list` output, read (issue 16): the table of domains with their memory, vCPUs, state and CPU time.
 * Both tools print the same columns: Name, ID, Mem (MB), VCPUs, State (r b p s c d), Time(s).
 * xen.git:tools/xl/xl_list.c (list_domains) and tools/python/xen/xm/main.py (xm_list) print this format.
 */

export interface DomainRow {
  name: string;
  id: number;
  memMb: number;
  vcpus: number;
  state: string;
  seconds: number;
}

/** One row: a name, then five numeric-or-state columns. Bounded runs, anchored: linear. */
const ROW = /^\s{0,4}(\S{1,64})\s{1,64}(\d{1,6})\s{1,64}(\d{1,9})\s{1,64}(\d{1,4})\s{1,64}([rbpscd-]{6})\s{1,64}(\d{1,12}(?:\.\d{1,3})?)\s*$/;
const HEADER = /^\s{0,4}Name\s{1,64}ID\s{1,64}Mem/;

/** The domains of an `xl list` / `xm list` table in the text (empty when there is no such table). */
export function domainList(text: string): DomainRow[] {
  const lines = text.split('\n', 2000);
  const start = lines.findIndex((l) => HEADER.test(l.slice(0, 200)));
  if (start < 0) return [];
  const rows: DomainRow[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = ROW.exec(line.slice(0, 300));
    if (!m) continue;
    rows.push({ name: m[1]!, id: Number(m[2]), memMb: Number(m[3]), vcpus: Number(m[4]), state: m[5]!, seconds: Number(m[6]) });
  }
  return rows;
}
