/**
 * Every regular expression of the log parser and of the log/command rules (HX6xx, HX7xx).
 * They run on single lines that the parser has already bounded (MAX_LINE_CHARS), every
 * quantifier between two literals is bounded, and test/rules/patterns/logs.test.ts checks each
 * one with recheck: keep them that way (no nested quantifiers, no unbounded `.*` between parts).
 */

// ---------------------------------------------------------------- paste layout

/** IRC client prefixes: `<nick> `, `[12:01] <@nick> `, `12:01:33 <nick> `. */
export const IRC_PREFIX = /^(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]{1,4})?<[ @+%~&]?[^\s<>]+>[ \t]?/;
/** WeeChat-style client lines: `12:01:33 @nick | text`. */
export const IRC_PREFIX_PIPE = /^\d{1,2}:\d{2}(?::\d{2})?[ \t]{1,4}[@+%~&]?[^\s|]{1,40}[ \t]{1,4}\|[ \t]?/;
/** Markdown code fences around a paste (Discord, forums): a line's leading/trailing ``` (with a language tag). */
export const CODE_FENCE_START = /^```[\w-]{0,20}/;
export const CODE_FENCE_END = /```$/;
/** `user@host:cwd# ` (Debian/Ubuntu style prompt). */
export const PROMPT_USER_HOST = /^(?<user>[\w.-]+)@(?<host>[\w.-]+):(?<cwd>[^\s#$]*)(?<sigil>[#$%])[ \t]?/;
/** `[user@host cwd]# ` (Red Hat style prompt). */
export const PROMPT_BRACKETED = /^\[(?<user>[\w.-]+)@(?<host>[\w.-]+)[ \t](?<cwd>[^\]\s]+)\](?<sigil>[#$%])[ \t]?/;
/** `host:~# ` (prompt without user). */
export const PROMPT_HOST_ONLY = /^(?<host>[\w.-]+):(?<cwd>[~/][^\s#$]*)(?<sigil>[#$])[ \t]?/;
/** `sh-3.2# `, `bash-5.1$ `: the shell's own default prompt (\s-\v\$), as the Hurd's first boot shell shows it. */
export const PROMPT_SHELL_VERSION = /^(?<host>(?:ba|da|z|k)?sh)-(?<cwd>\d{1,2}\.\d{1,2})(?<sigil>[#$])[ \t]?/;
/** A bare `# cmd`, `$ cmd`, `% cmd`, `> cmd` (the parser accepts it only for known programs). */
export const PROMPT_BARE = /^(?<sigil>[#$%>])[ \t]{1,4}(?=\S)/;
/**
 * Where a paste that lost its newlines (IRC, forums) can be cut back into lines: before each
 * marker that starts a line of xm/xl/libxl/GNU Mach output (its banner, boot and bootstrap lines)
 * or a new shell prompt.
 */
export const LOST_NEWLINE_BREAK =
  /[ \t](?=libxl: (?:error|warning|info|debug|detail|verbose|critical|notice):|xc: (?:error|warning|info|detail|debug):|domainbuilder: detail:|Parsing config from |Using config file |Error: |Started domain |xenconsole: |Traceback \(most recent call last\)|\(XEN\) |Failed to parse config|GNU Mach \d|Running on xen-|AT386 boot: |Truncating memory size |start ext2fs: |task loaded: |[a-z]{2,4}\d{1,2}: dom0's VBD |[\w.-]+@[\w.-]+:[~/][^\s#$]*[#$] )/g;

// ---------------------------------------------------------------- generic line kinds

export const XM_ERROR_PREFIX = /^Error: ?/;
export const LIBXL_LINE =
  /^libxl: (?<level>error|warning|critical|info|debug|detail|verbose|notice): (?<where>[\w.-]+:\d{1,7}:\w+): ?(?<message>[^\n]*)$/;
export const LIBXL_LINE_LOOSE = /^libxl: (?<level>error|warning|critical|info|debug|detail|verbose|notice): ?(?<message>[^\n]*)$/;
export const XC_LINE = /^xc: (?<level>error|warning|info|detail|debug): ?(?<message>[^\n]*)$/;
export const DOMAINBUILDER_LINE = /^domainbuilder: detail: /;
export const XEN_CONSOLE_LINE = /^\(XEN\) ?/;
export const DMESG_TIMESTAMP = /^\[ {0,12}\d{1,8}\.\d{1,9}\] /;
export const USING_CONFIG = /^Using config file "(?<file>[^"\n]+)"/;
export const PARSING_CONFIG = /^Parsing config from (?<file>\S+)/;
export const STARTED_DOMAIN = /^Started domain (?<name>[^\s(]+)(?: \(id=(?<id>\d{1,6})\))?/;
/** A Xen config assignment pasted along (e.g. `grep memory /etc/xen/hurd` output). */
export const CONFIG_ASSIGNMENT = /^(?<key>[A-Za-z_][\w.-]*)[ \t]*\+?=[ \t]*(?<value>[^\n]*)/;
/** Lines that look like an error of any program (for "I don't recognise this"). */
export const ERRORISH =
  /\b(?:error|errors were found|failed|failure|fatal|panic|cannot|can't|could not|couldn't|unable to|not found|no such|denied|refused|traceback|invalid|not supported|exception|exited with)\b/i;
/**
 * A person's sentence around a paste ("It stops here and sits forever, no error at all", "I get this error"): its
 * error words describe, they are no message of a program. Case-sensitive on purpose: a lone capital I, not "I/O".
 */
export const PROSE_ABOUT_ERRORS = /\b[Nn]o errors?\b|\bwithout (?:an? |any )?errors?\b|\b(?:I'm|I've|I'd)\b|(?:^|[ \t])I[ \t]|\bmy\b/;
/** apt/dpkg style `E: ` lines. */
export const APT_ERROR = /^E: /;

// ---------------------------------------------------------------- Python tracebacks (xm)

export const TRACEBACK_START = /^Traceback \(most recent call last\):/;
export const TRACEBACK_FRAME = /^[ \t]{1,8}File "(?<file>[^"\n]+)", line (?<line>\d{1,7})/;
/** Python's parse errors: raised while compiling the config, never by xm's own (valid) code. */
export const SYNTAX_EXCEPTION = /^(?:SyntaxError|IndentationError|TabError)$/;
export const PYTHON_EXCEPTION = /^(?<exception>[A-Za-z_][\w.]*(?:Error|Exception)): ?(?<message>[^\n]*)$/;

// ---------------------------------------------------------------- devices: vif and vbd hotplug

export const DEVICE_NOT_CONNECTED =
  /Device (?<devid>\d{1,10}) \((?<devclass>[a-z0-9]{1,12})\) could not be connected\.?[ \t]?(?<reason>[^\n]*)/;
/** The short form people quote in questions: "xm says vif could not be connected". */
export const VIF_NOT_CONNECTED = /\bvif\)? could not be connected/i;
export const HOTPLUG_NOT_WORKING = /Hotplug scripts not working/i;
export const BACKEND_NOT_FOUND = /Backend device not found/i;
export const BRIDGE_NOT_FOUND = /Could not find bridge(?: device (?<bridge>[\w.:-]+))?(?<none>, and none was specified)?/i;
export const BRIDGE_DOES_NOT_EXIST = /(?:bridge|device) "?(?<bridge>xenbr\d{1,3}|br\d{1,3}|virbr\d{1,3}|eth\d{1,3})"? does not exist/i;
export const HOTPLUG_SCRIPT_FAILED =
  /\/scripts\/(?<script>[\w-]+)(?: (?<action>add|remove|online|offline))?(?: \[-?\d{1,10}\])? (?:exited with error status (?<status>\d{1,5})|failed)/;
export const UNABLE_TO_ADD_DEVICES = /unable to add (?<devclass>\w+) devices/i;
export const MOUNTED_IN_DOMAIN = /(?:Device|File) (?<device>\S+) is (?:loopback-)?mounted/i;
export const MOUNTED_IN_DOMAIN_SHORT = /is mounted in (?:the|a) (?<where>privileged|guest) domain/i;
export const DEVICE_IN_USE = /\b(?:already in use|in use by another)\b/i;
/** Words that put an "in use" message in the disk domain. */
export const DISK_WORD = /\b(?:device|disk|vbd|file|image|block)\b/i;
export const PATH_DOES_NOT_EXIST = /(?:^|[\s'"])(?<path>\/[^\s'"]+) does not exist/;
export const LOOP_EXHAUSTED = /Failed to find an unused loop device|no free loop devices?/i;
/** libxl_device.c disk_try_backend / libxl__device_disk_set_backend: the disk line names a backend that cannot serve the target. */
export const DISK_BACKEND_UNSUITABLE = /Disk vdev=(?<vdev>\w{1,20}),? backend (?<backend>\w{1,10}) unsuitable/;
export const NO_SUITABLE_DISK_BACKEND = /no suitable backend for disk (?<vdev>\w{1,20})/;
/** phy: given a regular file: libxl's and the block script's wording. */
export const NOT_A_BLOCK_DEVICE = /not a block device/i;
export const FAILED_TO_STAT = /failed to stat:? ?(?<path>\/[^\s:]+): (?<reason>No such file or directory|Permission denied)/i;
export const INVALID_DISK_SPEC = /Invalid disk specifier:? ?(?<spec>[^\n]*)/;

// ---------------------------------------------------------------- kernel, ramdisk, loader

/** xend's image.py: "Kernel image does not exist: P" and "Kernel ramdisk does not exist: P" (the second has no group `what`, so it reads as the ramdisk). */
export const IMAGE_DOES_NOT_EXIST = /(?:(?<what>Kernel|Ramdisk|initrd) image|Kernel ramdisk) does not exist:? ?(?<path>[/.~][^\s'"]*)?/i;
export const CANNOT_FIND_IMAGE = /Cannot find (?<what>kernel|ramdisk) "(?<path>[^"\n]+)"/i;
export const FAILED_TO_OPEN_FILE = /failed to open file '(?<path>[^'\n]+)': ?(?<reason>[^:\n]+)/;
export const XC_DOM_FILE_FAILED = /xc_dom_(?<what>kernel|ramdisk)_(?:file|mem) failed(?:: ?(?<reason>[^\n]+))?/;
export const NO_LOADER_FOUND = /xc_dom_find_loader: no loader found/;
export const NOT_XEN_ELF = /Not a Xen-ELF image|'__xen_guest' section|elf_xen_note_check: ERROR/i;
/** libxc detail chatter that accompanies successful boots too. */
export const LOADER_PROBE_NOISE = /xc_dom_probe_bzimage_kernel|kernel is not a bzImage|xc_dom_guest_type|domainbuilder: detail/;

// ---------------------------------------------------------------- guest type / PAE

export const GUEST_TYPE_UNSUPPORTED = /guest type (?<guestType>[\w.-]+) not supported by xen kernel/;
/** Xen 3.0.x libxc (xc_linux_build.c / xc_load_elf.c) before xc_dom_compat_check: "Non PAE-kernel on PAE host." and "PAE-kernel on non-PAE host." */
export const PAE_HOST_MISMATCH = /(?<paeKernel>Non[ -]PAE|PAE)[ -]kernel on (?:non-)?PAE host/i;
export const LOW_MEMORY_ALLOC = /xc_dom_boot_mem_init: can'?t allocate low memory/i;
export const XEN_CAPS = /^xen_caps[ \t]*: ?(?<caps>[^\n]+)$/;
export const XEN_KERNEL_BITS = /^\(XEN\) Xen kernel: (?<bits>32|64)-bit(?<rest>[^\n]*)$/;

// ---------------------------------------------------------------- memory

/** xend's balloon refusal: in KiB since Xen 3.1, in MiB in 3.0.x ("I need 257 MiB, but dom0_min_mem is 256 ..."). */
export const DOM0_MIN_MEM = /I need (?<need>\d{1,12}) (?:KiB|MiB), but dom0_min_mem is (?<min>\d{1,12})/;
export const NOT_ENOUGH_MEMORY =
  // (RHEL 5's xend: "failed domain creation due to memory shortage, unable to balloon domain0")
  /Not enough (?:free )?memory|I need \d{1,12} KiB but only have|failed to free memory|cannot be shrunk any further|could not free enough memory|\(12, 'Cannot allocate memory'\)|memory shortage, unable to balloon/i;
export const TRUNCATING_MEMORY = /^Truncating memory size to (?<mib>\d{1,7}) ?MiB/;
export const PHYSICAL_MEMORY = /^AT386 boot: physical memory from 0x(?<from>[0-9a-fA-F]{1,16}) to 0x(?<to>[0-9a-fA-F]{1,16})/;

// ---------------------------------------------------------------- GNU Mach / Hurd boot

export const GNU_MACH_BANNER = /^GNU Mach (?<version>\d[\w.+~-]*)/;
export const RUNNING_ON = /^Running on (?<guestType>xen-[\w.-]+?)\.?$/;
export const MACH_VBD_LINE =
  /^(?<name>(?:hd|sd|xvd)\d{1,3}(?:s\d{1,3})?): dom(?<dom>\d{1,5})'s VBD (?<vbd>\d{1,12}) \((?<backend>[^,)\n]+),(?<mode>[^)\n]{1,5})\)(?: (?<size>\d{1,12})MB)?/;
export const MACH_VIF_LINE = /^eth\d{1,3}: dom\d{1,5}'s VIF/;
export const ROOT_DEVICE_ERROR =
  /(?<server>ext2fs(?:\.static)?): (?<store>(?:part:\d{1,3}:)?device:(?<device>[a-z]{1,4}\d{1,3}(?:s\d{1,3})?)): (?<reason>No such device or address|No such device)/;
export const NO_BOOTSTRAP = /No bootstrap code loaded with the kernel/;
export const MACH_AS_DOM0 = /Mach can'?t run as dom0/;
export const XEN_CLOCK_WARNING = /warning: nsec 0x[0-9a-fA-F]{1,16} < lastnsec 0x[0-9a-fA-F]{1,16}/;
export const XEN_BLOCK_ASSERTION = /copy->size <= PAGE_SIZE/;
/** GNU Mach's block driver bookkeeping (normal, not errors): `hd0 count 1`, `close, hd0 count 0`. */
export const MACH_BLOCK_CHATTER = /^(?:re-open, |close, )?(?:hd|sd|xvd)\d{1,3}(?:s\d{1,3})? count \d{1,6}$/;

// ---------------------------------------------------------------- toolstack and daemons

/** xm 3.0.3+ says "Unable to connect to xend"; xm 3.0.0-3.0.2 said "Error connecting to xend". */
export const XEND_UNREACHABLE = /(?:Unable to connect|Error connecting) to xend: ?(?<reason>[^.\n]*)/;
/** Old xm versions let the socket error of an unreachable xend escape as a Python exception. */
export const XEND_SOCKET_ERROR = /^(?:socket\.error|error): [[(](?:Errno )?(?:111|2)\b/;
export const XEND_BLOCKS_XL = /xend is running, which may cause unpredictable results/;
/** Debian's xen-utils-common wrapper (/usr/lib/xen-common/bin/xen-toolstack) when TOOLSTACK in /etc/default/xen names the other tool. */
export const DIFFERENT_TOOLSTACK = /A different toolstack \((?<selected>xm|xl|[\w-]{1,20})\) ha(?:ve|s) been selected/i;
export const COMMAND_NOT_FOUND = /^(?:-?[\w./-]+: )?(?:line \d{1,6}: |\d{1,6}: )?(?<program>[\w./+-]+): (?:command )?not found[ \t]?$/;
export const ZSH_COMMAND_NOT_FOUND = /^zsh: command not found: (?<program>\S+)$/;
export const UBUNTU_NOT_INSTALLED = /^The program '(?<program>[\w.+-]+)' is currently not installed/;
export const UBUNTU_COMMAND_NOT_FOUND = /^Command '(?<program>[\w.+-]+)' not found/;
export const NO_HYPERVISOR =
  /Could not obtain handle on privileged command interface|cannot open libxc handle|Can't find hypervisor information in sysfs|failed to open \/proc\/xen\/privcmd|Is xenfs mounted/i;
export const NO_XENSTORE = /cannot connect to xenstore|xs_(?:daemon_)?open(?:_socket)? failed|Failed to contact xenstore|could not connect to xenstored|Could not contact XenStore/i;
export const BOOTLOADER_NO_DATA = /Boot loader didn't return any data/;

// ---------------------------------------------------------------- config files

export const XM_ERRORS_AT_LINE = /Errors were found at line (?<line>\d{1,7}) while processing (?<file>[^\s:]+)/;
/** The rest of the line (`near `TOKEN': what`) is split in code: the token may contain quotes. */
export const XL_PARSE_ERROR = /^(?<file>[^\s:]+):(?<line>\d{1,7}): config parsing error near `/;
export const XL_PARSE_FAILED = /^Failed to parse config(?: file)?: ?(?<reason>[^\n]*)$/;
export const XL_PYTHON_WARNING = /Config file looks like it contains Python code/;
export const XL_READ_CONFIG_FAILED = /^Failed to read config file:? (?<file>[^\s:]+): (?<reason>[^\n]+)$/;
export const XL_NAME_REQUIRED = /Domain name must be specified/;
/** A config path given to the tools: inside /etc/xen, or ending in .cfg / .conf / .sxp. */
export const CONFIG_PATH = /^(?:\/etc\/xen\/|\.\/)|\.(?:cfg|conf|sxp|hvm|pv)$/;

// ---------------------------------------------------------------- domain names and console

export const DOMAIN_ALREADY_EXISTS = /Domain '(?<name>[^'\n]+)' already exists with ID '?(?<id>\d{1,6})'?/;
export const VM_NAME_IN_USE = /VM name '(?<name>[^'\n]+)' already in use by domain (?<id>\d{1,6})/;
export const XL_NAME_EXISTS = /Domain with name "(?<name>[^"\n]+)" already exists/i;
/** xend 3.2-4.4 (XendDomainInfo._checkName): a domain of that name, running or managed, exists. */
export const VM_NAME_EXISTS = /VM name '(?<name>[^'\n]{1,64})' already exists(?: as domain (?<id>\d{1,6}))?/;
export const XENCONSOLE_ERROR = /^xenconsole: (?<reason>[^\n]+)$/;
export const CONSOLE_FAILURE = /Could not read tty from store|unable to (?:exec|attach) console|xenconsoled? (?:is )?not running|Could not open tty/i;

// ---------------------------------------------------------------- values

export const GUEST_TYPE_NAME = /^xen-(?<version>\d{1,2}\.\d{1,2})-x86_(?<arch>32p?|64)$/;
export const MACH_DEVICE_NAME = /^(?<kind>hd|sd|xvd)(?<disk>\d{1,3})(?:s(?<part>\d{1,3}))?$/;
export const XEN_VDEV_NAME = /^(?<kind>hd|sd|xvd)(?<letters>[a-z]{1,2})(?<part>\d{1,3})?$/;
export const ROOT_OPTION = /(?:^|\s)root=(?<root>\S+)/;
export const GNUMACH_KERNEL_PATH = /gnumach/i;
export const NONPAE_KERNEL_PATH = /non-?pae/i;
export const LINUX_KERNEL_PATH = /vmlinu[xz]|bzImage|linux/i;
export const HURD_MODULES_PATH = /hurd-modules/i;
/** Linux's own complaint when it cannot mount its root (init/do_mounts.c). */
export const LINUX_ROOT_PANIC = /VFS: (?:Cannot open root device|Unable to mount root fs)/;
/** The Hurd's root syntax, root=device:hd0 / device:hd0s1, as Linux echoes it back. */
export const HURD_ROOT_SYNTAX = /device:[a-z]{1,4}\d/;
export const INITRD_PATH = /initrd|initramfs/i;
export const PVGRUB_PATH = /pv-?grub|grub-(?:i386|x86_64)-xen/i;

// ---------------------------------------------------------------- pasted commands (HX7xx)

/** A Hurd-side device name like /dev/hd2 or /dev/sd0s1: mke2fs run inside the Hurd. */
export const HURD_DEVICE_PATH = /^\/dev\/(?:hd|sd|xvd)\d{1,3}(?:s\d{1,3})?$/;
export const FDISK_TYPE_ANSWER = /^(?:Hex code|Partition type)[^:\n]*: ?(?<code>[0-9A-Za-z-]+)[ \t]?$/;
/** fdisk's confirmation; the new type follows the last ` to ` and is read in code. */
export const FDISK_TYPE_CHANGED = /Changed (?:the )?(?:system )?type of partition/i;
export const HEX_TYPE = /^(?:0x)?(?<hex>[0-9a-fA-F]{1,2})$/;
export const LINUX_FS_GUID = /^0FC63DAF-8483-4772-8E79-3D69D8477DE4$/i;

// ---------------------------------------------------------------- text hygiene

/** ANSI colour sequences and control characters other than tab (binary garbage). */
 
export const CONTROL_CHARS = /\x1b\[[0-9;]{0,20}[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f]/g;
export const LINE_BREAK = /\r\n?|\n/;
/** `VAR=value` words before a command (`env X=1 xl ...`). */
export const ENV_ASSIGNMENT_WORD = /^[A-Za-z_]\w*=/;

// ---------------------------------------------------------------- question vs. log

/** How a question starts or ends (for logSignals). */
export const QUESTION_CUE = /^(?:how|why|what|where|which|when|who|can|could|does|do|is|are|should|would|will|has|have|anyone|any ?body|hi|hello|hey|help|please)\b|\?[ \t]*$/i;
export const WORD = /[A-Za-z']+/g;
export const PLAIN_INTEGER = /^\d{1,9}$/;
/** Splits `'a', 'b'` list bodies at commas that start a new quoted item. */
export const LIST_ITEM_SPLIT = /,(?=[ \t]?[ \t]?['"])/;

// ---------------------------------------------------------------- explaining config parse errors

export const LEADING_PATHISH = /^[/.~]/;
export const LEADING_UPPERCASE = /^[A-Z]/;
export const IDENTIFIER_TOKEN = /^[A-Za-z_][\w.-]*$/;
export const TRAILING_COLON = /:$/;
export const DASHES = /-/g;
export const PERMISSION_DENIED = /denied/i;
/** Quotes and dots around fdisk's type name (`to 'HPFS/NTFS/exFAT'.`). */
export const QUOTES_AND_DOTS = /['.]/g;
/** The paste is about the Hurd / GNU Mach. */
export const HURD_MENTION = /hurd|gnumach|gnu mach/i;

// ---------------------------------------------------------------- pv-grub / pvgrub2

/** GRUB legacy (pv-grub) errors about disks, partitions and files. */
export const GRUB_LEGACY_ERROR = /^[ \t]*Error (?<code>1[57]|2[123]): (?<what>[^\n]*)/;
/**
 * pv-grub's command line: GRUB legacy built as PACKAGE "grubdom" (xen stubdom/grub/Makefile) prompts "grubdom> "
 * when it found no menu to show.
 */
export const PVGRUB_PROMPT = /^[ \t]*grubdom> ?/;
export const GETCWD_TASK_ERROR = /getcwd: cannot access parent directories: Inappropriate file type or format/;
export const GRUB_INCOMPATIBLE_ARCH = /incompatible architecture/i;
/** GRUB 2 prints it with the kernel's architecture number only in its Xen loader (grub-core/loader/i386/xen.c): pvgrub2's own. */
export const GRUB_XEN_ARCH_NUMBER = /incompatible architecture: \d/;
/** libdiskfs (boot-start.c): the root filesystem holds no startup program (/hurd/startup, older /hurd/init). */
export const HURD_STARTUP_NOT_FOUND = /Cannot find startup program `[^']{1,80}'/;
/** libdiskfs's bootstrap line when it has started ext2fs and is starting the exec server, and nothing after it yet. */
export const BOOTSTRAP_AT_EXEC = /Hurd server bootstrap: [\w.-]{1,40}\[[^\]\n]{1,60}\] exec\s*$/;
/** The same line one step earlier: the root filesystem named, the exec server not yet started. */
export const BOOTSTRAP_AT_FS = /Hurd server bootstrap: [\w.-]{1,40}\[[^\]\n]{1,60}\]\s*$/;
/**
 * A line after the bootstrap line that is console output of a later step or an error (a server's "name: ...", a
 * login prompt, a panic), not the asker's words about the hang ("and nothing after that, waited 20 minutes").
 */
export const BOOT_PROGRESS = /^[ \t]*(?:[\w./-]{1,40}: |[\w.-]{1,40}\[[^\]\n]{0,60}\]|(?:startup|proc|auth|login|INIT)\b|panic\b)|\b(?:[Ee]rror|ERROR|[Pp]anic|[Aa]ssertion)\b/;
/**
 * The ext2fs boot module's command line, as GNU Mach prints it ("module 0: ext2fs --multiboot-command-line=${...")
 * or as a GRUB entry holds it, unexpanded (the "task loaded:" line shows it expanded): with its "-T typed <root>"
 * arguments, after which $(task-create) $(task-resume) must follow. Three plain tests, each linear.
 */
export const EXT2FS_WORD = /\bext2fs\b/;
export const MULTIBOOT_COMMAND_LINE_UNEXPANDED = /--multiboot-command-line=['"]?\$\{/;
export const TYPED_ROOT_ARGUMENT = /-T[ \t]{1,4}typed\b/;
export const TASK_RESUME = /\$\(task-resume\)/;
export const TASK_CREATE = /\$\(task-create\)/;
/** The root disk named in extra: root=device:hd1 (a Mach name; bounded). */
export const ROOT_DEVICE_OPTION = /root=device:(?<name>[a-z]{2,3}\d{1,2}(?:s\d{1,2})?)\b/;
export const PVGRUB_MENTION = /pv-?grub|grub-(?:i386|x86_64)-xen/i;
/** Anything of Xen, pv-grub or GNU Mach in a paste: what makes a message every GRUB prints ours. Plain alternation: linear. */
export const XEN_OR_MACH_MENTION = /pv-?grub|grubdom|\bxen|gnu ?mach|\bdom[u0]\b|\bx[lm] (?:create|console)\b/i;
/** A wording's onlyWith for GRUB legacy's errors under pv-grub (the example is a line that shows it, for the tests). */
export const PVGRUB_CONTEXT = Object.freeze({ pattern: XEN_OR_MACH_MENTION, example: 'kernel = "/usr/lib/xen/boot/pv-grub-x86_32.gz"' });
/** The same for GRUB 2's errors under pvgrub2. */
export const PVGRUB2_CONTEXT = Object.freeze({ pattern: XEN_OR_MACH_MENTION, example: 'kernel = "/usr/lib/grub-xen/grub-i386-xen.bin"' });
export const GRUB_DEVICE_PATH = /^\((?<disk>hd\d{1,2})(?:,(?<part>\d{1,2}))?\)/;
