-- A clinic that leaves is closed: its data key destroyed and every row carrying its id deleted, the
-- append-only ones included. The record that it happened cannot live in the clinic's own audit trail
-- (that is deleted with it), so the platform keeps one row per closure: ids, time, counts per table and
-- the hash of the archive the owner took. No patient data, no names: `closed_clinic_id` is deliberately
-- not called clinic_id, so the close (which deletes by every clinic_id column) keeps it.
CREATE TABLE clinic_closures (
  id                 text PRIMARY KEY,
  closed_clinic_id   text NOT NULL UNIQUE,
  closed_at          timestamptz NOT NULL DEFAULT now(),
  -- The owner's staff account that closed it (an id, which better-auth's tables no longer hold afterwards).
  closed_by          text NOT NULL,
  rows_deleted       jsonb NOT NULL,
  data_key_versions  integer NOT NULL,
  archive_sha256     text CHECK (archive_sha256 ~ '^[0-9a-f]{64}$')
);
-- The platform's, not a clinic's: the app role never reads or writes it (the close runs on the system connection).
REVOKE ALL ON clinic_closures FROM frontdesk_app;

-- Append-only tables refuse deletes, except the close of the one clinic the transaction names in
-- frontdesk.closing (set for that transaction only), and only that clinic's rows; consent_texts carries
-- no clinic_id and goes with its clinic's documents. The app role has no DELETE on them at all (0013).
CREATE OR REPLACE FUNCTION frontdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  closing text := NULLIF(current_setting('frontdesk.closing', true), '');
BEGIN
  IF TG_OP = 'DELETE' AND closing IS NOT NULL
     AND coalesce(to_jsonb(OLD) ->> 'clinic_id', closing) = closing THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION frontdesk_audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  closing text := NULLIF(current_setting('frontdesk.closing', true), '');
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('frontdesk.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'DELETE' AND closing IS NOT NULL AND OLD.clinic_id = closing THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only; only the retention purge removes old events'
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION frontdesk_consent_erasure_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  closing text := NULLIF(current_setting('frontdesk.closing', true), '');
BEGIN
  IF TG_OP = 'DELETE' AND closing IS NOT NULL AND OLD.clinic_id = closing THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.chain_version = 2 AND NEW.erased_at IS NOT NULL
     AND NEW.signer_name IS NULL AND NEW.typed_name IS NULL AND NEW.signature IS NULL
     AND (to_jsonb(NEW) - ARRAY['signer_name', 'typed_name', 'signature', 'erased_at'])
       = (to_jsonb(OLD) - ARRAY['signer_name', 'typed_name', 'signature', 'erased_at']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_records is append-only; only a version 2 record''s sealed evidence may be erased'
    USING ERRCODE = 'insufficient_privilege';
END
$$;
