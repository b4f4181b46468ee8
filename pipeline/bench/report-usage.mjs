// Preloaded into a bench child (`node --import`) when /usr/bin/time is missing: on exit, write
// the child's own CPU seconds and peak RSS in kilobytes, as `time -f '%U %S %M'` would.
import {writeFileSync} from 'node:fs'

const target = process.env.GALLEY_BENCH_USAGE
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(target, `${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6} ${usage.maxRSS}\n`)
  })
}
