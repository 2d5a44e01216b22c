/** The documentation the config rules cite (see shared/reference/ for the facts behind each). */

export const HURD_WIKI = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';
/** 2009 revision that added the 580 MB limit ("document memory limitation"). */
export const HURD_WIKI_580 =
  'https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=17c03d4ac934b2cf184e477c62abe355e37842cb';
/** 2011 revision (the seed): hurd-modules and its libc. */
export const HURD_WIKI_2011 =
  'https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=a5b95baab6b4512ceaef8749a29ed7b3685b4125';
/** 2013 IRC logs: whole-disk VBDs are not partitioned, non-Xen gnumach has no Xen notes. */
export const HURD_WIKI_2013 =
  'https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=c4ad3f73033c7e0511c3e7df961e1232cc503478';
export const HURD_NETWORKING = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen/networking_configuration.html';
export const HURD_RO_DISK = 'https://www.gnu.org/software/hurd/open_issues/xen_domu_with_ro_hd.html';
export const GNUMACH_BLOCK_C = 'https://git.savannah.gnu.org/cgit/hurd/gnumach.git/tree/xen/block.c';
export const GNUMACH_BOOTHDR = 'https://git.savannah.gnu.org/cgit/hurd/gnumach.git/tree/i386/xen/xen_boothdr.S';
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
export const XEN_MIGRATION = 'https://wiki.xenproject.org/wiki/Migration_Guide_To_Xen4.1%2B';
export const PYGRUB_WIKI = 'https://wiki.xenproject.org/wiki/PyGrub';
