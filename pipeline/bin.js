#!/usr/bin/env node
// The `galley` command in a clone: the TypeScript sources run through tsx, so a clone works
// after `npm install` with no build step. The installed package runs the compiled main.js.
import {register} from 'tsx/esm/api'

register()
await import('./main.ts')
