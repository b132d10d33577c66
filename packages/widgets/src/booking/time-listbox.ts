// Arrow keys in the time listbox: as in any listbox, Down/Right go to the next time and Up/Left to the
// previous one, whatever the wrapped layout shows; Home and End jump to the first and last.

/** The index focus moves to for a key, or null when the key is not ours. */
export function nextOptionIndex(count: number, current: number, key: string): number | null {
  const last = count - 1
  if (last < 0) return null
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(last, current + 1)
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(0, current - 1)
    case 'Home':
      return 0
    case 'End':
      return last
    default:
      return null
  }
}
