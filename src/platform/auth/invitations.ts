import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { auditLog } from '../audit/schema.ts';
import type { Database } from '../db/database.ts';
import { type Tx, withSystemTx } from '../db/tx.ts';
import { PlatformErrors } from '../errors.ts';
import { newId } from '../ids.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { RbacErrors } from '../rbac/errors.ts';
import { rbacRoles } from '../rbac/schema.ts';
import { AuthErrors } from './errors.ts';
import { authInvitations, companies, companyMembers, users } from './schema.ts';
import { newToken, tokenHash } from './tokens.ts';
import { createUser, findUserByEmail } from './users.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type Invitation = { id: string; email: string; role: string; expiresAt: string };

/** Invites a person by email into the caller's company, in a role; the link is mailed after commit. */
export async function createInvitation(
  tx: Tx,
  input: { email: string; role: string },
  publicUrl: string,
): Promise<Invitation> {
  const companyId = tx.ctx.companyId;
  const [role] = await tx.db
    .select({ key: rbacRoles.key })
    .from(rbacRoles)
    .where(and(eq(rbacRoles.companyId, companyId), eq(rbacRoles.key, input.role)));
  if (!role) throw RbacErrors.role_not_found(`no role has the key ${input.role}`);
  const [member] = await tx.db
    .select({ userId: companyMembers.userId })
    .from(companyMembers)
    .innerJoin(users, eq(users.id, companyMembers.userId))
    .where(and(eq(companyMembers.companyId, companyId), sql`lower(${users.email}) = lower(${input.email})`));
  if (member) throw AuthErrors.already_member(`${input.email} is already a member`);
  const [company] = await tx.db
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, companyId));
  const token = newToken('tdi');
  const [row] = await tx.db
    .insert(authInvitations)
    .values({
      companyId,
      id: newId(),
      email: input.email.trim(),
      role: input.role,
      tokenHash: tokenHash(token),
      invitedBy: tx.ctx.actor.id,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning();
  await enqueueMail(tx.db, {
    to: row!.email,
    subject: `You are invited to ${company!.name} on Tandem`,
    text: [
      'Hello,',
      '',
      `You are invited to join ${company!.name} on Tandem. To accept, open:`,
      '',
      `${publicUrl}/accept-invitation?token=${token}`,
      '',
      'The link works once, for seven days.',
    ].join('\n'),
  });
  const invitation = {
    id: row!.id,
    email: row!.email,
    role: row!.role,
    expiresAt: row!.expiresAt.toISOString(),
  };
  tx.audit('auth.invitation', invitation.id, 'create', {
    email: { old: null, new: invitation.email },
    role: { old: null, new: invitation.role },
  });
  return invitation;
}

/**
 * Accepts an invitation once: a new person becomes a user with the password they choose; a
 * person with an account keeps it. Either way they join the company in the invited role.
 */
export async function acceptInvitation(
  database: Database,
  input: { token: string; displayName?: string | undefined; password?: string | undefined },
): Promise<{ companyId: string; userId: string; newUser: boolean }> {
  return withSystemTx(database, async (db) => {
    const [invitation] = await db
      .update(authInvitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(authInvitations.tokenHash, tokenHash(input.token)),
          isNull(authInvitations.acceptedAt),
          gt(authInvitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!invitation) throw AuthErrors.link_invalid();
    let user = await findUserByEmail(db, invitation.email);
    const newUser = !user;
    if (!user) {
      if (!input.password || !input.displayName) {
        throw PlatformErrors.validation_failed('a new account needs a displayName and a password', [
          { path: 'body.password', message: 'required for a new account' },
        ]);
      }
      const created = await createUser(db, {
        email: invitation.email,
        displayName: input.displayName,
        password: input.password,
      });
      user = (await findUserByEmail(db, created.email))!;
    }
    await db
      .insert(companyMembers)
      .values({ companyId: invitation.companyId, userId: user.id, role: invitation.role })
      .onConflictDoNothing();
    await db
      .update(authInvitations)
      .set({ acceptedBy: user.id })
      .where(and(eq(authInvitations.companyId, invitation.companyId), eq(authInvitations.id, invitation.id)));
    // No company transaction exists here (the person may not be a user yet); the audit row is
    // written in this one, as the change's own.
    await db.insert(auditLog).values({
      companyId: invitation.companyId,
      id: newId(),
      actorType: 'user',
      actorId: user.id,
      entity: 'auth.invitation',
      entityId: invitation.id,
      action: 'accept',
      changes: { member: { old: null, new: user.id }, role: { old: null, new: invitation.role } },
    });
    return { companyId: invitation.companyId, userId: user.id, newUser };
  });
}
