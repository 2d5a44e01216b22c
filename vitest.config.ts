import { defineConfig } from 'vitest/config';

// CI asks for a JSON report beside the console one (VITEST_JSON=path) to print a plain closing count.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
  },
});
