-- Staff accounts (better-auth 1.7 with its organization and two-factor plugins), in their own schema so
-- they never mix with clinic tables. Generated once with better-auth's getMigrations(...).compileMigrations()
-- for the options in src/staff/auth.ts, then given Frontdesk's ties: an organization is a clinic (same id),
-- one membership per person and clinic, and a practitioner may be a staff member's own calendar.
-- Passwords are hashed by better-auth (scrypt); TOTP secrets are stored encrypted with its secret.

CREATE SCHEMA IF NOT EXISTS "staff";

CREATE table "staff"."user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null, "twoFactorEnabled" boolean);

CREATE table "staff"."session" ("id" text not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" text not null references "staff"."user" ("id") on delete cascade, "activeOrganizationId" text);

CREATE table "staff"."account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "staff"."user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null);

CREATE table "staff"."verification" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);

CREATE table "staff"."organization" ("id" text not null primary key, "name" text not null, "slug" text not null unique, "logo" text, "createdAt" timestamptz not null, "metadata" text);

CREATE table "staff"."member" ("id" text not null primary key, "organizationId" text not null references "staff"."organization" ("id") on delete cascade, "userId" text not null references "staff"."user" ("id") on delete cascade, "role" text not null, "createdAt" timestamptz not null);

CREATE table "staff"."invitation" ("id" text not null primary key, "organizationId" text not null references "staff"."organization" ("id") on delete cascade, "email" text not null, "role" text, "status" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "inviterId" text not null references "staff"."user" ("id") on delete cascade);

CREATE table "staff"."twoFactor" ("id" text not null primary key, "secret" text not null, "backupCodes" text not null, "userId" text not null references "staff"."user" ("id") on delete cascade, "verified" boolean, "failedVerificationCount" integer, "lockedUntil" timestamptz);

CREATE index "session_userId_idx" on "staff"."session" ("userId");

CREATE index "account_userId_idx" on "staff"."account" ("userId");

CREATE index "verification_identifier_idx" on "staff"."verification" ("identifier");

CREATE index "member_organizationId_idx" on "staff"."member" ("organizationId");

CREATE index "member_userId_idx" on "staff"."member" ("userId");

CREATE index "invitation_organizationId_idx" on "staff"."invitation" ("organizationId");

CREATE index "invitation_email_idx" on "staff"."invitation" ("email");

CREATE index "twoFactor_secret_idx" on "staff"."twoFactor" ("secret");

CREATE index "twoFactor_userId_idx" on "staff"."twoFactor" ("userId");

ALTER TABLE "staff"."organization" ADD CONSTRAINT organization_is_clinic FOREIGN KEY ("id") REFERENCES public.clinics (id);
CREATE UNIQUE INDEX member_one_per_clinic ON "staff"."member" ("organizationId", "userId");

ALTER TABLE practitioners ADD COLUMN staff_user_id text REFERENCES "staff"."user" ("id") ON DELETE SET NULL;
CREATE UNIQUE INDEX practitioners_staff_user ON practitioners (clinic_id, staff_user_id) WHERE staff_user_id IS NOT NULL;
