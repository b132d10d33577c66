// A React page that embeds <frontdesk-booking> and reacts to its events (which carry ids only).
import '@frontdesk/widgets'
import { useState } from 'react'
import { BookingWidget } from './booking-widget.js'

// `npx frontdesk seed --json` prints the demo clinic's publishable key; it works from http://localhost:5173.
const publishableKey = import.meta.env.VITE_FRONTDESK_PUBLISHABLE_KEY ?? ''
const apiBase = import.meta.env.VITE_FRONTDESK_API ?? 'http://localhost:8787'

export function App() {
  const [step, setStep] = useState('loading')
  const [bookingId, setBookingId] = useState<string | null>(null)
  return (
    <main>
      <h1>Book an appointment</h1>
      {!publishableKey && (
        <p>
          Set VITE_FRONTDESK_PUBLISHABLE_KEY (from `npx frontdesk seed --json`) and restart `npm run dev`.
        </p>
      )}
      <p aria-live="polite">Step: {step}</p>
      {bookingId && <p>Booked: {bookingId}. Your analytics can count it without seeing who booked.</p>}
      <BookingWidget
        publishableKey={publishableKey}
        apiBase={apiBase}
        onStep={setStep}
        onConfirmed={setBookingId}
      />
    </main>
  )
}
