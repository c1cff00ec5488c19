import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', 'test-results/**', 'bench/results/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      // STYLE.md §4: dependencies point one way; shared/ is pure.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared',
              from: ['./server', './db', './hall', './headoffice', './electron', './renderer'],
            },
            { target: './server', from: ['./db', './hall', './headoffice', './electron', './renderer'] },
            { target: './renderer', from: ['./server', './db', './hall', './headoffice', './electron'] },
            { target: './db', from: ['./hall', './headoffice', './electron', './renderer'] },
            { target: './hall', from: ['./headoffice', './electron', './renderer'] },
            { target: './headoffice', from: ['./hall', './electron', './renderer'] },
            { target: './electron', from: ['./db', './headoffice', './renderer'] },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'fs', 'path', 'crypto', 'fastify', '@fastify/*', 'pg', 'pino'],
              message: 'shared/ is pure: no I/O and no server plumbing (that lives in server/).',
            },
            { group: ['better-sqlite3', '@electric-sql/*', 'argon2', 'ws'], message: 'shared/ is pure.' },
          ],
        },
      ],
      // The renderer bundles shared/: it reads no process environment (fault points live in server/).
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ is pure: no process.' }],
      'no-restricted-properties': [
        'error',
        { object: 'globalThis', property: 'process', message: 'shared/ is pure: no process.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Vitest reads a fixture's dependencies from its first parameter: `async ({}, { onCleanup })`.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='only']", message: 'No .only in committed tests.' },
      ],
    },
  },
);
