// The linter guards the layering of pipeline/ (see "Architecture" in the README): each folder
// may import only the layers below it, and no import cycle may come back. Formatting is
// Prettier's job, so no stylistic rule is turned on here.
import importX from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

/** Bottom to top: a layer may import any layer before it in this list, never one after it. */
const layers = [
  ['errors', ['./pipeline/errors.ts']],
  ['fs', ['./pipeline/fs']],
  ['manuscript', ['./pipeline/manuscript']],
  // The preflight's rules are rules like the others, read from the printed PDF.
  ['checks', ['./pipeline/checks', './pipeline/preflight']],
  ['render', ['./pipeline/render']],
  ['config', ['./pipeline/config']],
  ['revisions', ['./pipeline/revisions']],
  ['reporters', ['./pipeline/reporters']],
  [
    'commands',
    [
      './pipeline/check.ts',
      './pipeline/build.ts',
      './pipeline/diff.ts',
      './pipeline/history.ts',
      './pipeline/init.ts',
      './pipeline/preview.ts',
      './pipeline/fix.ts',
      './pipeline/stylesheet.ts'
    ]
  ],
  ['entry points', ['./pipeline/cli.ts', './pipeline/index.ts', './pipeline/main.ts', './pipeline/bin.js']]
]

/** Libraries beside each other that must not reach into one another. */
const apart = {
  render: ['checks'],
  revisions: ['checks', 'config', 'render', 'reporters', 'fs'],
  reporters: ['errors', 'fs', 'manuscript', 'checks', 'config', 'render', 'revisions']
}

const zones = layers.flatMap(([name, target], index) => {
  const above = layers.slice(index + 1).flatMap(([, paths]) => paths)
  const beside = (apart[name] ?? []).flatMap((other) => layers.find(([id]) => id === other)[1])
  const from = [...new Set([...above, ...beside, './pipeline/bench'])]
  return [{target, from, message: `the ${name} layer may not import this (see Architecture in the README)`}]
})

export default tseslint.config({ignores: ['node_modules/', 'output/', 'dist/', 'tests/fixtures/']}, ...tseslint.configs.recommended, {
  files: ['**/*.ts', '**/*.js'],
  plugins: {'import-x': importX},
  settings: {'import-x/extensions': ['.ts', '.js']},
  rules: {
    'import-x/no-cycle': ['error', {ignoreExternal: true}],
    'import-x/no-self-import': 'error',
    'import-x/no-restricted-paths': ['error', {zones}],
    // The code talks to untyped trees (zod internals, pdf-lib objects) in a few places on purpose.
    '@typescript-eslint/no-explicit-any': 'off',
    '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}]
  }
})
