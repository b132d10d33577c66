// Clinic settings: name, time zone, booking policy, the origins a publishable key may be used from, and the
// hosted booking page (slug, branding, logo).
import { type ClinicSettings, endpoints } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { UpdateClinicParams } from '../types/params.js'

export interface SettingsResource {
  get(options?: RequestOptions): Promise<ClinicSettings>
  /** Changes only the fields given; `allowedOrigins` replaces the whole list. A taken `slug` fails with SLUG_TAKEN. */
  update(params: UpdateClinicParams, options?: RequestOptions): Promise<ClinicSettings>
  /** The hosted page's logo: a PNG, JPEG or WebP Blob of at most 256 KB, its type as the Blob's type. */
  setLogo(image: Blob, options?: RequestOptions): Promise<ClinicSettings>
  removeLogo(options?: RequestOptions): Promise<ClinicSettings>
}

export function settingsResource(transport: Transport): SettingsResource {
  return {
    get: (options) => transport.call(endpoints.getClinicSettings, { options }),
    update: (params, options) => transport.call(endpoints.updateClinic, { body: params, options }),
    setLogo: (image, options) => transport.call(endpoints.setClinicLogo, { raw: image, options }),
    removeLogo: (options) => transport.call(endpoints.deleteClinicLogo, { options }),
  }
}
