// Loads the real <frontdesk-intake> for the form editor's preview: the script the API serves to clinic
// sites, so the preview is the element patients get, not a copy bundled into the console. Loaded once.
let loading: Promise<void> | undefined

/** Resolves when <frontdesk-intake> is defined on this page; the script is added at the first call. */
export function loadIntakeElement(src = '/v1/widgets/intake.js'): Promise<void> {
  if (customElements.get('frontdesk-intake')) return Promise.resolve()
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script')
    script.type = 'module'
    script.src = src
    script.addEventListener('error', () => {
      loading = undefined
      script.remove()
      reject(new Error('The intake element could not be loaded'))
    })
    document.head.append(script)
    void customElements.whenDefined('frontdesk-intake').then(() => resolve())
  })
  return loading
}
