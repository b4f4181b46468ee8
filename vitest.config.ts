import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser and git tests launch real processes; two cores are shared between them.
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
