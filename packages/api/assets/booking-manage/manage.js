// The patient's own page for one booking: reads the booking id and manage token from the URL fragment
// (never sent to a server), shows the appointment and its state, moves it to another free time of the
// same practitioner, and cancels it after a confirmation. The API decides what is allowed (the clinic's
// notice and booking window); the page only says why, from the error code.
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
    ask: 'Cancelling frees the time for someone else. To come another time, choose “Change time” instead.',
    tooLate: 'It is too late to cancel online. Please call the clinic.',
    change: 'Change time',
    chooseTitle: 'Choose a new time',
    day: 'Day',
    times: 'Free times on this day',
    loading: 'Looking for free times…',
    noTimes: 'There are no free times on this day. Please choose another day.',
    move: 'Move to this time',
    keepTime: 'Keep my time',
    chooseFirst: 'Please choose one of the free times first.',
    moved: 'Your appointment has been moved. New time:',
    taken: 'Someone has just taken that time. Please choose another one.',
    unavailable: 'That time can no longer be booked. Please choose another one.',
    tooLateChange: 'It is too late to change this appointment online. Please call the clinic.',
    incomplete: 'This link is incomplete. Please open the whole link from your message.',
    failed:
      'This appointment cannot be shown: the link is not valid, or the clinic cannot be reached right now.',
    notNow: 'The clinic cannot be reached right now. Please try again in a moment.',
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
    ask: 'Mit der Absage wird die Zeit für andere frei. Für eine andere Zeit wählen Sie stattdessen „Termin verschieben“.',
    tooLate: 'Für eine Online-Absage ist es zu spät. Bitte rufen Sie die Praxis an.',
    change: 'Termin verschieben',
    chooseTitle: 'Neue Zeit wählen',
    day: 'Tag',
    times: 'Freie Zeiten an diesem Tag',
    loading: 'Freie Zeiten werden gesucht…',
    noTimes: 'An diesem Tag sind keine Zeiten frei. Bitte wählen Sie einen anderen Tag.',
    move: 'Auf diese Zeit verschieben',
    keepTime: 'Meine Zeit behalten',
    chooseFirst: 'Bitte wählen Sie zuerst eine der freien Zeiten.',
    moved: 'Ihr Termin wurde verschoben. Neue Zeit:',
    taken: 'Diese Zeit wurde gerade vergeben. Bitte wählen Sie eine andere.',
    unavailable: 'Diese Zeit kann nicht mehr gebucht werden. Bitte wählen Sie eine andere.',
    tooLateChange: 'Für eine Online-Änderung ist es zu spät. Bitte rufen Sie die Praxis an.',
    incomplete: 'Dieser Link ist unvollständig. Bitte öffnen Sie den ganzen Link aus Ihrer Nachricht.',
    failed:
      'Dieser Termin kann nicht angezeigt werden: Der Link ist ungültig oder die Praxis ist gerade nicht erreichbar.',
    notNow: 'Die Praxis ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  },
}

const {
  main,
  values: { booking: bookingId, token },
  words,
} = openedFromLink('manage', ['booking', 'token'], WORDS)

const api = apiWith(token)
const language = () => document.documentElement.lang

/** `notice`, when given, is said under the heading (after a move), and the heading takes the focus. */
async function show(notice) {
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
    new Date(instant).toLocaleString(language(), {
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
  if (booking.status === 'confirmed') actions.append(changeButton(booking), cancelButton())
  const heading = el('h1', { tabindex: '-1' }, words.title)
  main.replaceChildren(heading, ...(notice ? [el('p', { role: 'status' }, notice(at))] : []), facts, actions)
  if (notice) heading.focus()
}

/** The local date (YYYY-MM-DD) of an instant in the clinic's time zone. */
const localDate = (instant, timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant)

/** "Change time": a day (the appointment's own, to start with) and that day's free times as radio buttons. */
function changeButton(booking) {
  const button = el('button', { type: 'button', class: 'primary' }, words.change)
  button.addEventListener('click', () => {
    const day = el('input', {
      type: 'date',
      id: 'new-day',
      value: localDate(new Date(booking.startsAt), booking.timeZone),
      min: localDate(new Date(), booking.timeZone),
      required: '',
    })
    const times = el('fieldset', { class: 'times' }, el('legend', {}, words.times))
    const problem = el('p', { role: 'alert' })
    const move = el('button', { type: 'button', class: 'primary' }, words.move)
    const keep = el('button', { type: 'button' }, words.keepTime)
    const box = el(
      'section',
      { 'aria-labelledby': 'choose-title', class: 'chooser' },
      el('h2', { id: 'choose-title' }, words.chooseTitle),
      el('label', { for: 'new-day' }, words.day),
      day,
      times,
      problem,
      el('div', { class: 'actions' }, move, keep),
    )
    button.closest('.actions').replaceWith(box)
    day.focus()

    // Answers can come back out of order while the patient steps through days: only the last one counts.
    let asked = 0
    const load = async () => {
      const mine = ++asked
      problem.textContent = ''
      times.replaceChildren(el('legend', {}, words.times), el('p', {}, words.loading))
      let slots = []
      try {
        if (day.value) {
          const availability = await api('getAvailability', {
            query: {
              serviceId: booking.serviceId,
              practitionerId: booking.practitionerId,
              ...(booking.locationId && { locationId: booking.locationId }),
              from: day.value,
              to: day.value,
            },
          })
          slots = availability.days.flatMap((entry) => entry.slots)
        }
      } catch {
        if (mine === asked) times.replaceChildren(el('legend', {}, words.times), el('p', {}, words.notNow))
        return
      }
      if (mine !== asked) return
      const choices = slots.map((slot) =>
        el(
          'label',
          { class: 'time' },
          el('input', { type: 'radio', name: 'new-time', value: slot.startsAt }),
          new Date(slot.startsAt).toLocaleTimeString(language(), {
            timeStyle: 'short',
            timeZone: booking.timeZone,
          }),
        ),
      )
      times.replaceChildren(
        el('legend', {}, words.times),
        ...(choices.length ? choices : [el('p', {}, words.noTimes)]),
      )
    }
    day.addEventListener('change', load)
    load()

    keep.addEventListener('click', async () => {
      await show()
      main.querySelector('.actions button')?.focus()
    })
    move.addEventListener('click', async () => {
      const chosen = times.querySelector('input[name="new-time"]:checked')
      if (!chosen) {
        problem.textContent = words.chooseFirst
        return
      }
      move.disabled = true
      problem.textContent = ''
      try {
        const change = { startsAt: chosen.value, practitionerId: booking.practitionerId }
        const moved = await api('rescheduleBooking', { id: bookingId }, change)
        await show((format) => `${words.moved} ${format(moved.startsAt)}`)
      } catch (error) {
        move.disabled = false
        // A time that went meanwhile leaves the list, so the next choice is from what is free now.
        if (error.code === 'SLOT_TAKEN' || error.code === 'SLOT_UNAVAILABLE') await load()
        problem.textContent = changeFailure(error.code)
      }
    })
  })
  return button
}

function changeFailure(code) {
  if (code === 'CANCELLATION_WINDOW_PASSED') return words.tooLateChange
  if (code === 'SLOT_TAKEN') return words.taken
  if (code === 'SLOT_UNAVAILABLE') return words.unavailable
  return words.notNow
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
