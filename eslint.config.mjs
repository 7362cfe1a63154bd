// Lint rules that keep the architecture honest: src/engine and src/spec stay pure
// (no vscode, no Node built-ins, no DOM) so they run in the host, a worker, the browser and the CLI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'media/**', 'out/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/spec/**/*.ts', 'src/preview/**/*.ts', 'src/protocol.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/engine and src/spec must not depend on vscode.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'src/engine and src/spec must not use Node built-ins.' })),
        ],
        patterns: [{ group: ['**/vscode/**', '**/cli/**', '**/webview/**'], message: 'Pure layers must not import adapters.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in pure layers.' },
        { name: 'document', message: 'No DOM in pure layers.' },
        { name: 'process', message: 'No Node globals in pure layers.' },
        { name: 'require', message: 'No Node globals in pure layers.' },
        { name: 'Buffer', message: 'No Node globals in pure layers.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js', 'bench/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
