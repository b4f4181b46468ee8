#!/usr/bin/env node
// The `galley` command. Sources are TypeScript run through tsx, so a clone works after
// `npm install` with no build step.
import {register} from 'tsx/esm/api'

register()
// CI runners and `timeout` stop a job with SIGTERM, a closed terminal sends SIGHUP: either ends
// a build like an interrupt, at once, with nothing more written (the editions are written
// atomically, so the previous ones stay whole). Exiting runs Puppeteer's exit hook, which kills
// the browser; left alone, Puppeteer would close it and the build would print with another.
for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGHUP', 129]
])
  process.once(signal, () => process.exit(code))
const {main} = await import('./cli.ts')
process.exitCode = await main(process.argv.slice(2))
