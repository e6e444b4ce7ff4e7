import globals from 'globals';
import tseslint from 'typescript-eslint';

// Focused rules: the ones that protect users (no shell, no console tearing Ink frames),
// plus typescript-eslint's recommended set. Formatting is prettier's job.
export default tseslint.config(
  {ignores: ['node_modules/', 'dist/', 'dist-tsc/', '.tmp/']},
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.node}},
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
    },
  },
  {
    files: ['source/**/*.{ts,tsx}'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {selector: 'ExportDefaultDeclaration', message: 'Use named exports.'},
        {
          selector: "Property[key.name='shell'][value.value=true]",
          message: 'Never run a command through a shell: pass an argument array.',
        },
        {
          selector: 'CallExpression[callee.name=/^execaCommand(Sync)?$/]',
          message: 'Never build a command string: use execa(file, args).',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['execa', '@kubernetes/client-node'],
              message: 'Only source/integrations/ may import execa or client-node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/integrations/**', 'source/lab/**'],
    rules: {'no-restricted-imports': 'off'},
  },
  {
    files: ['source/engine/**', 'source/runbook/**', 'source/state/**', 'source/actions/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['ink', 'react'],
          patterns: [{group: ['execa', '@kubernetes/client-node'], message: 'Go through a port.'}],
        },
      ],
    },
  },
);
