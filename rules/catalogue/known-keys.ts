/**
 * Which top-level config keys each toolstack knows.
 * xm: the `gopts.var`/`gopts.opt` names of xen.git tools/python/xen/xm/create.py (last tree with xm,
 * e04254f7bc = 9e8672f1c3^; names read from the Xen 4.2 copy of that file).
 * xl: the B<key=...> items of xen.git docs/man/xl.cfg.5.pod.in (2026) plus the keys xl_parse.c reads.
 * A key outside both lists is ignored silently by both tools: usually a misspelling.
 */

export const XM_KEYS: ReadonlySet<string> = new Set([
  // gopts.opt (command-line options that are also config variables)
  'help', 'help_config', 'quiet', 'path', 'defconfig', 'config', 'dryrun', 'xmldryrun', 'skipdtd', 'paused',
  'console_autoconnect', 'vncviewer', 'vncviewer-autopass',
  // gopts.var
  'vncpasswd', 'vncconsole', 'name', 'bootloader', 'bootargs', 'bootentry', 'kernel', 'ramdisk', 'loader',
  'features', 'builder', 'memory', 'maxmem', 'shadow_memory', 'memory_sharing', 'cpu', 'cpus', 'rtc_timeoffset',
  'pae', 'hpet', 'timer_mode', 'tsc_mode', 'nomigrate', 'vpt_align', 'viridian', 'extid', 'acpi', 'apic', 'vcpus',
  'vcpu_avail', 'vhpt', 'cpu_cap', 'cpu_weight', 'restart', 'on_poweroff', 'on_reboot', 'on_crash', 'blkif',
  'netif', 'tpmif', 'disk', 'pci', 'vscsi', 'vusb', 'ioports', 'irq', 'vfb', 'vif', 'vif2', 'vtpm',
  'access_control', 'nics', 'root', 'extra', 'ip', 'gateway', 'netmask', 'hostname', 'interface', 'dhcp',
  'nfs_server', 'nfs_root', 'smbios_firmware', 'acpi_firmware', 'actmem', 'xenpaging_file', 'xenpaging_extra',
  'device_model', 'fda', 'fdb', 'parallel', 'serial', 'monitor', 'monitor_path', 'localtime', 'keymap', 'usb',
  'usbdevice', 'watchdog', 'watchdog_action', 'description', 'guest_os_type', 'stdvga', 'isa', 'boot',
  'nographic', 'soundhw', 'vnc', 'vncdisplay', 'vnclisten', 'vncunused', 'videoram', 'sdl', 'gfx_passthru',
  'opengl', 'display', 'xauthority', 'uuid', 'on_xend_start', 'on_xend_stop', 'target', 'hap', 'nestedhvm',
  's3_integrity', 'oos', 'cpuid', 'cpuid_check', 'machine_address_size', 'suppress_spurious_page_faults', 'pool',
  'pci_msitranslate', 'pci_power_mgmt', 'xen_platform_pci', 'superpages', 'ssidref', 'ipaddr', 'memmap',
  'cdrom', 'macaddr', 'cpu_time', 'ssid', 'security', 'bootloader_args', 'e820_host', 'vncdisplay',
]);

export const XL_KEYS: ReadonlySet<string> = new Set([
  'name', 'type', 'builder', 'pool', 'vcpus', 'maxvcpus', 'cpus', 'cpus_soft', 'cpu_weight', 'cap', 'memory',
  'maxmem', 'vnuma', 'on_poweroff', 'on_reboot', 'on_watchdog', 'on_crash', 'on_soft_reset', 'kernel', 'ramdisk',
  'cmdline', 'root', 'extra', 'firmware', 'pvshim', 'pvshim_path', 'pvshim_cmdline', 'pvshim_extra', 'uuid',
  'seclabel', 'init_seclabel', 'max_grant_frames', 'max_maptrack_frames', 'max_grant_version', 'nomigrate',
  'driver_domain', 'device_tree', 'passthrough', 'xend_suspend_evtchn_compat', 'vmtrace_buf_kb', 'vpmu', 'disk',
  'vif', 'vtpm', 'p9', 'pvcalls', 'vfb', 'channel', 'rdm', 'usbctrl', 'usbdev', 'pci', 'pci_permissive',
  'pci_msitranslate', 'pci_seize', 'pci_power_mgmt', 'gfx_passthru', 'rdm_mem_boundary', 'dtdev', 'ioports',
  'iomem', 'irqs', 'max_event_channels', 'vdispl', 'dm_restrict', 'device_model_user', 'vsnd', 'vkb', 'virtio',
  'tee', 'bootloader', 'bootloader_args', 'bootloader_restrict', 'bootloader_user', 'e820_host', 'boot', 'hdtype',
  'hap', 'oos', 'shadow_memory', 'bios', 'bios_path_override', 'pae', 'acpi', 'acpi_s3', 'acpi_s4',
  'acpi_laptop_slate', 'apic', 'nx', 'hpet', 'altp2m', 'altp2mhvm', 'nestedhvm', 'cpuid', 'acpi_firmware',
  'smbios_firmware', 'smbios', 'ms_vm_genid', 'tsc_mode', 'localtime', 'rtc_timeoffset', 'vpt_align',
  'timer_mode', 'mmio_hole', 'xen_platform_pci', 'viridian', 'hvm_pirq', 'videoram', 'stdvga', 'vga', 'vnc',
  'vnclisten', 'vncdisplay', 'vncunused', 'vncpasswd', 'keymap', 'sdl', 'opengl', 'nographic', 'spice',
  'spicehost', 'spiceport', 'spicetls_port', 'spicedisable_ticketing', 'spicepasswd', 'spiceagent_mouse',
  'spicevdagent', 'spice_clipboard_sharing', 'spiceusbredirection', 'spice_image_compression',
  'spice_streaming_video', 'serial', 'soundhw', 'vkb_device', 'usb', 'usbversion', 'usbdevice', 'vendor_device',
  'device_model_version', 'device_model_override', 'stubdomain_kernel', 'stubdomain_cmdline', 'stubdomain_ramdisk',
  'stubdomain_memory', 'device_model_stubdomain_override', 'device_model_stubdomain_seclabel', 'device_model_args',
  'device_model_args_pv', 'device_model_args_hvm', 'gic_version', 'vuart', 'sve', 'mca_caps', 'msr_relaxed',
  'cpuid', 'claim_mode', 'device_model', 'nics', 'ssidref', 'vcpu_hard_affinity', 'vcpu_soft_affinity',
  'trap_unmapped_accesses', 'nr_spis', 'llc_colors', 'dm_restrict', 'event_channels', 'vif_rate',
]);

export const ALL_KEYS: ReadonlySet<string> = new Set([...XM_KEYS, ...XL_KEYS]);

/** Keys of a vif spec (xl-network-configuration(5), create.py vif). */
export const VIF_KEYS: ReadonlySet<string> = new Set([
  'mac', 'bridge', 'script', 'ip', 'vifname', 'backend', 'rate', 'model', 'type', 'mtu', 'gatewaydev', 'netdev',
  'accel', 'be_mac', 'devid', 'trusted', 'untrusted', 'forwarddev', 'uuid', 'vlan', 'name',
]);

/** Keys that matter for a Hurd guest: "did you mean" prefers them on ties. */
export const COMMON_KEYS: readonly string[] = [
  'name', 'kernel', 'ramdisk', 'memory', 'disk', 'vif', 'extra', 'root', 'vcpus', 'maxmem', 'on_poweroff',
  'on_reboot', 'on_crash', 'uuid', 'bootloader', 'cmdline', 'type', 'builder',
];
