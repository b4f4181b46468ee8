#!/usr/bin/env node
// The `galley` command. Sources are TypeScript run through tsx, so a clone works after
// `npm install` with no build step.
import {register} from 'tsx/esm/api'

register()
const {main} = await import('./cli.ts')
process.exitCode = await main(process.argv.slice(2))
