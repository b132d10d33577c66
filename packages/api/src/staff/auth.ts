// Staff accounts with better-auth: email and password, short revocable sessions, TOTP, password reset
// and invitations. A clinic is an organization with the clinic's own id; roles come from ./access.ts.
import { ConsoleLanguage } from '@frontdesk/contracts'
import { betterAuth } from 'better-auth'
import { APIError } from 'better-auth/api'
import { organization, twoFactor } from 'better-auth/plugins'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { accessControl, staffRoles } from './access.js'
import { auditStaff } from './audit.js'
import type { StaffMailer } from './mailer.js'
import { STAFF_SCHEMA } from './schema.js'
import { staffSecretRing } from './secret-ring.js'

/** A staff session lasts a working day at most and is renewed while used; sign-out ends it on the server. */
const SESSION_SECONDS = 8 * 60 * 60
const SESSION_RENEW_SECONDS = 15 * 60
const INVITATION_SECONDS = 7 * 24 * 60 * 60

export interface StaffAuthOptions {
  /** The connection that runs without a clinic: staff belong to clinics, not the other way round. */
  db: Kysely<Database>
  /** The API's own origin, e.g. https://api.example-clinic.com; links in mails point here. */
  baseUrl: string
  /** 32 bytes or more that sign sessions and cookies: the master key's `deriveKey('staff sessions')`. */
  secret: Uint8Array
  /**
   * The same from the master keys being rotated out: they still open two-factor secrets sealed under
   * them. Cookies are signed with `secret` alone, so a rotation signs staff out once.
   */
  previousSecrets?: readonly Uint8Array[] | undefined
  mailer: StaffMailer
  logger: Logger
}

export function createStaffAuth(options: StaffAuthOptions) {
  const { db, baseUrl, mailer } = options
  const { secrets, legacySecret } = staffSecretRing(options.secret, options.previousSecrets)
  const secure = baseUrl.startsWith('https:')

  return betterAuth({
    appName: 'Frontdesk',
    // Its warnings name what failed ("User not found"), not whom; Frontdesk's own log says the rest.
    logger: { level: 'error' },
    baseURL: baseUrl,
    basePath: '/api/auth',
    secrets,
    secret: legacySecret,
    database: { db: db as unknown as Kysely<never>, type: 'postgres', schemaName: STAFF_SCHEMA },
    // Frontdesk limits sign-in by account and by client itself (see ./routes.ts): better-auth's own
    // limiter would key on an X-Forwarded-For anyone can write.
    rateLimit: { enabled: false },
    trustedOrigins: [new URL(baseUrl).origin],
    advanced: {
      cookiePrefix: 'frontdesk',
      useSecureCookies: secure,
      defaultCookieAttributes: { sameSite: 'strict', httpOnly: true, secure },
      // ./routes.ts writes the one client address Frontdesk trusts into this header and drops any other.
      ipAddress: { ipAddressHeaders: ['x-frontdesk-client-ip'] },
    },
    session: {
      expiresIn: SESSION_SECONDS,
      updateAge: SESSION_RENEW_SECONDS,
      // No cookie cache: a revoked session must stop at the next request, not minutes later.
      cookieCache: { enabled: false },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      async sendResetPassword({ user, token }) {
        await mailer.send({
          to: user.email,
          subject: 'Reset your Frontdesk password',
          text: 'Someone asked to reset the password of your Frontdesk staff account. If it was you, open the link within an hour; otherwise ignore this mail.',
          link: `${baseUrl}/admin#reset=${encodeURIComponent(token)}`,
        })
      },
    },
    user: {
      modelName: 'user',
      additionalFields: {
        // The console's language, chosen in the Account view and set with better-auth's own
        // POST /api/auth/update-user; the contracts' enum refuses anything else (400, nothing written).
        language: {
          type: 'string',
          required: false,
          input: true,
          returned: true,
          validator: { input: ConsoleLanguage.nullable() },
        },
      },
    },
    databaseHooks: {
      user: {
        create: {
          // Accounts are created from an invitation (or by the seed and CLI, which call the API in-process).
          async before(user, context) {
            if (!context?.request) return
            const invited = await db
              .selectFrom('staff.invitation')
              .select('id')
              .where('email', '=', user.email.toLowerCase())
              .where('status', '=', 'pending')
              .where('expiresAt', '>', new Date())
              .executeTakeFirst()
            if (!invited)
              throw new APIError('FORBIDDEN', { message: 'Staff accounts are created from an invitation' })
          },
        },
      },
      session: {
        create: {
          // The one clinic a session acts for: the member's clinic when they have exactly one.
          async before(session) {
            const memberships = await db
              .selectFrom('staff.member')
              .select('organizationId')
              .where('userId', '=', session.userId)
              .execute()
            const only = memberships.length === 1 ? memberships[0] : undefined
            return { data: { ...session, activeOrganizationId: only?.organizationId ?? null } }
          },
          async after(session) {
            await auditStaff(db, {
              userId: session.userId,
              action: 'staff.sign_in',
              objectId: session.userId,
            })
          },
        },
        delete: {
          async after(session) {
            await auditStaff(db, {
              userId: session.userId,
              action: 'staff.sign_out',
              objectId: session.userId,
            })
          },
        },
      },
    },
    plugins: [
      organization({
        ac: accessControl,
        roles: staffRoles,
        creatorRole: 'owner',
        // Clinics are created by Frontdesk (`frontdesk clinics create`, the seed), each with its organization.
        allowUserToCreateOrganization: false,
        invitationExpiresIn: INVITATION_SECONDS,
        cancelPendingInvitationsOnReInvite: true,
        async sendInvitationEmail({ id, email, role, organization: clinic, inviter }) {
          await mailer.send({
            to: email,
            subject: `You are invited to ${clinic.name} on Frontdesk`,
            text: `${inviter.user.name} invites you to join ${clinic.name} as ${role}. The invitation is valid for 7 days.`,
            link: `${baseUrl}/admin#invitation=${encodeURIComponent(id)}`,
          })
        },
        organizationHooks: {
          async afterCreateInvitation({ invitation, inviter }) {
            await auditStaff(db, {
              userId: inviter.id,
              clinicId: invitation.organizationId,
              action: 'staff.invite',
              objectType: 'staff_invitation',
              objectId: invitation.id,
            })
          },
          async afterCancelInvitation({ invitation, cancelledBy }) {
            await auditStaff(db, {
              userId: cancelledBy.id,
              clinicId: invitation.organizationId,
              action: 'staff.invitation_cancel',
              objectType: 'staff_invitation',
              objectId: invitation.id,
            })
          },
          async afterAcceptInvitation({ invitation, member, user }) {
            await auditStaff(db, {
              userId: user.id,
              clinicId: invitation.organizationId,
              action: 'staff.join',
              objectType: 'staff_member',
              objectId: member.id,
            })
          },
          async afterUpdateMemberRole({ member, user }) {
            await auditStaff(db, {
              userId: user.id,
              clinicId: member.organizationId,
              action: 'staff.role_change',
              objectType: 'staff_member',
              objectId: member.id,
            })
          },
          async afterRemoveMember({ member, user }) {
            await auditStaff(db, {
              userId: user.id,
              clinicId: member.organizationId,
              action: 'staff.remove',
              objectType: 'staff_member',
              objectId: member.id,
            })
          },
        },
      }),
      twoFactor({ issuer: 'Frontdesk' }),
    ],
  })
}

export type StaffAuth = ReturnType<typeof createStaffAuth>
