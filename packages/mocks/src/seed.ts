// The demo clinic the mocks answer with: a small family practice in Berlin, exported so UIs and tests can show it.
import type { Clinic, Location, Practitioner, Service } from '@frontdesk/contracts'
import {
  demoConsentDocuments,
  type MockConsentDocument,
  serviceConsentDocumentIds,
} from './demo-consent-documents.js'
import { demoIntakeForms, type MockIntakeForm } from './demo-intake-forms.js'

export interface MockWeeklyHours {
  practitionerId: string
  /** ISO weekday, 1 = Monday. */
  weekday: number
  /** `HH:MM` in the clinic's time zone; `24:00` ends the day. */
  start: string
  end: string
  locationId: string | null
}

/** A clinic as the mocks hold it: what GET /v1/clinic answers, plus its catalogue, working hours, forms and consents. */
export interface MockClinic extends Clinic {
  locations: Location[]
  services: Service[]
  practitioners: Practitioner[]
  hours: MockWeeklyHours[]
  /** None unless given; `demoClinic` has a new patient's history and a child's first visit. */
  intakeForms?: MockIntakeForm[] | undefined
  /** None unless given; `demoClinic` has treatment, the privacy notice, video consultations and email news. */
  consentDocuments?: MockConsentDocument[] | undefined
}

const weekdays = (
  practitionerId: string,
  days: number[],
  start: string,
  end: string,
  locationId: string,
): MockWeeklyHours[] => days.map((weekday) => ({ practitionerId, weekday, start, end, locationId }))

export const demoClinic: MockClinic = {
  id: 'clinic_lindenhof',
  name: 'Lindenhof Family Practice',
  timeZone: 'Europe/Berlin',
  policy: { holdMinutes: 10, cancellationNoticeMinutes: 1440, intakeDraftIdleDays: 14 },
  messageChannels: ['email', 'sms', 'whatsapp'],
  locations: [
    { id: 'loc_lindenhof', name: 'Lindenhof', address: 'Lindenstraße 12, 10969 Berlin' },
    { id: 'loc_kreuzberg', name: 'Kreuzberg', address: 'Oranienstraße 40, 10999 Berlin' },
  ],
  services: [
    {
      id: 'svc_consultation',
      name: 'Consultation',
      description: 'A first or follow-up visit with a GP',
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minNoticeMinutes: 120,
      bookingWindowDays: 60,
      slotIntervalMinutes: 30,
      active: true,
      consentDocumentIds: serviceConsentDocumentIds,
    },
    {
      id: 'svc_checkup',
      name: 'Health check-up',
      description: 'Blood pressure, bloods and a talk about prevention',
      durationMinutes: 45,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      minNoticeMinutes: 1440,
      bookingWindowDays: 90,
      slotIntervalMinutes: 60,
      active: true,
      consentDocumentIds: serviceConsentDocumentIds,
    },
    {
      id: 'svc_vaccination',
      name: 'Vaccination',
      description: null,
      durationMinutes: 15,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minNoticeMinutes: 60,
      bookingWindowDays: 30,
      slotIntervalMinutes: 15,
      active: true,
      consentDocumentIds: serviceConsentDocumentIds,
    },
  ],
  practitioners: [
    {
      id: 'prac_amara',
      name: 'Dr. Amara Okafor',
      title: 'General practitioner',
      serviceIds: ['svc_checkup', 'svc_consultation'],
      active: true,
    },
    {
      id: 'prac_jonas',
      name: 'Dr. Jonas Weber',
      title: 'General practitioner',
      serviceIds: ['svc_consultation', 'svc_vaccination'],
      active: true,
    },
    {
      id: 'prac_lena',
      name: 'Lena Schmidt',
      title: 'Practice nurse',
      serviceIds: ['svc_vaccination'],
      active: true,
    },
  ],
  hours: [
    ...weekdays('prac_amara', [1, 2, 3, 4, 5], '08:00', '18:00', 'loc_lindenhof'),
    ...weekdays('prac_jonas', [1, 2, 3, 4], '09:00', '17:00', 'loc_lindenhof'),
    ...weekdays('prac_jonas', [6], '09:00', '13:00', 'loc_kreuzberg'),
    ...weekdays('prac_lena', [1, 3, 5], '08:00', '12:00', 'loc_kreuzberg'),
  ],
  intakeForms: demoIntakeForms,
  consentDocuments: demoConsentDocuments,
}
