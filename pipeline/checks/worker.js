// The worker of a check run from the TypeScript sources (a clone, vitest): worker threads do
// not inherit the main thread's loader, so this one registers tsx before loading worker.ts.
// The installed package runs the compiled worker.js instead (pool.ts picks).
import {register} from 'tsx/esm/api'

register()
const {default: work} = await import('./worker.ts')

export default work
