// A few bookings for the demo clinic's staff console to show from the first sign-in: fictional patients,
// late in the day ten to twelve days out, so the site's own first free times stay as they were.

type Admin = (method: string, path: string, body?: unknown) => Promise<unknown>

const SAMPLE_PATIENTS = [
  { name: 'Greta Lindqvist', email: 'greta.lindqvist@example.org', dateOfBirth: '1958-09-14' },
  { name: 'Tomasz Wiśniewski', phone: '+49 30 901820', dateOfBirth: '1991-02-03' },
  { name: 'Amara Nwosu', email: 'amara.nwosu@example.org', dateOfBirth: '1976-12-21' },
]

interface Availability {
  days: { date: string; slots: { startsAt: string }[] }[]
}

export async function seedDemoBookings(admin: Admin, serviceId: string, timeZone: string, now = Date.now()) {
  const localDate = (daysAhead: number) =>
    new Date(now + daysAhead * 86_400_000).toLocaleDateString('en-CA', { timeZone })
  const query = new URLSearchParams({ serviceId, from: localDate(10), to: localDate(16) })
  const { days } = (await admin('GET', `/v1/availability?${query}`)) as Availability
  const lastOfEachDay = days.map((day) => day.slots.at(-1)).filter((slot) => slot !== undefined)
  for (const [index, patient] of SAMPLE_PATIENTS.entries()) {
    const slot = lastOfEachDay[index]
    if (!slot) break
    await admin('POST', '/v1/bookings', { serviceId, startsAt: slot.startsAt, patient })
  }
}
