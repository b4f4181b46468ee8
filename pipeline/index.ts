// The public API. The CLI is one caller of these; CI scripts and other tools are others.
export {
  build,
  buildAll,
  slugOf,
  type BuildAllOptions,
  type BuildOptions,
  type BuildOutcome,
  type BuildResult,
  type Edition
} from './build.ts'
export {check, type CheckOptions, type CheckResult} from './check.ts'
export {defineConfig, type Config, type ConfigInput} from './config/schema.ts'
export {loadConfig} from './config/load.ts'
export {GalleyError} from './errors.ts'
export {readManuscript, metadataOf} from './manuscript/read.ts'
export {reporters} from './reporters/index.ts'
