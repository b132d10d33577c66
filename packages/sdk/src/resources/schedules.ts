// Schedules for the clinic's own systems: weekly hours, date overrides and time off.
import { DateOverride, TimeOff, WeeklyHours } from '@frontdesk/contracts'
import * as z from 'zod'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type {
  CreateTimeOffParams,
  List,
  SetDateOverrideParams,
  SetWeeklyHoursParams,
} from '../types/params.js'

const listResponse = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) })
const WeeklyHoursList = listResponse(WeeklyHours)
const DateOverrides = listResponse(DateOverride)
const TimeOffList = listResponse(TimeOff)

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
  const practitioner = (id: string) => `practitioners/${segment(id)}`
  return {
    hours: {
      get: (practitionerId, options) =>
        transport.send(WeeklyHoursList, {
          method: 'get',
          path: `${practitioner(practitionerId)}/hours`,
          options,
        }),
      set: (practitionerId, params, options) =>
        transport.send(WeeklyHoursList, {
          method: 'put',
          path: `${practitioner(practitionerId)}/hours`,
          body: params,
          options,
        }),
    },
    overrides: {
      list: (practitionerId, options) =>
        transport.send(DateOverrides, {
          method: 'get',
          path: `${practitioner(practitionerId)}/overrides`,
          options,
        }),
      set: (practitionerId, params, options) =>
        transport.send(DateOverride, {
          method: 'put',
          path: `${practitioner(practitionerId)}/overrides`,
          body: params,
          options,
        }),
      remove: (practitionerId, date, options) =>
        transport.sendEmpty({
          method: 'delete',
          path: `${practitioner(practitionerId)}/overrides/${segment(date)}`,
          options,
        }),
    },
    timeOff: {
      list: (filter = {}, options) =>
        transport.send(TimeOffList, {
          method: 'get',
          path: 'time-off',
          query: { practitionerId: filter.practitionerId },
          options,
        }),
      create: (params, options) =>
        transport.send(TimeOff, { method: 'post', path: 'time-off', body: params, options }),
      remove: (timeOffId, options) =>
        transport.sendEmpty({ method: 'delete', path: `time-off/${segment(timeOffId)}`, options }),
    },
  }
}
