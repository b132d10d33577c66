// Schedules for the clinic's own systems: weekly hours, date overrides and time off.
import { type DateOverride, endpoints, type TimeOff, type WeeklyHours } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type {
  CreateTimeOffParams,
  List,
  SetDateOverrideParams,
  SetWeeklyHoursParams,
} from '../types/params.js'

export interface SchedulesResource {
  hours: {
    /** A practitioner's weekly hours, in the clinic's time zone. */
    get(practitionerId: string, options?: RequestOptions): Promise<List<WeeklyHours>>
    /** Replaces all of a practitioner's weekly hours; answers the hours now in force. */
    set(
      practitionerId: string,
      params: SetWeeklyHoursParams,
      options?: RequestOptions,
    ): Promise<List<WeeklyHours>>
  }
  overrides: {
    list(practitionerId: string, options?: RequestOptions): Promise<List<DateOverride>>
    /** Other hours for one date (`windows: []` closes it), replacing any override of that date. */
    set(
      practitionerId: string,
      params: SetDateOverrideParams,
      options?: RequestOptions,
    ): Promise<DateOverride>
    /** Goes back to the weekly hours on `date`. */
    remove(practitionerId: string, date: string, options?: RequestOptions): Promise<void>
  }
  timeOff: {
    list(filter?: { practitionerId?: string | undefined }, options?: RequestOptions): Promise<List<TimeOff>>
    /** Blocks time for a practitioner, or for the whole clinic when `practitionerId` is null or left out. */
    create(params: CreateTimeOffParams, options?: RequestOptions): Promise<TimeOff>
    remove(timeOffId: string, options?: RequestOptions): Promise<void>
  }
}

export function schedulesResource(transport: Transport): SchedulesResource {
  return {
    hours: {
      get: (practitionerId, options) =>
        transport.call(endpoints.getWeeklyHours, { params: { id: practitionerId }, options }),
      set: (practitionerId, params, options) =>
        transport.call(endpoints.setWeeklyHours, { params: { id: practitionerId }, body: params, options }),
    },
    overrides: {
      list: (practitionerId, options) =>
        transport.call(endpoints.listDateOverrides, { params: { id: practitionerId }, options }),
      set: (practitionerId, params, options) =>
        transport.call(endpoints.setDateOverrides, {
          params: { id: practitionerId },
          body: params,
          options,
        }),
      remove: (practitionerId, date, options) =>
        transport.call(endpoints.deleteDateOverride, { params: { id: practitionerId, date }, options }),
    },
    timeOff: {
      list: (filter = {}, options) =>
        transport.call(endpoints.listTimeOff, { query: { practitionerId: filter.practitionerId }, options }),
      create: (params, options) => transport.call(endpoints.createTimeOff, { body: params, options }),
      remove: (timeOffId, options) =>
        transport.call(endpoints.deleteTimeOff, { params: { id: timeOffId }, options }),
    },
  }
}
