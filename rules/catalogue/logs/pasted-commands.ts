/** HX7xx: pasted commands (mke2fs, fdisk/sfdisk, xm/xl create, shutdown) checked against the Hurd-on-Xen documentation. */
import { FDISK_TYPE_ANSWER, FDISK_TYPE_CHANGED, HEX_TYPE, HURD_DEVICE_PATH, HURD_MENTION, LINUX_FS_GUID, QUOTES_AND_DOTS } from '../../patterns/logs.js';
import { commandArgv, commands, firstWithKind, isErrorish } from '../../logs/query.js';
import type { LogEvent } from '../../logs/types.js';
import type { LogContext } from '../../types.js';
import { defineRule, type Report } from '../define.js';
import { HURD_WIKI, HURD_XEN_HANDLING, XEN_TREE } from '../sources.js';

const MKFS_PROGRAMS = new Set(['mke2fs', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'mkfs']);

interface MkfsOptions {
  blockSize?: string;
  inodeSize?: string;
  creatorOs?: string;
  fsType?: string;
  device?: string;
}

/** Reads the options of a mke2fs/mkfs command that matter for the Hurd (-b, -I, -o, -t/-T, the device). */
function mkfsOptions(argv: string[]): MkfsOptions {
  const out: MkfsOptions = {};
  const program = argv[0]?.split('/').pop() ?? '';
  if (program.startsWith('mkfs.')) out.fsType = program.slice(5);
  const valued = new Set(['-b', '-I', '-o', '-t', '-T', '-L', '-N', '-i', '-m', '-O', '-E', '-U', '-d', '-g', '-G', '-C', '-e', '-M', '-r', '-J', '-z']);
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] as string;
    const flag = word.slice(0, 2);
    if (word.startsWith('-') && word.length > 1 && valued.has(flag)) {
      const value = word.length > 2 ? word.slice(2) : (argv[++i] ?? '');
      if (flag === '-b') out.blockSize = value;
      else if (flag === '-I') out.inodeSize = value;
      else if (flag === '-o') out.creatorOs = value;
      else if (flag === '-t') out.fsType = value;
    } else if (!word.startsWith('-') && out.device === undefined) {
      out.device = word;
    }
  }
  return out;
}

function mkfsReport(event: LogEvent): Report<'wrongOptions'> | undefined {
  const argv = commandArgv(event);
  const program = argv[0]?.split('/').pop() ?? '';
  if (!MKFS_PROGRAMS.has(program)) return undefined;
  const o = mkfsOptions(argv);
  if (program === 'mkfs' && o.fsType === undefined) return undefined;
  if (o.fsType !== undefined && !o.fsType.startsWith('ext')) return undefined;
  const insideHurd = o.device !== undefined && HURD_DEVICE_PATH.test(o.device);
  const problems: string[] = [];
  let severity: 'error' | 'warning' = 'warning';
  if (o.fsType === 'ext3' || o.fsType === 'ext4') {
    problems.push(`it makes ${o.fsType}, while the Hurd's root filesystem server is ext2fs`);
    severity = 'error';
  }
  if (!insideHurd && o.creatorOs === undefined) {
    problems.push('-o hurd is missing, so the filesystem is marked as made by Linux and the Hurd\'s ext2 extensions (passive translators) cannot be used');
    severity = 'error';
  } else if (o.creatorOs !== undefined && o.creatorOs.toLowerCase() !== 'hurd' && o.creatorOs.toLowerCase() !== 'gnu') {
    problems.push(`-o ${o.creatorOs} sets the wrong creator OS (it must be hurd)`);
    severity = 'error';
  }
  if (o.inodeSize === undefined) problems.push('-I 128 is missing (recent mke2fs defaults to 256-byte inodes)');
  else if (o.inodeSize !== '128') {
    problems.push(`-I ${o.inodeSize} gives ${o.inodeSize}-byte inodes instead of 128`);
    severity = 'error';
  }
  if (o.blockSize === undefined) problems.push('-b 4096 is missing');
  else if (o.blockSize !== '4096') problems.push(`-b ${o.blockSize} instead of 4096-byte blocks`);
  if (problems.length === 0) return undefined;
  const device = o.device ?? '/dev/sda4';
  const fixed = insideHurd ? `mke2fs -b 4096 -I 128 ${device}` : `mke2fs -b 4096 -I 128 -o hurd ${device}`;
  return {
    line: event.line,
    severity,
    messageId: 'wrongOptions',
    data: { program, problems: problems.join('; ') },
    advice: `Run \`${fixed}\` instead (it erases ${device}; run it on the partition meant for the Hurd only).${insideHurd ? ' Inside the Hurd the creator OS is already hurd.' : ''}`,
  };
}

export const mke2fsOptions = defineRule({
  meta: {
    id: 'HX701',
    name: 'mke2fs-options',
    title: 'mke2fs for a Hurd filesystem needs -b 4096 -I 128 -o hurd',
    severity: 'error',
    domain: 'command',
    target: 'command',
    message: 'Make the Hurd\'s filesystem with `mke2fs -b 4096 -I 128 -o hurd /dev/<partition>`.',
    explanation:
      'The Hurd wiki creates the guest\'s filesystem with mke2fs -b 4096 -I 128 -o hurd: 4 KiB blocks, 128-byte inodes, and the creator OS set to hurd, which the Hurd\'s ext2 extensions (passive translators in inodes, the author field) need; mke2fs otherwise records the OS it runs on. At least the root filesystem must be of hurd type.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #78-#81, #90' },
    knowledge: 'partition-filesystem',
    messages: {
      wrongOptions: 'This {{program}} does not make the filesystem the Hurd documentation asks for: {{problems}}.',
    },
  },
  check(ctx) {
    return commands(ctx.events).map(mkfsReport).filter((d) => d !== undefined);
  },
});

type PartitionTypeReport = Report<'hexType' | 'namedType' | 'fdiskChanged' | 'sfdiskType'>;

function fdiskTypeProblems(ctx: LogContext): PartitionTypeReport[] {
  const out: PartitionTypeReport[] = [];
  for (const e of ctx.events) {
    const answer = FDISK_TYPE_ANSWER.exec(e.text);
    if (answer?.groups?.code) {
      const code = answer.groups.code;
      const isHexPrompt = e.text.startsWith('Hex code');
      const hex = HEX_TYPE.exec(code)?.groups?.hex;
      if (isHexPrompt && hex !== undefined && hex.toLowerCase() !== '83') out.push({ line: e.line, messageId: 'hexType', data: { type: hex } });
      else if (!hex && !['l', 'linux'].includes(code.toLowerCase())) out.push({ line: e.line, messageId: 'namedType', data: { type: code } });
      continue;
    }
    if (FDISK_TYPE_CHANGED.test(e.text)) {
      const to = e.text.slice(e.text.lastIndexOf(' to ') + 4).replace(QUOTES_AND_DOTS, '').trim();
      if (to && !['linux', 'linux filesystem'].includes(to.toLowerCase())) out.push({ line: e.line, messageId: 'fdiskChanged', data: { type: to } });
    }
  }
  for (const e of commands(ctx.events, 'sfdisk')) {
    const argv = commandArgv(e);
    const at = argv.findIndex((w) => w === '--part-type' || w === '--change-id' || w === '--id' || w === '-c');
    const type = at >= 0 ? argv[at + 3] : undefined;
    if (type === undefined) continue;
    const hex = HEX_TYPE.exec(type)?.groups?.hex;
    if ((hex !== undefined && hex.toLowerCase() !== '83') || (hex === undefined && !LINUX_FS_GUID.test(type))) {
      out.push({ line: e.line, messageId: 'sfdiskType', data: { type } });
    }
  }
  return out;
}

export const partitionType = defineRule({
  meta: {
    id: 'HX702',
    name: 'partition-type-not-83',
    title: 'The Hurd partition should have type 0x83 (Linux)',
    severity: 'warning',
    domain: 'command',
    target: 'command',
    message: 'Give the Hurd\'s partition the type 0x83 (Linux) with fdisk.',
    explanation: 'The Hurd wiki prepares a free partition for the guest by setting its type to 0x83 with fdisk before making the ext2 filesystem with -o hurd.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #78; seed "GNU/Hurd system"' },
    knowledge: 'partition-filesystem',
    messages: {
      hexType: 'The partition type was set to {{type}}, not 83 (Linux).',
      namedType: 'The partition type was set to "{{type}}", not Linux (83).',
      fdiskChanged: 'fdisk changed the partition type to {{type}}, not Linux (83).',
      sfdiskType: 'This sfdisk sets the partition type to {{type}}, not 83 (Linux).',
    },
  },
  check(ctx) {
    return fdiskTypeProblems(ctx)
      .slice(0, 1)
      .map((d) => ({
        ...d,
        advice: 'In fdisk: `t`, the partition number, `83`, then `w` to write; or `sfdisk --part-type /dev/sda 4 83` (disk and partition number of your Hurd partition).',
      }));
  },
});

function hasOption(argv: string[], short: string, long: string): boolean {
  return argv.some((w) => w === short || w === long || (w.startsWith('-') && !w.startsWith('--') && w.length > 2 && w.includes(short.slice(1))));
}

export const createWithoutConsole = defineRule({
  meta: {
    id: 'HX703',
    name: 'create-without-console',
    title: 'xm/xl create without -c does not show the console',
    severity: 'info',
    domain: 'command',
    target: 'command',
    message: 'Add -c (`xm create -c hurd`, `xl create -c /etc/xen/hurd`) to attach to GNU Mach\'s console at once, or attach later with `xm console` / `xl console`.',
    explanation: 'The Hurd wiki starts the guest with xm create -c hurd: -c attaches the console, so GNU Mach\'s boot messages and the Hurd\'s login prompt appear in the terminal. Without it the guest runs in the background.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #143, #145' },
    knowledge: 'starting-console',
    triggers: ['command'],
    messages: {
      noConsole: 'The guest was created without -c, so GNU Mach\'s console is not shown here.',
    },
  },
  check(ctx) {
    if (ctx.events.some((e) => isErrorish(e) && e.type !== 'command')) return [];
    const event = commands(ctx.events).find((e) => {
      const argv = commandArgv(e);
      // (a dry run, xl create -n / --dryrun, starts nothing: there is no console to miss)
      return (
        (e.data.program === 'xm' || e.data.program === 'xl') &&
        argv[1] === 'create' &&
        !hasOption(argv.slice(2), '-c', '--console_autoconnect') &&
        !hasOption(argv.slice(2), '-n', '--dryrun')
      );
    });
    if (!event) return [];
    const tool = event.data.program;
    const name = firstWithKind(ctx.events, 'started-domain')?.data.name ?? 'hurd';
    return [
      {
        line: event.line,
        messageId: 'noConsole',
        advice: `Attach with \`${tool} console ${name}\` (detach with Ctrl-]), or start it with \`${tool} create -c ...\` next time.`,
      },
    ];
  },
});

export const xlCreateRelativePath = defineRule({
  meta: {
    id: 'HX704',
    name: 'xl-create-relative-path',
    title: 'xl create needs the config\'s path',
    severity: 'warning',
    domain: 'command',
    target: 'command',
    message: '`xl create hurd` only works inside /etc/xen: xl opens the path as given, write `xl create -c /etc/xen/hurd`.',
    explanation: 'xm searched the current directory and /etc/xen for the config; xl opens exactly the path it is given.',
    docs: { url: `${XEN_TREE}/tools/xl/xl_vmcontrol.c`, section: 'hurd-xen-facts.md #144' },
    knowledge: 'xm-to-xl',
    messages: {
      relativePath: '`xl create {{file}}` reads ./{{file}} from the current directory; xl does not look in /etc/xen like xm did.',
    },
  },
  check(ctx) {
    if (firstWithKind(ctx.events, 'xl-read-config-failed') || firstWithKind(ctx.events, 'parsing-config')) return [];
    const out: Report<'relativePath'>[] = [];
    for (const e of commands(ctx.events, 'xl')) {
      const argv = commandArgv(e);
      if (argv[1] !== 'create') continue;
      const file = argv.slice(2).find((w) => !w.startsWith('-') && !w.includes('='));
      const cwd = e.data.cwd ?? '';
      if (!file || file.includes('/') || cwd === '/etc/xen' || cwd.endsWith('/xen')) continue;
      out.push({ line: e.line, messageId: 'relativePath', data: { file }, advice: `Use \`xl create -c /etc/xen/${file}\`.` });
      break;
    }
    return out;
  },
});

export const shutdownIgnored = defineRule({
  meta: {
    id: 'HX705',
    name: 'shutdown-ignored',
    title: 'GNU Mach ignores xm/xl shutdown',
    severity: 'info',
    domain: 'command',
    target: 'command',
    message: 'GNU Mach does not react to `xm shutdown` / `xl shutdown`: halt the Hurd from inside, or force it off with `xm destroy` / `xl destroy`.',
    explanation: 'The GNU Mach Xen port never implemented the control/shutdown watch (it is still inside #if 0), so a graceful shutdown request from dom0 does nothing. Shut the Hurd down from inside (halt or reboot as root) or destroy the domain.',
    docs: { url: HURD_XEN_HANDLING, section: 'hurd-xen-facts.md #148' },
    knowledge: 'starting-console',
    messages: {
      ignored: '`{{tool}} shutdown {{name}}` has no effect on a Hurd guest: GNU Mach ignores shutdown requests from dom0.',
    },
  },
  check(ctx) {
    if (!HURD_MENTION.test(ctx.text)) return [];
    const event = commands(ctx.events).find((e) => (e.data.program === 'xm' || e.data.program === 'xl') && commandArgv(e)[1] === 'shutdown');
    if (!event) return [];
    const tool = event.data.program;
    const name = commandArgv(event).slice(2).find((w) => !w.startsWith('-')) ?? 'hurd';
    return [{ line: event.line, messageId: 'ignored', data: { tool, name }, advice: `Log in on the console (\`${tool} console ${name}\`) and run \`halt\` as root, or force it off with \`${tool} destroy ${name}\`.` }];
  },
});

export const commandRules = [mke2fsOptions, partitionType, createWithoutConsole, xlCreateRelativePath, shutdownIgnored];
