/** Part of `npm run build`: parse the knowledge entries once and store them beside the compiled loader. */
import { defaultEntriesDir } from '../knowledge/index.js';
import { writeEntriesCache } from '../knowledge/cache.js';

const { path, entries, facts } = writeEntriesCache(defaultEntriesDir());
process.stdout.write(`knowledge cache: ${entries} entries, ${facts} facts -> ${path}\n`);
