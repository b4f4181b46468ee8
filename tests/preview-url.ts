// The address `galley preview` prints once it serves, read from the running process.
import type {ChildProcess} from 'node:child_process'

export function previewUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const found = /galley: preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (found) resolve(found[1]!)
    })
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}`)))
  })
}
