// Clinic settings: name, time zone, booking policy and the origins a publishable key may be used from.
import { type ClinicSettings, endpoints } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { UpdateClinicParams } from '../types/params.js'

export interface SettingsResource {
  get(options?: RequestOptions): Promise<ClinicSettings>
  /** Changes only the fields given; `allowedOrigins` replaces the whole list. */
  update(params: UpdateClinicParams, options?: RequestOptions): Promise<ClinicSettings>
}

export function settingsResource(transport: Transport): SettingsResource {
  return {
    get: (options) => transport.call(endpoints.getClinicSettings, { options }),
    update: (params, options) => transport.call(endpoints.updateClinic, { body: params, options }),
  }
}
