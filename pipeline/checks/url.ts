// Every rule's `url` points at its section of the README, so a message links to its own docs.
import pkg from '../../package.json' with {type: 'json'}

const readme = pkg.homepage.replace(/#.*$/, '')

export function ruleUrl(ruleId: string): string {
  return `${readme}#${ruleId}`
}
