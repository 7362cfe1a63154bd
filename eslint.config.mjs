// Lint rules that keep the architecture honest: the layers import downwards only, and the pure ones (no vscode,
// no Node built-ins, no DOM) run in the host, a worker, the browser and the CLI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

/**
 * Import rules for one layer: never the folders above it; pure layers (no vscode, no Node, no DOM) run in the
 * extension host, a worker, the browser and the CLI alike.
 */
function layer(files, above, { pure = false, nodeFree = false, ignores = [], privateModules = [] } = {}) {
  const noNode = pure || nodeFree;
  return {
    files,
    ignores,
    ...(pure ? { languageOptions: { globals: {} } } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...(noNode
            ? {
                paths: [
                  { name: 'vscode', message: 'This layer must not depend on vscode.' },
                  ...nodeBuiltins.map((name) => ({ name, message: 'This layer must not use Node built-ins.' })),
                ],
              }
            : {}),
          patterns: [
            {
              group: above.flatMap((folder) => [`**/${folder}/**`, `**/${folder}`, `../${folder}`, `./${folder}`]),
              message: `Imports go downwards only: engine ← specFile ← preview ← server ← vscode adapters; the webview imports no host code (${files.join(', ')} must not import ${above.join(', ')}).`,
            },
            ...privateModules,
          ],
        },
      ],
      ...(pure
        ? {
            'no-restricted-globals': [
              'error',
              { name: 'window', message: 'No DOM in pure layers.' },
              { name: 'document', message: 'No DOM in pure layers.' },
              { name: 'process', message: 'No Node globals in pure layers.' },
              { name: 'require', message: 'No Node globals in pure layers.' },
              { name: 'Buffer', message: 'No Node globals in pure layers.' },
            ],
          }
        : {}),
    },
  };
}

/** The spec layer's scanner: the only files that know how long pasted number arrays are packed (jsonTree.ts hides it). */
const SCANNER = [
  'src/specFile/textScan.ts',
  'src/specFile/packedNumbers.ts',
  'src/specFile/condensedTree.ts',
  'src/specFile/location.ts',
  'src/specFile/jsonTree.ts',
];
const PACKED_NUMBERS = {
  group: ['./packedNumbers', '**/packedNumbers'],
  message:
    "Packed number arrays are the scanner's: read them through jsonTree.ts (valueOf, flatNumbers, walkArrays, …).",
};

/** src/onnx (reading models into specs) sits beside preview and server: the layers below it never import it. */
const NO_ONNX = {
  group: ['../onnx', '../onnx/**', '../../onnx', '../../onnx/**'],
  message:
    'src/onnx reads models into specs for the CLI and the extension; the engine, specFile and preview do not use it.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'media/**', 'out/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers import only downwards: engine ← specFile ← preview ← server ← vscode adapters (the CLI sits beside
  // the adapters). The webview imports no host code: only the pure layers and the webview protocol.
  layer(
    ['src/engine/**/*.ts'],
    ['specFile', 'preview', 'webviewProtocol', 'webviewMessageGuards', 'server', 'vscode', 'cli', 'webview'],
    { pure: true, privateModules: [NO_ONNX] },
  ),
  layer(
    ['src/specFile/**/*.ts'],
    ['preview', 'webviewProtocol', 'webviewMessageGuards', 'server', 'vscode', 'cli', 'webview'],
    { pure: true, ignores: SCANNER, privateModules: [PACKED_NUMBERS, NO_ONNX] },
  ),
  layer(SCANNER, ['preview', 'webviewProtocol', 'webviewMessageGuards', 'server', 'vscode', 'cli', 'webview'], {
    pure: true,
    privateModules: [NO_ONNX],
  }),
  layer(
    ['src/preview/**/*.ts', 'src/webviewProtocol.ts', 'src/webviewMessageGuards.ts'],
    ['server', 'vscode', 'cli', 'webview'],
    { pure: true, privateModules: [NO_ONNX] },
  ),
  layer(['src/server/**/*.ts'], ['vscode', 'cli', 'webview'], {
    pure: true,
    ignores: [
      'src/server/main.ts',
      'src/server/nodeServer.ts',
      'src/server/threadVerifier.ts',
      'src/server/verifyWorker.ts',
    ],
  }),
  layer(
    ['src/server/main.ts', 'src/server/nodeServer.ts', 'src/server/threadVerifier.ts', 'src/server/verifyWorker.ts'],
    ['vscode', 'cli', 'webview'],
  ),
  // Reading ONNX models into specs: pure (the web extension imports models too), beside preview and server.
  layer(
    ['src/onnx/**/*.ts'],
    ['preview', 'webviewProtocol', 'webviewMessageGuards', 'server', 'vscode', 'cli', 'webview'],
    { pure: true },
  ),
  layer(['src/vscode/**/*.ts'], ['cli', 'webview']),
  layer(['src/cli/**/*.ts'], ['vscode', 'webview']),
  layer(['webview/**/*.ts'], ['server', 'vscode', 'cli'], { nodeFree: true }),
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
