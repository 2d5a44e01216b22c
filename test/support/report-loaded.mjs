// Preloaded with `node --import` by the laziness tests: at exit, print the CommonJS modules that were loaded.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
process.on('exit', () => {
  process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\n');
});
