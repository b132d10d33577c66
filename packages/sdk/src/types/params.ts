// What callers pass to the SDK's methods: the contracts' input types, before the API applies its defaults.
import type {
  AvailabilityQuery,
  BookingListQuery,
  CancelBooking,
  CreateApiKey,
  CreateBooking,
  CreateDateOverride,
  CreateLegalHold,
  CreateLocation,
  CreatePractitioner,
  CreateRightsRequest,
  CreateService,
  CreateTimeOff,
  DecideRightsRequest,
  RescheduleBooking,
  RollApiKey,
  SetWeeklyHours,
  SlotChoice,
  UpdateClinic,
  UpdateLocation,
  UpdateMessageSettings,
  UpdatePatient,
  UpdatePractitioner,
  UpdateRetentionPolicy,
  UpdateService,
} from '@frontdesk/contracts'
import type * as z from 'zod'

export type AvailabilityParams = z.input<typeof AvailabilityQuery>
/** The compact availability's query: `practitioners: true` lists who is free at each time. */
export type AvailabilityTimesParams = AvailabilityParams & { practitioners?: boolean }
export type SlotChoiceParams = z.input<typeof SlotChoice>

// The wire type has every field optional and a refinement picks the case; callers get the two cases as types.
type BookingInput = z.input<typeof CreateBooking>
type SlotFields = 'serviceId' | 'practitionerId' | 'locationId' | 'startsAt'
/** Book the slot a hold keeps; authenticate with the hold's visit token. */
export type BookHoldParams = Omit<BookingInput, 'holdId' | SlotFields> & {
  holdId: string
} & { [field in SlotFields]?: never }
/** Book a slot straight away, without holding it first. */
export type BookSlotParams = Omit<BookingInput, 'holdId' | 'serviceId' | 'startsAt'> & {
  serviceId: string
  startsAt: string
  holdId?: never
}
export type CreateBookingParams = BookHoldParams | BookSlotParams
export type CancelBookingParams = z.input<typeof CancelBooking>
export type RescheduleBookingParams = z.input<typeof RescheduleBooking>
export type BookingListParams = Omit<z.input<typeof BookingListQuery>, 'limit'> & { limit?: number }

export type CreateServiceParams = z.input<typeof CreateService>
export type UpdateServiceParams = z.input<typeof UpdateService>
export type CreatePractitionerParams = z.input<typeof CreatePractitioner>
export type UpdatePractitionerParams = z.input<typeof UpdatePractitioner>
export type CreateLocationParams = z.input<typeof CreateLocation>
export type UpdateLocationParams = z.input<typeof UpdateLocation>
export type UpdateClinicParams = z.input<typeof UpdateClinic>
export type UpdateMessageSettingsParams = z.input<typeof UpdateMessageSettings>

export type SetWeeklyHoursParams = z.input<typeof SetWeeklyHours>
export type SetDateOverrideParams = z.input<typeof CreateDateOverride>
export type CreateTimeOffParams = z.input<typeof CreateTimeOff>

export type CreateApiKeyParams = z.input<typeof CreateApiKey>
export type RollApiKeyParams = z.input<typeof RollApiKey>

export type CorrectPatientParams = z.input<typeof UpdatePatient>
export type PlaceLegalHoldParams = z.input<typeof CreateLegalHold>
export type CreateRightsRequestParams = z.input<typeof CreateRightsRequest>
export type DecideRightsRequestParams = z.input<typeof DecideRightsRequest>
export type UpdateRetentionPolicyParams = z.input<typeof UpdateRetentionPolicy>

/** A list as the API answers it; the SDK returns exactly that, so a later `nextCursor` breaks nobody. */
export interface List<T> {
  data: T[]
}

/** One page of a list the API pages through. */
export interface Page<T> extends List<T> {
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null
}
