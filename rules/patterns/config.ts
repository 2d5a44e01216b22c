/**
 * Every regular expression the config rules (HX1xx-HX5xx), the checker, the fixer and the template
 * generator use. One module so the ReDoS test (test/rules/patterns.test.ts) can check them all.
 * Each one is anchored or bounded and has no nested quantifier over overlapping classes; inputs are
 * capped (rules/engine.ts capInput) before any of them runs.
 */

// ---- kernels and ramdisks (paths on dom0) ----

/** A Linux kernel image: vmlinuz-2.6.26-2-xen-686, vmlinux, bzImage. */
export const LINUX_KERNEL = /(?:^|\/)(?:vmlinu[xz]|bzimage|zimage)[^/]*$/i;
/** Any GNU Mach image, Xen or not. */
export const GNUMACH_KERNEL = /gnumach/i;
/** The Xen flavour marker in a GNU Mach file name (gnumach-xen-pae, gnumach-1.8-xen-486.gz). */
export const XEN_MARKER = /xen/i;
/** pv-grub (GRUB legacy stub domain) or pvgrub2 (GRUB 2's i386-xen / x86_64-xen images). */
export const PVGRUB_KERNEL = /pv-?grub|grub-(?:i386|x86_64)-xen|pvboot-/i;
/** pvgrub2: GRUB 2's Xen image (Debian grub-xen-host: grub-i386-xen.bin, ...); its embedded config finds the guest's grub.cfg itself. */
export const PVGRUB2_KERNEL = /grub-(?:i386|x86_64)-xen/i;
/** The non-PAE flavour of the Xen GNU Mach. */
export const NONPAE_FLAVOUR = /non-?pae/i;
/** The PAE flavour (test NONPAE_FLAVOUR first: it contains "pae"). */
export const PAE_FLAVOUR = /pae/i;
/** A 64-bit image. */
export const AMD64_FLAVOUR = /amd64|x86[_-]64/i;
/** Debian's i386 Xen image gnumach-1.8-xen-486.gz is a PAE build (hurd-xen-facts #49). */
export const DEBIAN_XEN_486 = /xen-[0-9]86/i;
export const HURD_MODULES = /hurd-modules/i;
export const LINUX_INITRD = /initrd|initramfs|\.cpio/i;
export const GRUB_MENU_FILE = /menu\.lst|grub\.cfg/i;
export const PYGRUB = /pygrub/i;

// ---- hypervisor facts stated in comments ----

/** xen_caps token of a PAE hypervisor (or a 64-bit one that runs 32-bit PAE PV guests). */
export const XEN_CAPS_PAE = /xen-3\.0-x86_32p/i;
/** xen_caps token of a non-PAE 32-bit hypervisor: x86_32 not followed by p. */
export const XEN_CAPS_NONPAE = /xen-3\.0-x86_32(?!p)/i;
export const XEN_CAPS_64 = /xen-3\.0-x86_64/i;
/** "non-PAE hypervisor", "PAE hypervisor", "PAE Xen" (group 1 = "non-" when non-PAE). */
export const PAE_HYPERVISOR_PHRASE = /\b(non-?)?pae[ \t]+(?:hypervisor|xen)\b/i;
/** "hypervisor is (the) non-PAE", "hypervisor is PAE". */
export const HYPERVISOR_IS_PHRASE = /\bhypervisor[ \t]+is[ \t]+(?:the[ \t]+|a[ \t]+)?(non-?)?pae\b/i;
/** "64-bit hypervisor", "amd64 Xen", "x86_64 hypervisor". */
export const HYPERVISOR_64_PHRASE = /\b(?:64-?bit|amd64|x86_64)[ \t]+(?:hypervisor|xen)\b/i;

// ---- kernel command line (extra / root / cmdline) ----

export const WHITESPACE = /\s+/;
/** GNU Mach root device: device:hd0, device:hd0s1, part:2:device:hd0. Groups: partition, device. */
export const MACH_ROOT_DEVICE = /^(?:part:(\d{1,3}):)?device:([a-z]{1,4}\d{1,3}(?:s\d{1,3})?)$/;
/** The partition suffix of a Mach disk name: hd0s1. */
export const MACH_PARTITION_SUFFIX = /s[0-9]{1,3}$/;
/** A Linux-style root: /dev/hda1, UUID=..., LABEL=..., /dev/nfs. */
export const LINUX_ROOT = /^(?:\/dev\/|(?:uuid|label|partuuid)=)/i;
/** A GRUB (legacy) path to the menu on the guest disk: (hd0)/boot/grub/menu.lst, (hd0,1)/boot/grub/menu.lst. */
export const GRUB_MENU_PATH = /^\((?:hd|fd|cd)\d{1,3}(?:,(?:msdos|gpt)?\d{1,3})?\)\/\S*$/;

// ---- disks ----

/** Xen vdev names GNU Mach understands: hda..hdt, sda..sdzz, xvda..xvdzzz, optional partition number. */
export const VDEV = /^(?:hd[a-t]|sd[a-z]{1,2}|xvd[a-z]{1,3})(?:[1-9][0-9]{0,2})?$/;
/** xl's d0p0 vdev syntax. */
export const VDEV_XL_NUMERIC = /^d[0-9]{1,3}(?:p[0-9]{1,3})?$/;
/** A GNU Mach device name used where Xen wants a vdev (hd0, sd1, xvd0s2). Groups: prefix, disk, partition. */
export const MACH_NAME_AS_VDEV = /^(hd|sd|xvd)([0-9]{1,2})(?:s([0-9]{1,3}))?$/;
/** 'phy:sda4 hda w': three fields separated by blanks instead of commas. */
export const DISK_FIELDS_BY_BLANKS = /^[ \t]*([^\s,]+)[ \t]+([^\s,]+)[ \t]+([^\s,]+)[ \t]*$/;

// ---- memory ----

export const PLAIN_DECIMAL = /^[0-9]{1,12}$/;
/** "512", "512M", "512 MB", "1G", "1GiB" (trimmed first). Groups: digits, unit letter. */
export const MEMORY_WITH_UNIT = /^([0-9]{1,9})(?:[ \t]{0,3}([kmgt])(?:i?b)?)?$/i;
/** A decimal-looking number token with a leading zero: 0256 (octal for libxlu and Python 2). */
export const LEADING_ZERO_NUMBER = /^[+-]?0[0-9]+$/;
/** The zeros to drop from such a token (group 1 keeps the sign). */
export const LEADING_ZEROS = /^([+-]?)0+(?=[0-9])/;
export const OCTAL_NUMBER = /^[+-]?[0-7]+$/;

// ---- network ----

export const MAC_ADDRESS = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i;
export const XEN_OUI = /^00:16:3e:/i;
/** The wiki's placeholder, copied literally: 00:16:3e:XX:XX:XX. */
export const MAC_PLACEHOLDER = /x{2}/i;
/** One octet-looking group of a possibly broken MAC. */
export const HEX_OCTET = /^[0-9a-f]{2}$/i;
/** Linux interface names: at most 15 bytes, no '/', ':' or blanks (dev_valid_name). */
export const BRIDGE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

// ---- keys and syntax ----

export const HAS_UPPERCASE = /[A-Z]/;
/** A line that starts a key assignment; group 1 = key, group 2 = operator. Used on single, capped lines. */
export const KEY_ASSIGNMENT_LINE = /^[ \t]*([A-Za-z_][A-Za-z0-9_.]{0,63})[ \t]*(\+?=)/;
export const COMMENT_LINE = /^[ \t]*#/;
export const PYTHON_IMPORT = /^[ \t]*import[ \t]/;
export const PYTHON_DEF = /^[ \t]*def[ \t]/;
/** xm command-line variables declared by the config: xm_vars.var('n', ...). Group 1 = name. */
export const XM_VARS_DECLARATION = /xm_vars\.var\([ \t]*['"]([A-Za-z_][A-Za-z0-9_]{0,63})['"]/;
/** Emacs/vim mode line of a Python file: "-*- mode: python; -*-", "vim: ft=python". */
export const PYTHON_MODE_LINE = /-\*-[ \t]*mode:[ \t]*python|\b(?:ft|filetype|syntax)=python\b/i;
/** A comment naming the tool: "xm create hurd", "xl create -c /etc/xen/hurd". Group 1 = xm|xl. */
export const TOOL_COMMAND_MENTION = /\b(xm|xl)[ \t]+(?:-[A-Za-z][ \t]+)?create\b/;
/** Python 2 print statement (print "x"), rejected by Python 3 and libxlu. */
export const PRINT_STATEMENT = /^[ \t]*print[ \t]+[^(=\s]/;
/** Backslash escapes inside a string literal; group 1 = what follows the backslash. */
export const STRING_ESCAPE = /\\(x[0-9a-fA-F]{0,2}|[0-9]{1,4}|[\s\S])/g;
/** Escapes both Python and libxlu read the same way. */
export const AGREED_ESCAPE = /^[nrt\\'"]$/;
export const QUOTE_CHAR = /['"]/;
export const TRAILING_CR = /\r$/;
/** A python-style raw or prefixed string quote: r", u', b". */
export const STRING_PREFIX = /^[rRuUbB]{1,2}/;

// ---- templates and chat arguments ----

/** Domain names a template accepts. */
export const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Device paths on dom0 a template accepts (phy:/dev/sda4, /dev/vg0/hurd, file:/srv/hurd.img). */
export const TEMPLATE_DEVICE = /^(?:(?:phy|file|tap:aio|tap2:aio|aio):)?[A-Za-z0-9_./+-]{1,200}$/;
/** key=value words of the chat command "template pvgrub xl memory=256". */
export const TEMPLATE_ARG = /^([a-z]{1,16})=([\s\S]{0,256})$/i;
