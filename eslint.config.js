// One linter and formatter for the whole tree (antfu's config: ESLint + stylistic rules,
// no Prettier). Layering is enforced here: shared/ imports no framework, storage or
// platform API, and the server never imports the client.
import antfu from '@antfu/eslint-config'

export default antfu(
  {
    vue: true,
    typescript: true,
    ignores: ['dist/**', 'data/**', 'coverage/**', '**/*.md'],
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'vue', 'vue-*', 'pinia', 'dexie', 'kysely', 'hono', 'hono/*', '@hono/*', 'better-sqlite3', 'pg'], message: 'shared/ is pure TypeScript: no framework, storage or Node API.' },
          { group: ['../client/*', '../server/*', '../../client/*', '../../server/*'], message: 'shared/ must not import client or server code.' },
        ],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/client/**'], message: 'The server never imports client code.' }] }],
    },
  },
  {
    files: ['server/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off', 'node/prefer-global/process': 'off', 'node/prefer-global/buffer': 'off' },
  },
)
