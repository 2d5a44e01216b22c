/**
 * The slash commands, made from the command table (bot/brain/commands/): what Discord registers, and the typed
 * options of an interaction as the table's `run` takes them.
 */
import { COMMANDS } from '../../brain/commands/table.js';
import { MAX_TEXT, unflattenConfig } from './input.js';

/** Discord wants a description of 1 to 100 characters, starting with a capital by habit. */
function describe(text: string): string {
  return (text.charAt(0).toUpperCase() + text.slice(1)).slice(0, 100);
}

/**
 * The slash commands, as the JSON Discord registers (shared by the adapter and `hurd-xen-bot discord-deploy`):
 * made from the command table, so a command and its options are declared once. A paste option (a config, a log)
 * comes with a `file` attachment option beside it.
 */
export function slashCommandData(djs: Pick<typeof import('discord.js'), 'SlashCommandBuilder'>): unknown[] {
  return COMMANDS.filter((c) => c.slash).map((c) => {
    const b = new djs.SlashCommandBuilder().setName(c.name).setDescription(describe(c.summary));
    // Discord lists required options first.
    const options = [...c.options].sort((x, y) => Number(y.required === true) - Number(x.required === true));
    for (const o of options) {
      const described = describe(o.description);
      if (o.type === 'boolean') b.addBooleanOption((x) => x.setName(o.name).setDescription(described).setRequired(o.required === true));
      else if (o.type === 'integer') {
        b.addIntegerOption((x) => {
          x.setName(o.name).setDescription(described).setRequired(o.required === true);
          if (o.min !== undefined) x.setMinValue(o.min);
          if (o.max !== undefined) x.setMaxValue(o.max);
          return x;
        });
      } else {
        b.addStringOption((x) => {
          x.setName(o.name).setDescription(described).setRequired(o.required === true);
          if (o.maxLength !== undefined) x.setMaxLength(o.maxLength);
          if (o.choices) x.addChoices(...o.choices.map((ch) => ({ name: ch.label, value: ch.value })));
          return x;
        });
      }
    }
    if (c.options.some((o) => o.paste)) b.addAttachmentOption((x) => x.setName('file').setDescription('The same as a file (.cfg/.log/.txt)'));
    return b.toJSON();
  });
}

/**
 * A slash command's typed options for the command table, as they came (no text to parse again). One-line configs
 * are put back on lines; everything else is passed as Discord typed it.
 */
export function slashArgs(name: string, get: (option: string) => string | number | boolean | null): Record<string, string | number | boolean> {
  const command = COMMANDS.find((c) => c.name === name && c.slash);
  if (!command) throw new Error(`unknown command /${name}`);
  const args: Record<string, string | number | boolean> = {};
  for (const o of command.options) {
    const v = get(o.name);
    if (v === null || v === undefined) continue;
    args[o.name] = o.paste && typeof v === 'string' ? (o.name === 'config' ? unflattenConfig(v.slice(0, MAX_TEXT)) : v.slice(0, MAX_TEXT)) : v;
  }
  return args;
}

