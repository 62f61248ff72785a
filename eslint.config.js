// Flat config: typescript-eslint's recommended rules over the TypeScript sources, plus the
// layering of src/ as lint rules (README, "Architecture"): data flows one way and the pure core
// never reaches for the disk, the engine client or a face.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FS = ['node:fs', 'node:fs/promises', 'node:readline', 'fs', 'fs/promises'].map((name) => ({
  name,
  message: 'the pure core does no I/O (the folder walk lives in articles/walk.ts)',
}));
const CLIENT = [
  {
    name: '@elastic/elasticsearch',
    allowTypeImports: true,
    message: 'types only: no engine calls',
  },
];
const EXPRESS = [{ name: 'express', message: 'only web/ speaks HTTP' }];
const FACES = ['**/web/**', '**/cli/**'];

/** A layer: `files` may not import from the `folders` (globs) nor the `modules`. */
function layer(files, folders, modules, ignores = []) {
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: modules,
          patterns: folders.map((group) => ({
            group: [group],
            message: 'against the flow of src/',
          })),
        },
      ],
    },
  };
}

const PURE = [...FS, ...CLIENT, ...EXPRESS];
// search/ names the engine's request and response types (estypes), and imports nothing else of it.
const PURE_TYPES = [...FS, ...EXPRESS];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.ireum/', 'test-artifacts/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The only browser code: progressive enhancement served from public/.
  { files: ['public/**/*.js'], languageOptions: { globals: globals.browser } },
  { files: ['**/*.ts', '*.js'], languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  layer(
    ['src/names/**/*.ts'],
    ['**/articles/**', '**/search/**', '**/indexing/**', '**/engine/**', ...FACES],
    PURE,
  ),
  layer(['src/search/**/*.ts'], ['**/indexing/**', '**/engine/**', ...FACES], PURE_TYPES),
  layer(
    ['src/articles/**/*.ts'],
    ['**/search/**', '**/indexing/**', '**/engine/**', ...FACES],
    PURE,
    ['src/articles/walk.ts'],
  ),
  layer(
    ['src/articles/walk.ts'],
    ['**/search/**', '**/indexing/**', '**/engine/**', ...FACES],
    [...CLIENT, ...EXPRESS],
  ),
  layer(['src/indexing/**/*.ts'], FACES, EXPRESS),
  layer(['src/engine/**/*.ts'], ['**/indexing/**', ...FACES], EXPRESS),
  layer(['src/web/**/*.ts'], ['**/cli/**', '**/indexing/**'], []),
);
