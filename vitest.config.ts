import os from 'node:os'
import path from 'node:path'
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser and git tests launch real processes; two cores are shared between them.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The CLI caches checks of folders outside npm projects in the user's cache folder; the
    // tests' temporary projects would leave one file each there.
    env: {XDG_CACHE_HOME: path.join(os.tmpdir(), 'galley-test-cache')}
  }
})
