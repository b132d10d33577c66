-- The staff console's language a member chose in their account (better-auth's `user.additionalFields`,
-- see src/staff/auth.ts), so it follows them to another browser. NULL: the browser's languages decide.
ALTER TABLE "staff"."user"
  ADD COLUMN "language" text CONSTRAINT staff_user_language CHECK ("language" IN ('en', 'de'));
