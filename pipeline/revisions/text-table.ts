// A table for the terminal, as `galley diff` and `galley history` print them: columns padded to
// their widest cell, text on the left, figures from `firstFigure` on aligned right.
export function textTable(header: string[], rows: string[][], firstFigure: number): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column >= firstFigure ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  return [header, ...rows].map(line).join('\n')
}
