// File names made from titles: safe on every OS, whatever the manuscript's title holds.

/**
 * ASCII letters, digits and hyphens, never empty, never a reserved Windows name, never more
 * than 80 characters.
 */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  if (!slug || /^(con|prn|aux|nul|com\d|lpt\d)$/.test(slug)) return `edition${slug ? `-${slug}` : ''}`
  return slug
}
