// Where a webhook may go: public addresses only, checked on the address actually connected to (the
// lookup itself is guarded, so a name that resolves to 127.0.0.1 or 10.x — or changes its answer after
// registration — is refused). ipaddr.js knows the special ranges (loopback, private, link-local,
// unique-local, carrier-grade NAT, multicast, reserved…) of IPv4 and IPv6, mapped addresses included.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import ipaddr from 'ipaddr.js'

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.process(address).range() === 'unicast'
}

export class AddressNotAllowedError extends Error {
  constructor(readonly address: string) {
    super(`webhooks may not be sent to ${address}: a loopback, private or link-local address`)
    this.name = 'AddressNotAllowedError'
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/** A `lookup` for http(s).request that answers only public addresses, unless private ones are allowed. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '')
      const list = addresses as LookupAddress[]
      const refused = list.find((entry) => !allowPrivate && !isPublicAddress(entry.address))
      if (refused) return callback(new AddressNotAllowedError(refused.address) as NodeJS.ErrnoException, '')
      if (options.all) return callback(null, list)
      const first = list[0]!
      callback(null, first.address, first.family)
    })
  }
}
