// Vite's client types and the environment this example reads.
/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_FRONTDESK_PUBLISHABLE_KEY?: string
  readonly VITE_FRONTDESK_API?: string
}
