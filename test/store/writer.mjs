// A second process writing to the store: prints the number of committed writes after each one.
// Usage: node writer.mjs <data dir> <tag> <count>   (count 0: forever, until killed)
import { openStore } from '../../dist/store/index.js';

const [dir, tag, countArg] = process.argv.slice(2);
const count = Number(countArg);
const store = await openStore(dir);
for (let i = 0; count === 0 || i < count; i++) {
  store.recordUnanswered('question', `${tag} question number ${i}`, { transport: 'cli', channel: tag, nick: tag });
  process.stdout.write(`${i + 1}\n`);
}
store.close();
