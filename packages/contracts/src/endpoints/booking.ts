// Booking: free slots, holds and bookings, for the patient's tokens and the clinic alike.
import * as z from 'zod'
import { Availability, AvailabilityQuery } from '../availability.js'
import { AvailabilityTimes, AvailabilityTimesQuery } from '../availability-times.js'
import {
  Booking,
  BookingCreated,
  BookingListQuery,
  BookingRecord,
  CancelBooking,
  CreateBooking,
  Hold,
  HoldCreated,
  RescheduleBooking,
  SlotChoice,
} from '../bookings.js'
import { listOf } from '../common.js'
import { defineEndpoints, json, jsonBody, noContent } from './define.js'
import { IdParam } from './params.js'

export const bookingEndpoints = defineEndpoints({
  getAvailability: {
    principals: ['publishable', 'secret', 'visit', 'manage'],
    permission: 'catalogue:read',
    method: 'get',
    path: '/v1/availability',
    tags: ['Booking'],
    summary: 'Free slots of a service, day by day in the clinic time zone',
    description:
      'Each slot has its UTC instants and its wall-clock time in the clinic zone; a slot lists every practitioner free for it. Days without slots are included, empty. Large: about 1 MiB for 50 practitioners over 30 days. For clients on slow links (a phone, a booking widget) `GET /v1/availability/times` answers the same times in a few kilobytes.',
    request: { query: AvailabilityQuery },
    responses: { 200: json(Availability, 'Slots per local date') },
    compressed: true,
  },
  getAvailabilityTimes: {
    principals: ['publishable', 'secret', 'visit', 'manage'],
    permission: 'catalogue:read',
    method: 'get',
    path: '/v1/availability/times',
    tags: ['Booking'],
    summary: 'Free start times of a service, compact, for clients on slow links',
    description:
      'The same free times as `GET /v1/availability`, grouped per local date as `HH:MM±HH:MM` (wall-clock time in the clinic zone with its UTC offset, so DST days are exact: the instant is `{date}T{time}`); each ends `durationMinutes` later. Who is free at each time only with `practitioners=true`: `practitionerIds` lists them once and each day\'s `practitioners` refers to them by index, time by time. Book "any practitioner" by leaving `practitionerId` out of the hold. Days without times are included, empty.',
    request: { query: AvailabilityTimesQuery },
    responses: { 200: json(AvailabilityTimes, 'Free times per local date') },
    compressed: true,
  },
  createHold: {
    principals: ['publishable', 'secret'],
    permission: 'booking:manage',
    method: 'post',
    path: '/v1/holds',
    tags: ['Booking'],
    summary: 'Hold a slot while the patient types their details',
    description:
      "The hold blocks the slot for everyone else for the clinic's hold time. Leave out practitionerId for any free practitioner. Honours Idempotency-Key.",
    request: {
      body: jsonBody(SlotChoice, { serviceId: 'svc_consultation', startsAt: '2027-03-02T08:00:00Z' }),
    },
    responses: { 201: json(HoldCreated, 'The hold and the visit token that acts on it') },
    errors: ['SLOT_TAKEN', 'SLOT_UNAVAILABLE', 'IDEMPOTENCY_KEY_REUSED'],
  },
  getHold: {
    principals: ['visit', 'secret'],
    permission: 'booking:read',
    method: 'get',
    path: '/v1/holds/{id}',
    tags: ['Booking'],
    summary: 'A live hold and when it expires',
    request: { params: IdParam },
    responses: { 200: json(Hold, 'The hold') },
    errors: ['HOLD_EXPIRED'],
  },
  repickHold: {
    principals: ['visit'],
    method: 'put',
    path: '/v1/holds/{id}',
    tags: ['Booking'],
    summary: 'Pick again: move the hold to another slot, or renew it on the same one',
    description: 'Works on a live or expired hold, as long as nobody else has taken the slot meanwhile.',
    request: { params: IdParam, body: jsonBody(SlotChoice) },
    responses: { 200: json(Hold, 'The hold, with a fresh expiry') },
    errors: ['SLOT_TAKEN', 'SLOT_UNAVAILABLE'],
  },
  releaseHold: {
    principals: ['visit', 'secret'],
    permission: 'booking:manage',
    method: 'delete',
    path: '/v1/holds/{id}',
    tags: ['Booking'],
    summary: 'Let the slot go',
    request: { params: IdParam },
    responses: { 204: noContent('Released') },
  },
  releaseHoldOnLeave: {
    principals: [],
    method: 'post',
    path: '/v1/holds/{id}/release',
    tags: ['Booking'],
    summary: 'Let the slot go as the patient leaves the page (`navigator.sendBeacon`)',
    description:
      "For a browser's `pagehide`: the body is the hold's visit token alone, as `text/plain`, with no Authorization or other header of its own, so the browser sends it to another origin without a preflight. The page's `Origin` must be one of the clinic's allowed origins (or this API's own). Lets go only a hold not yet booked: a confirmed booking is never touched (404). 204 also when the hold was released or expired already. Rate-limited like the visit token's other requests.",
    request: {
      params: IdParam,
      body: {
        required: true,
        content: {
          'text/plain': {
            schema: { type: 'string', description: "The hold's visit token (`vt_…`)" },
            example: 'vt_3J9rQm2xY7bTgH4kLp0sWd8zNc6aVf1u',
          },
        },
      },
    },
    responses: { 204: noContent('Released, or let go already') },
    errors: ['UNAUTHENTICATED', 'ORIGIN_NOT_ALLOWED', 'UNSUPPORTED_MEDIA_TYPE'],
    sdk: { excluded: 'sent by a browser leaving the page; a server calls DELETE /v1/holds/{id}' },
  },
  createBooking: {
    principals: ['publishable', 'secret', 'visit'],
    permission: 'booking:manage',
    method: 'post',
    path: '/v1/bookings',
    tags: ['Booking'],
    summary: 'Book: from a hold (with its visit token) or straight from a slot',
    description:
      'The patient record is found or created without saying which. Honours Idempotency-Key. The answer carries a visit token for the next steps and a manage token for the patient.',
    request: {
      body: jsonBody(CreateBooking, {
        serviceId: 'svc_consultation',
        startsAt: '2027-03-02T08:00:00Z',
        patient: { name: 'Jane Doe', email: 'jane@example.com', dateOfBirth: '1990-02-03' },
        notes: 'First visit',
      }),
    },
    responses: { 201: json(BookingCreated, 'The booking') },
    errors: ['SLOT_TAKEN', 'SLOT_UNAVAILABLE', 'HOLD_EXPIRED', 'IDEMPOTENCY_KEY_REUSED'],
  },
  listBookings: {
    principals: ['secret'],
    permission: 'booking:read',
    method: 'get',
    path: '/v1/bookings',
    tags: ['Bookings (clinic)'],
    summary: "The clinic's bookings with their patients, earliest first",
    request: { query: BookingListQuery },
    responses: { 200: json(listOf(BookingRecord), 'A page of bookings') },
  },
  getBooking: {
    principals: ['secret', 'visit', 'manage'],
    permission: 'booking:read',
    method: 'get',
    path: '/v1/bookings/{id}',
    tags: ['Booking'],
    summary:
      'One booking: the clinic sees the patient, a visit or manage token sees its own booking without them',
    request: { params: IdParam },
    responses: { 200: json(z.union([BookingRecord, Booking]), 'The booking') },
  },
  cancelBooking: {
    principals: ['secret', 'manage'],
    permission: 'booking:manage',
    method: 'post',
    path: '/v1/bookings/{id}/cancel',
    tags: ['Booking'],
    summary:
      "Cancel: the patient's manage token within the clinic's cancellation window, the clinic any time",
    request: { params: IdParam, body: jsonBody(CancelBooking, { reason: 'Feeling better' }) },
    responses: { 200: json(Booking, 'The cancelled booking') },
    errors: ['CANCELLATION_WINDOW_PASSED', 'BOOKING_NOT_CHANGEABLE'],
  },
  rescheduleBooking: {
    principals: ['secret', 'manage'],
    permission: 'booking:manage',
    method: 'post',
    path: '/v1/bookings/{id}/reschedule',
    tags: ['Booking'],
    summary: 'Move a booking to another free slot of the same service',
    request: { params: IdParam, body: jsonBody(RescheduleBooking, { startsAt: '2027-03-03T09:30:00Z' }) },
    responses: { 200: json(Booking, 'The booking at its new time') },
    errors: ['SLOT_TAKEN', 'SLOT_UNAVAILABLE', 'CANCELLATION_WINDOW_PASSED', 'BOOKING_NOT_CHANGEABLE'],
  },
})
