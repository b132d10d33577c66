// A patient who booked through the admin client, with an email address of their own: the API knows a patient
// by email and date of birth, so a test that corrects, erases or holds this one touches no other test's.
import type { FrontdeskAdmin } from '../../src/index.js'
import { patient } from './clients.js'
import type { Practice } from './practice.js'
import { slotsOn } from './slots.js'

export interface BookedPatient {
  patientId: string
  bookingId: string
  email: string
  notes: string
}

let booked = 0

export async function bookedPatient(admin: FrontdeskAdmin, practice: Practice): Promise<BookedPatient> {
  const email = `patient-${crypto.randomUUID().slice(0, 8)}@example.org`
  const notes = `Knee hurts on the stairs (${email})`
  // One slot each, so patients of one file never compete for the same time.
  const slot = (await slotsOn(admin, practice.service.id, 6, booked + 1))[booked++]!
  const { booking } = await admin.bookings.create({
    serviceId: practice.service.id,
    startsAt: slot.startsAt,
    patient: { ...patient, email },
    notes,
  })
  const { patient: record } = await admin.bookings.get(booking.id)
  return { patientId: record.id, bookingId: booking.id, email, notes }
}
