// How <frontdesk-booking> opens, once it has its strings: the clinic, its services and practitioners loaded,
// the details prefilled from the page, and the first step the page's `service` and `practitioner` leave open.
import { createClient, type Practitioner, type Service } from '../client.js'
import { FrontdeskReadyEvent } from '../events/ready.js'
import { requestedLocale } from '../i18n/index.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'
import { channelChoices, defaultChannels, messageLanguage } from './message-channels.js'

export async function startBooking(host: FrontdeskBooking): Promise<void> {
  host.messageLanguage = messageLanguage(requestedLocale(host.locale))
  host.values = {
    ...host.values,
    name: host.prefillName ?? '',
    email: host.prefillEmail ?? '',
    phone: host.prefillPhone ?? '',
  }
  if (!host.publishableKey || !host.apiBase) {
    host._step = 'unavailable'
    host._alert = host.messages.errors.setup
    return
  }
  host.client = createClient({ apiBase: host.apiBase, publishableKey: host.publishableKey })
  try {
    const [clinic, services, practitioners] = await Promise.all([
      host.client.clinic(),
      host.client.services(),
      host.client.practitioners(),
    ])
    host.clinic = clinic
    host.offeredChannels = channelChoices(clinic.messageChannels)
    host.chosenChannels = defaultChannels(host.offeredChannels)
    host.services = services.filter((service) => service.active)
    host.practitioners = practitioners
  } catch (error) {
    host._step = 'unavailable'
    host._alert = host.explain(error)
    return
  }
  host.dispatchEvent(new FrontdeskReadyEvent())
  const service = fixedService(host)
  if (service) {
    host.serviceId = service.id
    const practitioner = fixedPractitioner(host)
    if (practitioner) {
      host.practitionerId = practitioner.id
      await host.openTimes(false)
      return
    }
    host.go('practitioner', false)
    return
  }
  host.go('service', false)
}

/** The page's `service`, when the clinic offers it: the service step is skipped. */
export function fixedService(host: FrontdeskBooking): Service | undefined {
  return host.service ? host.services.find((s) => s.id === host.service) : undefined
}

/** The page's `practitioner`, when they give the fixed service: the practitioner step is skipped too. */
export function fixedPractitioner(host: FrontdeskBooking): Practitioner | undefined {
  const service = fixedService(host)
  if (!host.practitioner || !service) return undefined
  return host.practitionersFor(service.id).find((p) => p.id === host.practitioner)
}
