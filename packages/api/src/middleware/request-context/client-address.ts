// The client's address: the socket's peer, or, when that peer is a proxy we were told to trust, the
// nearest address in X-Forwarded-For that is not one of our proxies. Anyone can write X-Forwarded-For;
// only the hops our own proxies appended are believed, so rotating it from outside changes nothing.
import ipaddr from 'ipaddr.js'

export type ProxyTrust = (address: string) => boolean

/** `trusted`: addresses and CIDR ranges, e.g. ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']. */
export function proxyTrust(trusted: readonly string[]): ProxyTrust {
  const ranges = trusted.map((entry) => {
    const text = entry.trim()
    const range = text.includes('/')
      ? ipaddr.parseCIDR(text)
      : ([ipaddr.parse(text), text.includes(':') ? 128 : 32] as const)
    return [normalize(range[0]), range[1]] as const
  })
  return (address) => {
    if (!ipaddr.isValid(address)) return false
    const parsed = normalize(ipaddr.parse(address))
    return ranges.some(([base, bits]) => parsed.kind() === base.kind() && parsed.match(base as never, bits))
  }
}

export function clientAddressOf(
  peer: string | null,
  forwardedFor: string | undefined,
  trust: ProxyTrust | null,
) {
  if (!peer || !trust?.(peer) || !forwardedFor) return peer
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index] as string
    if (!ipaddr.isValid(hop)) return peer
    if (!trust(hop)) return normalize(ipaddr.parse(hop)).toString()
  }
  return hops[0] ?? peer
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1, as Node reports IPv4 peers on dual-stack sockets) compares as IPv4. */
function normalize(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address
}
