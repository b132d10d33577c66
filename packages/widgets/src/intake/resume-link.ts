// The link a patient keeps to carry on with a form later: the host page's own address with the draft
// and its resume token in the fragment, which browsers never send to any server.
const RESUME = 'frontdesk-resume'
const DRAFT = 'frontdesk-draft'
const TOKEN_SHAPE = /^rt_[A-Za-z0-9_-]{20,80}$/
const ID_SHAPE = /^[a-z]+_[A-Za-z0-9]{8,64}$/

export interface ResumeTarget {
  draftId: string
  resumeToken: string
}

/**
 * Reads a resume target from a URL fragment (`#frontdesk-resume=rt_…&frontdesk-draft=intake_…`, in any
 * order among the page's own `&`-separated parts) and returns the fragment without those two parts.
 * `target` is null when neither part is there, and `broken` when the link lost one or was cut short.
 */
export function takeResumeFragment(hash: string): { target: ResumeTarget | 'broken' | null; rest: string } {
  const parts = hash.replace(/^#/, '').split('&')
  const value = (name: string) =>
    parts.find((part) => part.startsWith(`${name}=`))?.slice(name.length + 1) ?? ''
  const resumeToken = value(RESUME)
  const draftId = value(DRAFT)
  const ours = (part: string) => part.startsWith(`${RESUME}=`) || part.startsWith(`${DRAFT}=`)
  const rest = parts.filter((part) => part && !ours(part)).join('&')
  const target =
    TOKEN_SHAPE.test(resumeToken) && ID_SHAPE.test(draftId)
      ? { draftId, resumeToken }
      : parts.some(ours)
        ? 'broken'
        : null
  return { target, rest: rest ? `#${rest}` : '' }
}

/** `href` with the resume target in its fragment, keeping the page's own fragment parts. */
export function resumeLink(href: string, target: ResumeTarget): string {
  const url = new URL(href)
  const { rest } = takeResumeFragment(url.hash)
  const own = rest.replace(/^#/, '')
  url.hash = `${own ? `${own}&` : ''}${RESUME}=${target.resumeToken}&${DRAFT}=${target.draftId}`
  return url.href
}

/** Takes a resume target out of the page's address, so the token leaves no trace in the address bar. */
export function takeResumeFromPage(): ResumeTarget | 'broken' | null {
  const { target, rest } = takeResumeFragment(location.hash)
  if (target) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest}`)
  }
  return target
}
