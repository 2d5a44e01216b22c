/** The contract of the log parser (rules/logs/): a pasted terminal session -> events. */

export interface LogEvent {
  /** Event type, e.g. 'command', 'xm-error', 'xl-error', 'hotplug', 'gnumach-boot', 'kernel-panic', 'shell-error'. */
  type: string;
  /** 1-based line of the paste where it starts. */
  line: number;
  /** The matched text (capped). */
  text: string;
  /** Named captures, e.g. { tool: 'xm', guestType: 'xen-3.0-x86_32' }. */
  data: Record<string, string>;
}
