import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll } from 'vitest';

export type OidcAccount = { email: string; emailVerified: boolean; name?: string };

export type OidcProvider = {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs `accountId` in at the provider (through its login and consent pages) and answers the redirect back. */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
};

/** A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for this test file. */
export function useOidcProvider(accounts: Record<string, OidcAccount>, redirectUri: string): OidcProvider {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  let issuer = '';
  const clientId = 'tandem-test';
  const clientSecret = 'a client secret for tests only';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      cookies: { keys: ['test cookie key'] },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx: unknown, id: string) {
        const account = accounts[id];
        if (!account) return undefined;
        return {
          accountId: id,
          claims: async () => ({
            sub: id,
            email: account.email,
            email_verified: account.emailVerified,
            name: account.name ?? id,
          }),
        };
      },
    });
    handler = provider.callback();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  return {
    get issuer() {
      return issuer;
    },
    clientId,
    clientSecret,
    async signIn(authorizationUrl, accountId) {
      // A minimal browser: follows the provider's redirects, keeps its cookies, submits its forms.
      const jar = new Map<string, string>();
      const request = async (url: string, form?: Record<string, string>) => {
        const response = await fetch(url, {
          method: form ? 'POST' : 'GET',
          redirect: 'manual',
          headers: {
            cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(form ? { body: new URLSearchParams(form).toString() } : {}),
        });
        for (const cookie of response.headers.getSetCookie()) {
          const [pair] = cookie.split(';');
          const index = pair!.indexOf('=');
          jar.set(pair!.slice(0, index), pair!.slice(index + 1));
        }
        return response;
      };
      let url = authorizationUrl;
      for (let step = 0; step < 12; step++) {
        const response = await request(url);
        const location = response.headers.get('location');
        if (location?.startsWith(redirectUri)) return new URL(location);
        if (location) {
          url = new URL(location, url).toString();
          continue;
        }
        const page = await response.text();
        const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
        if (!prompt)
          throw new Error(`unexpected page from the provider (${response.status}):\n${page.slice(0, 500)}`);
        const submitted = await request(
          url,
          prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt },
        );
        url = new URL(submitted.headers.get('location')!, url).toString();
      }
      throw new Error('the provider did not redirect back');
    },
  };
}
