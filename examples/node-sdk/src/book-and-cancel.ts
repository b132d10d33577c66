// Books the first free slot of the demo clinic with the SDK, reads it back as the clinic, then cancels it as the patient.
import { createFrontdesk, createFrontdeskAdmin, isFrontdeskError } from '@frontdesk/sdk'

const baseUrl = process.env.FRONTDESK_URL ?? 'http://localhost:8787'
const publishableKey = process.env.FRONTDESK_PUBLISHABLE_KEY
const secretKey = process.env.FRONTDESK_SECRET_KEY
if (!publishableKey) {
  console.error(
    'Set FRONTDESK_PUBLISHABLE_KEY (and optionally FRONTDESK_SECRET_KEY) from `npx frontdesk seed`.',
  )
  process.exit(2)
}

// From Node the SDK sends the Origin a browser would; it must be on the clinic's allowed list (seed allows
// the API's own address).
const frontdesk = createFrontdesk({ publishableKey, baseUrl, origin: new URL(baseUrl).origin })

const clinic = await frontdesk.catalogue.clinic()
const { data: services } = await frontdesk.catalogue.services.list()
const service = services[0]
if (!service) throw new Error('The clinic offers no services yet')

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const availability = await frontdesk.availability.get({ serviceId: service.id, from: day(3), to: day(17) })
const slot = availability.days.flatMap((entry) => entry.slots)[0]
if (!slot) throw new Error('No free slot in the two weeks after tomorrow')
console.log(`${clinic.name}: ${service.name} on ${slot.startsAt} (${slot.localTime} ${clinic.timeZone})`)

const { hold, visitToken } = await frontdesk.holds.create({ serviceId: service.id, startsAt: slot.startsAt })
console.log(`Held until ${hold.expiresAt}`)

try {
  const { booking, manageToken } = await frontdesk.bookings.create(
    {
      holdId: hold.id,
      patient: { name: 'Jane Doe', email: 'jane.doe@example.com', dateOfBirth: '1990-02-03' },
    },
    { visitToken },
  )
  console.log(`Booked ${booking.id}: ${booking.localDate} ${booking.localTime}`)

  if (secretKey) {
    const admin = createFrontdeskAdmin({ secretKey, baseUrl })
    const record = await admin.bookings.get(booking.id)
    console.log(`The clinic sees patient ${record.patient.id} for ${record.practitionerId}`)
  }

  const cancelled = await frontdesk.bookings.cancel(booking.id, { reason: 'Example run' }, { manageToken })
  console.log(`Cancelled at ${cancelled.cancelledAt}`)
} catch (error) {
  if (isFrontdeskError(error))
    console.error(`${error.code} (${error.status}), request ${error.requestId}: ${error.message}`)
  throw error
}
