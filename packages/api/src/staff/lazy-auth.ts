// Staff sign-in (better-auth and its plugins) built on first use: it is among the largest parts of the API,
// and nothing a server needs before its first answer. `serve` warms it once it answers (server.ts), so a
// first sign-in rarely waits for it either.
import type { StaffAuth, StaffAuthOptions } from './auth.js'

/** What the app calls on staff auth: better-auth's own instance, or `lazyStaffAuth`'s stand-in for it. */
export interface StaffAuthEntry {
  handler: StaffAuth['handler']
  api: Pick<StaffAuth['api'], 'getSession' | 'verifyPassword'>
  options: { baseURL?: string | undefined }
}

export interface LazyStaffAuth extends StaffAuthEntry {
  /** better-auth, built once; the first call loads it. */
  load(): Promise<StaffAuth>
}

export function lazyStaffAuth(options: StaffAuthOptions): LazyStaffAuth {
  let auth: Promise<StaffAuth> | undefined
  const load = () => {
    auth ??= import('./auth.js').then(({ createStaffAuth }) => createStaffAuth(options))
    return auth
  }
  const getSession = async (context: Parameters<StaffAuth['api']['getSession']>[0]) =>
    (await load()).api.getSession(context)
  const verifyPassword = async (context: Parameters<StaffAuth['api']['verifyPassword']>[0]) =>
    (await load()).api.verifyPassword(context)
  return {
    load,
    handler: async (request) => (await load()).handler(request),
    api: {
      getSession: getSession as StaffAuth['api']['getSession'],
      verifyPassword: verifyPassword as StaffAuth['api']['verifyPassword'],
    },
    options: { baseURL: options.baseUrl },
  }
}
