// ESLint flat config: the recommended JavaScript and typescript-eslint sets over every source and test file.
// Type-aware rules are left out on purpose: they would double the lint time for little over `tsc --noEmit`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', performance: 'readonly' } },
    rules: {
      // `_name` marks a parameter an interface requires but this implementation does not read.
      // Control characters are exactly what the sanitisers strip from user text.
      'no-control-regex': 'off',
      // A handle assigned once, late, but read earlier by callbacks (a timer, the gate) stays a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
