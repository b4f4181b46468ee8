// Whether a path lies inside a folder, by its words alone (callers resolve links first where
// links matter). One answer for chapters, images and the paths a config names.
import path from 'node:path'

/** `file` lies below `folder`; with `orSame`, `folder` itself counts too. */
export function isInside(file: string, folder: string, {orSame = false} = {}): boolean {
  const relative = path.relative(folder, file)
  if (relative === '') return orSame
  return !relative.startsWith('..') && !path.isAbsolute(relative)
}
