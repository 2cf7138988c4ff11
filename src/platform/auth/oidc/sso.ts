import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { auditLog } from '../../audit/schema.ts';
import type { Database, Executor } from '../../db/database.ts';
import { withSystemTx } from '../../db/tx.ts';
import { newId } from '../../ids.ts';
import type { SecretBox } from '../../secret-box.ts';
import { AuthErrors } from '../errors.ts';
import { authInvitations, companyMembers, users } from '../schema.ts';
import { membershipOf, openSession, type SignedIn } from '../sessions.ts';
import { tokenHash } from '../tokens.ts';
import { findUserByEmail } from '../users.ts';
import { authOidcFlows } from './schema.ts';

export const FLOW_TTL_MS = 10 * 60 * 1000;
const CONTEXT = 'auth.oidc.verifier';

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; redirectUri: string };

/** OpenID Connect sign-in (authorization code + PKCE) with openid-client; discovery is cached. */
export class SingleSignOn {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly database: Database,
    private readonly secrets: SecretBox,
    private readonly settings: OidcSettings,
  ) {}

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        {
          // A plain-http issuer is refused unless allowed: only a local (test) provider is one.
          ...(this.settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      )
      .catch((error) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** Where to send the browser: the provider's authorization URL for a new flow. */
  async start(input: { companyId?: string | undefined; cookie: boolean }): Promise<string> {
    const configuration = await this.discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await withSystemTx(this.database, (db) =>
      db.insert(authOidcFlows).values({
        stateHash: tokenHash(state),
        codeVerifierSealed: this.secrets.seal(verifier, CONTEXT),
        nonce,
        requestedCompanyId: input.companyId ?? null,
        cookie: input.cookie,
        expiresAt: new Date(Date.now() + FLOW_TTL_MS),
      }),
    );
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      .toString();
  }

  /**
   * Completes a flow from the provider's redirect: exchanges the code, then matches the person by
   * verified email, or provisions them; pending invitations for that address are accepted (the
   * provider has proved the address, as the invitation link would have).
   */
  async complete(query: Record<string, string>): Promise<{ session: SignedIn; cookie: boolean }> {
    const configuration = await this.discover();
    const state = query.state ?? '';
    const [flow] = await withSystemTx(this.database, (db) =>
      db
        .update(authOidcFlows)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(authOidcFlows.stateHash, tokenHash(state)),
            isNull(authOidcFlows.usedAt),
            gt(authOidcFlows.expiresAt, new Date()),
          ),
        )
        .returning(),
    );
    if (!flow) throw AuthErrors.oidc_failed('the sign-on is unknown, used or expired');
    const callback = new URL(this.settings.redirectUri);
    for (const [key, value] of Object.entries(query)) callback.searchParams.set(key, value);
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: this.secrets.open(flow.codeVerifierSealed, CONTEXT).toString(),
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Providers put scope claims (email) in the ID token or only at the userinfo endpoint.
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      claims = { ...idToken, ...userInfo };
    } catch (error) {
      throw AuthErrors.oidc_failed((error as Error).message);
    }
    const email = typeof claims?.email === 'string' ? claims.email : undefined;
    if (!email || claims?.email_verified !== true) throw AuthErrors.oidc_email_unverified();
    const name = typeof claims.name === 'string' ? claims.name : email;
    const mfa = Array.isArray(claims.amr) && claims.amr.includes('mfa');
    const session = await withSystemTx(this.database, async (db) => {
      const user = await matchOrProvision(db, email, name);
      if (user.disabledAt) throw AuthErrors.invalid_credentials();
      await acceptPendingInvitations(db, user.id, email);
      const membership = await membershipOf(db, user.id, flow.requestedCompanyId ?? undefined);
      if (!membership) return undefined;
      return openSession(db, user, membership, mfa ? new Date() : null);
    });
    // Outside the transaction, so a provisioned account stays for the invitation that will come.
    if (!session) throw AuthErrors.not_a_member('ask an administrator of the company to invite you');
    return { session, cookie: flow.cookie };
  }
}

async function matchOrProvision(db: Executor, email: string, displayName: string) {
  const existing = await findUserByEmail(db, email);
  if (existing) return existing;
  // No password: this person signs in through the provider (or sets one by a reset link).
  const [created] = await db
    .insert(users)
    .values({ id: newId(), email: email.trim(), displayName, passwordHash: null })
    .returning();
  return created!;
}

async function acceptPendingInvitations(db: Executor, userId: string, email: string) {
  const accepted = await db
    .update(authInvitations)
    .set({ acceptedAt: new Date(), acceptedBy: userId })
    .where(
      and(
        sql`lower(${authInvitations.email}) = lower(${email})`,
        isNull(authInvitations.acceptedAt),
        gt(authInvitations.expiresAt, new Date()),
      ),
    )
    .returning();
  for (const invitation of accepted) {
    await db
      .insert(companyMembers)
      .values({ companyId: invitation.companyId, userId, role: invitation.role })
      .onConflictDoNothing();
    await db.insert(auditLog).values({
      companyId: invitation.companyId,
      id: newId(),
      actorType: 'user',
      actorId: userId,
      entity: 'auth.invitation',
      entityId: invitation.id,
      action: 'accept',
      changes: {
        member: { old: null, new: userId },
        role: { old: null, new: invitation.role },
        via: { old: null, new: 'oidc' },
      },
    });
  }
}
