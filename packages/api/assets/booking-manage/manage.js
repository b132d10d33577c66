// The patient's own page for one booking: reads the booking id and manage token from the URL fragment
// (never sent to a server), shows the appointment and its state, and cancels it after a confirmation.
import { apiWith, confirmingButton, el, openedFromLink, say } from '../patient-page.js'

const WORDS = {
  en: {
    title: 'Your appointment',
    clinic: 'Clinic',
    service: 'Appointment',
    practitioner: 'With',
    when: 'When',
    status: 'Status',
    confirmed: 'Booked',
    cancelled: 'Cancelled',
    cancelledOn: 'Cancelled on',
    cancel: 'Cancel this appointment',
    confirm: 'Yes, cancel it',
    keep: 'Keep it',
    ask: 'Cancelling frees the time for someone else. To come another time, book again.',
    tooLate: 'It is too late to cancel online. Please call the clinic.',
    incomplete: 'This link is incomplete. Please open the whole link from your message.',
    failed:
      'This appointment cannot be shown: the link is not valid, or the clinic cannot be reached right now.',
  },
  de: {
    title: 'Ihr Termin',
    clinic: 'Praxis',
    service: 'Termin',
    practitioner: 'Bei',
    when: 'Wann',
    status: 'Status',
    confirmed: 'Gebucht',
    cancelled: 'Abgesagt',
    cancelledOn: 'Abgesagt am',
    cancel: 'Diesen Termin absagen',
    confirm: 'Ja, absagen',
    keep: 'Behalten',
    ask: 'Mit der Absage wird die Zeit für andere frei. Für einen anderen Termin buchen Sie bitte neu.',
    tooLate: 'Für eine Online-Absage ist es zu spät. Bitte rufen Sie die Praxis an.',
    incomplete: 'Dieser Link ist unvollständig. Bitte öffnen Sie den ganzen Link aus Ihrer Nachricht.',
    failed:
      'Dieser Termin kann nicht angezeigt werden: Der Link ist ungültig oder die Praxis ist gerade nicht erreichbar.',
  },
}

const {
  main,
  values: { booking: bookingId, token },
  words,
} = openedFromLink('manage', ['booking', 'token'], WORDS)

const api = apiWith(token)

async function show() {
  if (!/^bkg_[A-Za-z0-9]+$/.test(bookingId) || !/^mt_[\w-]+$/.test(token))
    return say(main, words.title, words.incomplete)
  let booking
  let clinic
  let service
  let practitioner
  try {
    booking = await api('getBooking', { id: bookingId })
    ;[clinic, service, practitioner] = await Promise.all([
      api('getClinic'),
      api('getService', { id: booking.serviceId }),
      api('getPractitioner', { id: booking.practitionerId }),
    ])
  } catch {
    return say(main, words.title, words.failed)
  }
  const at = (instant) =>
    new Date(instant).toLocaleString(document.documentElement.lang, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: booking.timeZone,
    })
  const facts = el(
    'dl',
    {},
    ...[
      [words.clinic, clinic.name],
      [words.service, service.name],
      [words.practitioner, practitioner.name],
      [words.when, at(booking.startsAt)],
      [words.status, el('span', { class: 'state', 'data-decision': booking.status }, words[booking.status])],
      ...(booking.cancelledAt ? [[words.cancelledOn, at(booking.cancelledAt)]] : []),
    ].flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
  )
  const actions = el('div', { class: 'actions' })
  if (booking.status === 'confirmed') actions.append(cancelButton())
  main.replaceChildren(el('h1', { tabindex: '-1' }, words.title), facts, actions)
}

function cancelButton() {
  return confirmingButton({
    label: words.cancel,
    ask: words.ask,
    confirm: words.confirm,
    keep: words.keep,
    act: async () => {
      await api('cancelBooking', { id: bookingId }, {})
      await show()
      main.querySelector('h1')?.focus()
    },
    failure: (error) => (error.code === 'CANCELLATION_WINDOW_PASSED' ? words.tooLate : words.failed),
  })
}

show()
