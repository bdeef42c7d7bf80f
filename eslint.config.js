/**
 * ESLint (flat config) for the whole monorepo, run per package by `npm run lint` (turbo) and before every
 * package's tests. Two kinds of rules, both errors:
 * - promises: a promise that is neither awaited, returned, `void`ed nor handled (`no-floating-promises`, type-aware
 *   through each package's tsconfig), or passed where a callback's result is ignored (`no-misused-promises`);
 * - unused code: variables, imports, parameters, private members, expressions and unreachable statements.
 * A deliberately unused binding is named with a leading `_` (e.g. a destructured field left out of a rest).
 */
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const unused = {
  'no-unused-vars': 'off',
  '@typescript-eslint/no-unused-vars': [
    'error',
    { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: false },
  ],
  'no-unused-private-class-members': 'error',
  'no-unreachable': 'error',
  'no-unused-labels': 'error',
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/dist/**',
      '**/.classfit/**',
      'apps/web/src/gql/**',
      'apps/api/src/graphql/generated/**',
      'apps/web/next-env.d.ts',
      'clients/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Each file is checked with the tsconfig of its package; these few belong to none.
        projectService: {
          allowDefaultProject: ['apps/api/codegen.ts', 'apps/web/codegen.ts', 'packages/config/vitest.shared.d.ts', 'scripts/gpu-check/*.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      ...unused,
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: false, allowTernary: false }],
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true, ignoreIIFE: false }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { ...unused, 'no-unused-expressions': 'error' },
  },
);
