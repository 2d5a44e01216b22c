/**
 * The log parser: a pasted terminal session (prompts, xm/xl output, libxl/libxc errors, Python
 * tracebacks, hotplug messages, GNU Mach's boot console, `xm dmesg`) -> typed events.
 * The text is expected capped by the engine; lines are bounded here as well.
 */
import { classifyLine } from './line-events.js';
import { pasteLines, type PasteLine } from './lines.js';
import type { LogEvent } from './types.js';

export { logSignals } from './signals.js';
export { unrecognisedErrorLines } from './unrecognised.js';

export function parseLog(text: string, lines: readonly PasteLine[] = pasteLines(text)): LogEvent[] {
  const events: LogEvent[] = [];
  for (const { line, text: lineText } of lines) {
    const event = classifyLine(line, lineText);
    if (event) events.push(event);
  }
  return events;
}
