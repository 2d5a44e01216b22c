import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../rules/config/index.js';
import { parseLog } from '../../../rules/logs/parse.js';
import { cite, configOrigin, listValue, numberValue, setting } from '../../../rules/logs/settings.js';
import type { LogContext } from '../../../rules/types.js';

const paste = 'root@dom0:~# grep -E "memory|disk" /etc/xen/hurd\nmemory = 1024\ndisk = [\'phy:sda4,xvda,w\']\nroot@dom0:~# xm create -c hurd\nTruncating memory size to 713MiB';

function ctx(text: string, config?: string): LogContext {
  return { text, events: parseLog(text), ...(config !== undefined ? { config: parseConfig(config) } : {}) };
}

describe('settings a log rule can cite', () => {
  it('reads them from the paste, with paste line numbers', () => {
    const c = ctx(paste);
    expect(configOrigin(c)).toBe('none');
    const memory = setting(c, 'memory');
    expect(numberValue(memory)).toBe(1024);
    expect(cite(memory!)).toBe('line 2 of your paste (`memory = 1024`)');
    expect(listValue(setting(c, 'disk'))).toEqual(['phy:sda4,xvda,w']);
  });

  it('does not trust line numbers of a config gathered from the paste\'s lines', () => {
    const c = ctx(paste, "memory = 1024\ndisk = ['phy:sda4,xvda,w']\n");
    expect(configOrigin(c)).toBe('embedded');
    expect(cite(setting(c, 'memory')!)).toContain('line 2 of your paste');
  });

  it('cites a separate config file by its own line numbers', () => {
    const c = ctx('Truncating memory size to 713MiB', 'kernel = "/boot/gnumach-xen-pae"\nmemory = 2048\n');
    expect(configOrigin(c)).toBe('separate');
    expect(cite(setting(c, 'memory')!)).toBe('line 2 of your config (`memory = 2048`)');
  });

  it('returns undefined for settings nobody gave', () => {
    expect(setting(ctx('GNU Mach 1.4'), 'memory')).toBeUndefined();
  });
});
