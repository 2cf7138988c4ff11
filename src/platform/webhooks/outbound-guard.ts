import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { assert } from '../assert.ts';
import { WebhookErrors } from './errors.ts';

// Server-side request forgery guard: a webhook URL is chosen by a tenant, so without this check
// Tandem could be made to POST into its own network (databases, admin ports, the cloud metadata
// service). The URL's host is resolved once, every address is checked, and the caller connects to
// the returned address, so DNS cannot answer differently between the check and the connection.

export type ResolvedAddress = { address: string; family: number };
export type LookupAll = (hostname: string) => Promise<readonly ResolvedAddress[]>;
export type PublicTarget = { url: URL; address: string; family: 4 | 6 };

const MAX_URL_LENGTH = 2048;

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true });

// First match names the reason, so narrower ranges come before the ranges that contain them.
const IPV4_RANGES: [reason: string, cidrs: string[]][] = [
  ['an unspecified ("this network") address', ['0.0.0.0/8']],
  ['a loopback address', ['127.0.0.0/8']],
  ['a private address', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']],
  ['the cloud metadata service', ['169.254.169.254/32']],
  ['a link-local address', ['169.254.0.0/16']],
  ['a carrier-grade NAT address', ['100.64.0.0/10']],
  ['a multicast address', ['224.0.0.0/4']],
  ['the broadcast address', ['255.255.255.255/32']],
  ['a benchmarking address', ['198.18.0.0/15']],
  [
    'a reserved address',
    ['192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4'],
  ],
];

const IPV6_RANGES: [reason: string, cidrs: string[]][] = [
  ['an unspecified address', ['::/128']],
  ['a loopback address', ['::1/128']],
  ['a private address', ['fc00::/7', 'fec0::/10', '64:ff9b:1::/48']],
  ['a link-local address', ['fe80::/10']],
  ['a multicast address', ['ff00::/8']],
  ['a Teredo tunnel address', ['2001::/32']],
  ['a benchmarking address', ['2001:2::/48']],
  [
    'a reserved address',
    // IPv4-compatible (deprecated), IPv4-translated, discard-only, ORCHIDv2, documentation.
    ['::/96', '::ffff:0:0:0/96', '100::/64', '2001:20::/28', '2001:db8::/32', '3fff::/20'],
  ],
];

function blockLists(ranges: [string, string[]][], type: 'ipv4' | 'ipv6') {
  return ranges.map(([reason, cidrs]) => {
    const list = new BlockList();
    for (const cidr of cidrs) {
      const [network, prefix] = cidr.split('/');
      list.addSubnet(network!, Number(prefix), type);
    }
    return { reason, list };
  });
}

const IPV4_BLOCKS = blockLists(IPV4_RANGES, 'ipv4');
const IPV6_BLOCKS = blockLists(IPV6_RANGES, 'ipv6');

// The eight 16-bit groups of a valid IPv6 address, with a dotted IPv4 tail converted.
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => Number.parseInt(group, 16)) : [];
  const first = parse(head);
  const last = parse(tail);
  return [...first, ...Array<number>(8 - first.length - last.length).fill(0), ...last];
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

// IPv6 forms that carry an IPv4 address a router or the kernel will reach: IPv4-mapped
// (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
function embeddedIpv4(groups: number[]): { ipv4: string; form: string } | undefined {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) {
    return { ipv4: ipv4Of(g6, g7), form: 'IPv4-mapped IPv6' };
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return { ipv4: ipv4Of(g6, g7), form: 'NAT64' };
  }
  if (g0 === 0x2002) return { ipv4: ipv4Of(g1, g2), form: '6to4' };
  return undefined;
}

/** Why an IP address may not receive webhooks, or undefined when it is a public address. */
export function blockedReason(address: string): string | undefined {
  // A zone id (fe80::1%eth0) names an interface, not a different address.
  const bare = address.split('%')[0]!;
  const family = isIP(bare);
  if (family === 4) return IPV4_BLOCKS.find(({ list }) => list.check(bare, 'ipv4'))?.reason;
  if (family !== 6) return 'not an IP address';
  const embedded = embeddedIpv4(ipv6Groups(bare));
  if (embedded) {
    const reason = blockedReason(embedded.ipv4);
    return reason && `${reason} (${embedded.ipv4} in ${embedded.form} form)`;
  }
  return IPV6_BLOCKS.find(({ list }) => list.check(bare, 'ipv6'))?.reason;
}

function parseUrl(text: string): URL {
  if (text.length > MAX_URL_LENGTH) {
    throw WebhookErrors.url_invalid(`the URL is longer than ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw WebhookErrors.url_invalid(`${JSON.stringify(text.slice(0, 100))} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw WebhookErrors.url_scheme_not_allowed(`${url.protocol} URLs are not allowed`);
  }
  if (url.username || url.password) {
    throw WebhookErrors.url_credentials_not_allowed('put credentials in a header or the secret, not the URL');
  }
  return url;
}

// An IP literal is used as it is: the URL parser has already turned 2130706433, 0x7f.1 and
// 0177.0.0.1 into 127.0.0.1, and asking DNS about a literal would only add a way to be fooled.
function literalAddress(hostname: string): ResolvedAddress | undefined {
  const literal = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const family = isIP(literal);
  return family === 0 ? undefined : { address: literal, family };
}

async function resolve(hostname: string, lookup: LookupAll): Promise<readonly ResolvedAddress[]> {
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw WebhookErrors.url_unresolvable(`${hostname} could not be resolved (${code})`);
  }
  if (addresses.length === 0) throw WebhookErrors.url_unresolvable(`${hostname} has no addresses`);
  return addresses;
}

/**
 * Checks that `url` is an http(s) URL without credentials whose host resolves only to public
 * addresses, and returns the address to connect to. `allowPrivate` (an administrator's setting
 * for on-premises receivers) skips the address check but not the URL checks.
 */
export async function assertPublicUrl(
  url: string,
  options: { allowPrivate?: boolean; lookup?: LookupAll } = {},
): Promise<PublicTarget> {
  const parsed = parseUrl(url);
  const literal = literalAddress(parsed.hostname);
  const addresses = literal ? [literal] : await resolve(parsed.hostname, options.lookup ?? defaultLookup);
  // Every address is checked, not only the first: a client may fall back to any of them.
  for (const { address } of addresses) {
    const reason = options.allowPrivate ? undefined : blockedReason(address);
    if (reason) {
      throw WebhookErrors.url_not_allowed(
        literal ? `${address} is ${reason}` : `${parsed.hostname} resolves to ${address}, which is ${reason}`,
      );
    }
  }
  const address = addresses[0]!.address;
  const family = isIP(address);
  assert(family === 4 || family === 6, `the resolver returned ${JSON.stringify(address)}, not an IP address`);
  return { url: parsed, address, family };
}
