// Seeds a bookable practice through the admin SDK: a location, one service and two practitioners who work all day, every day.
import type { FrontdeskAdmin, Location, Practitioner, Service } from '../../src/index.js'

export interface Practice {
  location: Location
  service: Service
  practitioners: [Practitioner, Practitioner]
}

const EVERY_DAY_ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }))

/**
 * Each test file seeds its own service and practitioners, so files running side by side against the one
 * API never compete for the same slots.
 */
export async function seedPractice(admin: FrontdeskAdmin, name: string): Promise<Practice> {
  const location = await admin.catalogue.locations.create({ name: `${name} rooms`, address: '1 Main St' })
  const service = await admin.catalogue.services.create({
    name,
    durationMinutes: 30,
    minNoticeMinutes: 5,
    bookingWindowDays: 60,
    slotIntervalMinutes: 30,
  })
  const practitioners: Practitioner[] = []
  for (const person of ['Dr. Ada Byron', 'Dr. Ben Carter']) {
    const practitioner = await admin.catalogue.practitioners.create({
      name: `${person} (${name})`,
      serviceIds: [service.id],
    })
    await admin.schedules.hours.set(practitioner.id, {
      hours: EVERY_DAY_ALL_DAY.map((row) => ({ ...row, locationId: location.id })),
    })
    practitioners.push(practitioner)
  }
  return { location, service, practitioners: practitioners as [Practitioner, Practitioner] }
}
