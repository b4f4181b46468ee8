// Text from the manuscript (a file name, an image source, a quoted word) reaches the terminal
// and CI logs inside messages. Control characters in it could start a new log line, a
// workflow command or a terminal escape, so every reporter that prints lines shows them
// escaped: C0 and C1 controls, DEL, and the bidirectional overrides that reorder what is read.
const unprintable = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

const names: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}

export function printable(text: string): string {
  return text.replace(unprintable, (char) => names[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
