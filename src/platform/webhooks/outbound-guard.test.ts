import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { assertPublicUrl, blockedReason, type LookupAll, type ResolvedAddress } from './outbound-guard.ts';

const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));

const neverCalled: LookupAll = async (hostname) => {
  throw new Error(`unexpected DNS lookup of ${hostname}`);
};

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('blockedReason', () => {
  const blocked: [address: string, reason: RegExp][] = [
    ['0.0.0.0', /unspecified/],
    ['0.1.2.3', /unspecified/],
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /cloud metadata/],
    ['169.254.0.1', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.255', /carrier-grade NAT/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['198.18.0.1', /benchmarking/],
    ['198.19.255.255', /benchmarking/],
    ['192.0.2.10', /reserved/],
    ['203.0.113.5', /reserved/],
    ['::', /unspecified/],
    ['::1', /loopback/],
    ['0:0:0:0:0:0:0:1', /loopback/],
    ['fc00::1', /private/],
    ['fd12:3456:789a::1', /private/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['127.0.0.1%lo', /loopback/],
    ['febf:ffff::1', /link-local/],
    ['ff02::1', /multicast/],
    ['2001:db8::1', /reserved/],
    ['2001:0:4136:e378::1', /Teredo/],
    ['::127.0.0.1', /reserved/],
    ['::ffff:127.0.0.1', /loopback address \(127\.0\.0\.1 in IPv4-mapped IPv6 form\)/],
    ['::ffff:7f00:1', /loopback address \(127\.0\.0\.1 in IPv4-mapped IPv6 form\)/],
    ['0:0:0:0:0:ffff:a9fe:a9fe', /cloud metadata service \(169\.254\.169\.254 in IPv4-mapped/],
    ['::ffff:10.1.2.3', /private/],
    ['64:ff9b::7f00:1', /loopback address \(127\.0\.0\.1 in NAT64 form\)/],
    ['64:ff9b::192.168.0.1', /private address \(192\.168\.0\.1 in NAT64 form\)/],
    ['2002:7f00:1::', /loopback address \(127\.0\.0\.1 in 6to4 form\)/],
    ['2002:a9fe:a9fe::1', /cloud metadata/],
    ['not-an-ip', /not an IP address/],
  ];
  it.each(blocked)('refuses %s as %s', (address, reason) => {
    expect(blockedReason(address)).toMatch(reason);
  });

  const allowed = [
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.15.255.255', // just below 172.16/12
    '172.32.0.0', // just above it
    '100.63.255.255', // just below CGNAT
    '100.128.0.0', // just above it
    '198.17.255.255',
    '198.20.0.0',
    '169.253.255.255',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:81b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ];
  it.each(allowed)('allows the public address %s', (address) => {
    expect(blockedReason(address)).toBeUndefined();
  });
});

describe('assertPublicUrl', () => {
  it('returns the parsed URL and the first resolved address, for the caller to pin', async () => {
    const target = await assertPublicUrl('https://hooks.example.com:8443/in?x=1', {
      lookup: resolvesTo('93.184.216.34', '2606:2800:220:1::1'),
    });
    expect(target.url.href).toBe('https://hooks.example.com:8443/in?x=1');
    expect(target).toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  it('uses an IP literal as it is, without asking DNS', async () => {
    const v4 = await assertPublicUrl('http://8.8.8.8/hook', { lookup: neverCalled });
    expect(v4).toMatchObject({ address: '8.8.8.8', family: 4 });
    const v6 = await assertPublicUrl('http://[2606:4700:4700::1111]/hook', { lookup: neverCalled });
    expect(v6).toMatchObject({ address: '2606:4700:4700::1111', family: 6 });
  });

  const literalRefusals: [url: string, reason: RegExp][] = [
    ['http://127.0.0.1/', /127\.0\.0\.1 is a loopback address/],
    ['http://2130706433/', /127\.0\.0\.1 is a loopback address/], // decimal
    ['http://0x7f.1/', /127\.0\.0\.1 is a loopback address/], // hex, shortened
    ['http://0x7f000001/', /127\.0\.0\.1 is a loopback address/],
    ['http://0177.0.0.1/', /127\.0\.0\.1 is a loopback address/], // octal
    ['http://127.1/', /127\.0\.0\.1 is a loopback address/],
    ['http://0/', /0\.0\.0\.0 is an unspecified/],
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
    ['http://0xa9fea9fe/', /cloud metadata/],
    ['http://[::1]:8080/', /loopback/],
    ['http://[::]/', /unspecified/],
    ['http://[::ffff:127.0.0.1]/', /loopback address \(127\.0\.0\.1 in IPv4-mapped/],
    ['http://[fd00::1]/', /private/],
    ['https://10.0.0.5/', /private/],
    ['http://[64:ff9b::a9fe:a9fe]/', /cloud metadata service \(169\.254\.169\.254 in NAT64/],
  ];
  it.each(literalRefusals)('refuses %s without a DNS lookup', async (url, reason) => {
    const { code, message } = await refusal(assertPublicUrl(url, { lookup: neverCalled }));
    expect(code).toBe('webhook.url_not_allowed');
    expect(message).toMatch(reason);
  });

  it('refuses a host name when ANY of its addresses is private, not only the first', async () => {
    const { code, message } = await refusal(
      assertPublicUrl('https://rebind.example/', { lookup: resolvesTo('93.184.216.34', '10.0.0.7') }),
    );
    expect(code).toBe('webhook.url_not_allowed');
    expect(message).toBe('rebind.example resolves to 10.0.0.7, which is a private address');
  });

  it('refuses names that resolve to loopback, such as localhost and wildcard DNS services', async () => {
    for (const url of ['http://localhost:3000/', 'http://127.0.0.1.nip.io/']) {
      const { code } = await refusal(assertPublicUrl(url, { lookup: resolvesTo('127.0.0.1', '::1') }));
      expect(code).toBe('webhook.url_not_allowed');
    }
  });

  const urlRefusals: [url: string, code: string][] = [
    ['not a url', 'webhook.url_invalid'],
    ['/relative/path', 'webhook.url_invalid'],
    [`https://example.com/${'a'.repeat(2100)}`, 'webhook.url_invalid'],
    ['ftp://example.com/', 'webhook.url_scheme_not_allowed'],
    ['file:///etc/passwd', 'webhook.url_scheme_not_allowed'],
    ['gopher://example.com:70/', 'webhook.url_scheme_not_allowed'],
    ['javascript:alert(1)', 'webhook.url_scheme_not_allowed'],
    ['https://user:secret@example.com/', 'webhook.url_credentials_not_allowed'],
    ['https://user@example.com/', 'webhook.url_credentials_not_allowed'],
  ];
  it.each(urlRefusals)('refuses %s with %s', async (url, code) => {
    expect((await refusal(assertPublicUrl(url, { lookup: neverCalled }))).code).toBe(code);
  });

  it('names the host when it cannot be resolved or has no addresses', async () => {
    const failing: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await refusal(assertPublicUrl('https://nowhere.invalid/', { lookup: failing }))).toEqual({
      code: 'webhook.url_unresolvable',
      message: 'nowhere.invalid could not be resolved (ENOTFOUND)',
    });
    const empty = await refusal(assertPublicUrl('https://empty.example/', { lookup: resolvesTo() }));
    expect(empty.code).toBe('webhook.url_unresolvable');
  });

  it('lets an administrator allow private receivers, but still checks the URL itself', async () => {
    const target = await assertPublicUrl('http://127.0.0.1:8080/hook', {
      allowPrivate: true,
      lookup: neverCalled,
    });
    expect(target).toMatchObject({ address: '127.0.0.1', family: 4 });
    const internal = await assertPublicUrl('http://erp-receiver.internal/', {
      allowPrivate: true,
      lookup: resolvesTo('10.1.2.3'),
    });
    expect(internal.address).toBe('10.1.2.3');
    const { code } = await refusal(assertPublicUrl('ftp://127.0.0.1/', { allowPrivate: true }));
    expect(code).toBe('webhook.url_scheme_not_allowed');
  });

  it('resolves real host names with the system resolver by default', async () => {
    const { code, message } = await refusal(assertPublicUrl('http://localhost/'));
    expect(code).toBe('webhook.url_not_allowed');
    expect(message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address$/);
  });
});
