// Arrow-key movement through a wrapped grid of options (the time list): left/right by one, up/down by a row.

/** The index focus moves to for a key, or null when the key is not ours. */
export function nextOptionIndex(options: HTMLElement[], current: number, key: string): number | null {
  const last = options.length - 1
  if (last < 0) return null
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, current - 1)
    case 'ArrowRight':
      return Math.min(last, current + 1)
    case 'Home':
      return 0
    case 'End':
      return last
    case 'ArrowUp':
    case 'ArrowDown': {
      const columns = columnCount(options)
      const next = current + (key === 'ArrowDown' ? columns : -columns)
      return Math.min(last, Math.max(0, next))
    }
    default:
      return null
  }
}

/** Options laid out in rows: the number sharing the first row's top edge. */
function columnCount(options: HTMLElement[]): number {
  const top = options[0]?.offsetTop ?? 0
  const columns = options.filter((option) => option.offsetTop === top).length
  return Math.max(1, columns)
}
