/**
 * The documentation every rule cites (config rules, log rules, the message inventory): the one list of URLs, so that
 * a moved page or a new pinned commit is one edit. A rule's meta.docs is one of these (or a path below a *_TREE) and a
 * section; see shared/reference/ for the facts behind each. test/rules/catalogue/layout.test.ts keeps URLs out of
 * the rule files.
 */

// ---- the Hurd wiki ----

export const HURD_WIKI = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';
/** 2009 revision that added the 580 MB limit ("document memory limitation"). */
export const HURD_WIKI_580 =
  'https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=17c03d4ac934b2cf184e477c62abe355e37842cb';
/** 2011 revision (the seed): hurd-modules and its libc. */
export const HURD_WIKI_2011 =
  'https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=a5b95baab6b4512ceaef8749a29ed7b3685b4125';
/** 2011-08-27 revision: the pv-grub sample and the Partitions section (root=part:N:device:hd0, the parted store). */
export const HURD_WIKI_PARTITIONS =
  'https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=0606c86cb3869a8dd2c7f9b72af19e55b2312c2c';
/** 2013 IRC logs: whole-disk VBDs are not partitioned, non-Xen gnumach has no Xen notes, pv-grub's (hd0). */
export const HURD_WIKI_2013 =
  'https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=c4ad3f73033c7e0511c3e7df961e1232cc503478';
/** The ext2 fields only a filesystem made for the Hurd has (creator OS). */
export const HURD_EXT2_EXTENSIONS = 'https://www.gnu.org/software/hurd/hurd/translator/ext2fs/hurd-specific_extensions.html';
export const HURD_NETWORKING = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen/networking_configuration.html';
export const HURD_RO_DISK = 'https://www.gnu.org/software/hurd/open_issues/xen_domu_with_ro_hd.html';
/** GNU Mach's old Xen block driver assertion (2009). */
export const HURD_BLOCK_ASSERT = 'https://www.gnu.org/software/hurd/open_issues/xen_crash_copy-size_le_page_size.html';
/** Never mount the Hurd's filesystem in dom0 while the guest runs. */
export const HURD_QEMU_DISCUSSION = 'https://www.gnu.org/software/hurd/hurd/running/qemu/discussion.html';
/** The public Hurd boxes: shutting a Hurd domU down. */
export const HURD_XEN_HANDLING = 'https://www.gnu.org/software/hurd/public_hurd_boxen/xen_handling.html';

// ---- source trees, pinned ----

/** The last Xen tree that still had xm/xend (9e8672f1c3^). */
export const XEN_XM_TREE = 'https://github.com/xen-project/xen/blob/e04254f7bc';
/** The Xen tree the libxl/xl/libxlu messages were harvested from. */
export const XEN_TREE = 'https://github.com/xen-project/xen/blob/c447b7308b';
/** Xen 4.4: xl still checked for a running xend. */
export const XEN_4_4_TREE = 'https://github.com/xen-project/xen/blob/RELEASE-4.4.0';
export const GNUMACH_TREE = 'https://github.com/GitMirroring/hurd-gnumach/blob/970604df3b';
export const HURD_TREE = 'https://git.savannah.gnu.org/cgit/hurd/hurd.git/tree';
export const GNUMACH_BLOCK_C = 'https://git.savannah.gnu.org/cgit/hurd/gnumach.git/tree/xen/block.c';
export const GNUMACH_BOOTHDR = 'https://git.savannah.gnu.org/cgit/hurd/gnumach.git/tree/i386/xen/xen_boothdr.S';
/** GRUB 2's tree (its Xen loader, pvgrub2). */
export const GRUB_TREE = 'https://git.savannah.gnu.org/cgit/grub.git/tree';
export const GRUB_FILE_C = 'https://git.savannah.gnu.org/cgit/grub.git/tree/grub-core/kern/file.c';

// ---- Xen manuals and files on xenbits ----

export const XL_CFG = 'https://xenbits.xen.org/docs/unstable/man/xl.cfg.5.html';
export const XL_DISK = 'https://xenbits.xen.org/docs/unstable/man/xl-disk-configuration.5.html';
export const XL_NET = 'https://xenbits.xen.org/docs/unstable/man/xl-network-configuration.5.html';
export const XEN_VBD = 'https://xenbits.xen.org/docs/unstable/man/xen-vbd-interface.7.html';
export const XL_PARSE_C = 'https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=tools/xl/xl_parse.c';
export const LIBXLU_LEX = 'https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=tools/libs/util/libxlu_cfg_l.l';
export const LIBXLU_CFG = 'https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=tools/libs/util/libxlu_cfg.c';
export const LIBXLU_DISK = 'https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=tools/libs/util/libxlu_disk_l.l';
export const XM_CREATE_PY = 'https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=tools/python/xen/xm/create.py;hb=e04254f7bc';
export const XM_DOMAIN_CFG = 'https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=docs/man/xmdomain.cfg.pod.5;hb=e04254f7bc';
export const XM_PVGRUB_EXAMPLE = 'https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=tools/examples/xmexample.pv-grub;hb=e04254f7bc';

// ---- the Xen wiki ----

export const XEN_MIGRATION = 'https://wiki.xenproject.org/wiki/Migration_Guide_To_Xen4.1%2B';
export const PYGRUB_WIKI = 'https://wiki.xenproject.org/wiki/PyGrub';
/** Xen's wiki page on pv-grub: one build per guest bitness (pv-grub-x86_32.gz, pv-grub-x86_64.gz). */
export const PVGRUB_WIKI = 'https://wiki.xenproject.org/wiki/PvGrub';

// ---- Debian packages ----

/** The Hurd wiki's CrossInstall page: crosshurd, and mmdebstrap --mode=chrootless from debian-ports. */
export const HURD_CROSS_INSTALL = 'https://www.gnu.org/software/hurd/hurd/running/debian/CrossInstall.html';

/** Debian's keyring package for the debian-ports archive (where hurd-i386 lives). */
export const DEBIAN_PORTS_KEYRING = 'https://packages.debian.org/sid/debian-ports-archive-keyring';
export const DEBIAN_CROSSHURD = 'https://packages.debian.org/bookworm/crosshurd';
export const DEBIAN_XEN_UTILS_COMMON = 'https://packages.debian.org/bookworm/xen-utils-common';
/** The wheezy package: the xm/xl wrapper that runs only the TOOLSTACK of /etc/default/xen. */
export const DEBIAN_XEN_UTILS_COMMON_WHEEZY = 'https://packages.debian.org/wheezy/xen-utils-common';
export const DEBIAN_GRUB_XEN_HOST = 'https://packages.debian.org/sid/amd64/grub-xen-host/filelist';
