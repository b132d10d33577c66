// How deeply a JSON text nests, read in one pass over the raw text before anything parses it: parsers
// and serializers that recurse (better-auth's, JSON.stringify, a walk over the value) overflow the stack
// on a body of 10,000 brackets, and a scan costs far less than a parse.

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_ARRAY = 0x5b // [
const OPEN_OBJECT = 0x7b // {
const CLOSE_ARRAY = 0x5d // ]
const CLOSE_OBJECT = 0x7d // }

/**
 * True when the text opens more than `maxDepth` arrays and objects inside one another. Brackets inside
 * strings do not count. It validates nothing: text that is not JSON is left for the parser to refuse.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === BACKSLASH) index++
      else if (code === QUOTE) inString = false
    } else if (code === QUOTE) inString = true
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) return true
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) depth--
  }
  return false
}
