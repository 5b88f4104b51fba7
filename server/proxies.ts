import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './env';

/**
 * Which reverse proxies are believed (`EGOV_TRUST_PROXY`, SPEC §5): a comma-separated list of
 * their addresses or ranges (`127.0.0.1`, `10.0.0.0/8`, `::1`). `X-Forwarded-For`, `-Host` and
 * `-Proto` are read only when the connection comes from one of them, and only as far back as
 * the chain passes through them: an address a client wrote itself is never believed.
 */
export function parseTrustedProxies(value: string | undefined): BlockList | undefined {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length || (items.length === 1 && items[0] === '0')) return undefined;
  const list = new BlockList();
  for (const item of items) {
    if (/^\d+$/.test(item)) {
      throw new Error(`EGOV_TRUST_PROXY lists the proxies' addresses (e.g. 127.0.0.1 or 10.0.0.0/8), not a number of hops ("${item}"): X-Forwarded-For is believed only from them`);
    }
    const [address, prefix, extra] = item.split('/');
    const family = isIP(address ?? '');
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (!family || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)))) {
      throw new Error(`EGOV_TRUST_PROXY: "${item}" is not an IP address or a range such as 10.0.0.0/8`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, bits, type);
  }
  return list;
}

/** An address as the list compares it: IPv4 inside IPv6 (`::ffff:127.0.0.1`) as plain IPv4. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function listed(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const a = plain(address);
  const family = isIP(a);
  return family ? list.check(a, family === 4 ? 'ipv4' : 'ipv6') : false;
}

/** The address of the connection's other end. */
export function peerAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * How many trusted proxies the request came through: 0 unless the peer is one; then one more
 * for each address at the end of `X-Forwarded-For` that is a trusted proxy too. The forwarded
 * headers are read that many places from their end.
 */
export function trustedHops(c: Context<AppEnv>): number {
  const list = c.get('settings')?.trustedProxies;
  if (!list || !listed(list, peerAddress(c))) return 0;
  const chain = forwardedChain(c, 'x-forwarded-for');
  let hops = 1;
  while (hops <= chain.length - 1 && listed(list, chain[chain.length - hops])) hops++;
  return hops;
}

/** The entries of a forwarded header, in order. */
export function forwardedChain(c: Context<AppEnv>, name: string): string[] {
  return (c.req.header(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The value a forwarded header holds as the outermost trusted proxy set it, if any. */
export function forwarded(c: Context<AppEnv>, name: string, hops = trustedHops(c)): string | undefined {
  if (hops <= 0) return undefined;
  const chain = forwardedChain(c, name);
  return chain[chain.length - hops] ?? chain[0];
}
