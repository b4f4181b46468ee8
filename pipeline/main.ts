#!/usr/bin/env node
// The `galley` command as installed: the compiled CLI, run by Node with no loader.
// CI runners and `timeout` stop a job with SIGTERM, a closed terminal sends SIGHUP: either ends
// a build like an interrupt, at once, with nothing more written (the editions are written
// atomically, so the previous ones stay whole). Exiting runs Puppeteer's exit hook, which kills
// the browser; left alone, Puppeteer would close it and the build would print with another.
import {main} from './cli.ts'

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGHUP', 129]
] as const)
  process.once(signal, () => process.exit(code))
process.exitCode = await main(process.argv.slice(2))
