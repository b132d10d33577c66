-- Patient rights: restriction, erasure under legal holds, patient-initiated requests, retention.
--
-- Erasure and the consent chain: a record's hash covered its sealed evidence (who signed, the typed
-- name, the drawn signature) byte for byte, so deleting that evidence broke the chain. Records from
-- here on are chained with version 2, whose hash covers a SHA-256 digest of the sealed fields kept in
-- `sealed_digest`: erasing the evidence (setting those three columns to NULL) leaves the digest, and
-- the chain verifies as before. The append-only trigger lets exactly that change through, and only
-- for version 2 records; version 1 records keep their sealed evidence, which only the master key opens.

-- An erased patient keeps an id (their bookings and records still point to it) and nothing else.
ALTER TABLE patients
  ADD COLUMN restricted_at timestamptz,
  ADD COLUMN erased_at timestamptz,
  ALTER COLUMN date_of_birth DROP NOT NULL;

ALTER TABLE consent_records
  ADD COLUMN chain_version smallint NOT NULL DEFAULT 1 CHECK (chain_version IN (1, 2)),
  ADD COLUMN sealed_digest bytea,
  ADD COLUMN erased_at timestamptz,
  ADD CONSTRAINT consent_records_digest CHECK ((chain_version = 2) = (sealed_digest IS NOT NULL));

CREATE FUNCTION frontdesk_consent_erasure_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
DROP TRIGGER consent_records_append_only ON consent_records;
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION frontdesk_consent_erasure_only();
-- The app may make that one change and no other (0013 took UPDATE away from it).
GRANT UPDATE (signer_name, typed_name, signature, erased_at) ON consent_records TO frontdesk_app;

-- What the clinic must keep by law, whatever erasure or retention would remove: per patient, per kind.
CREATE TABLE legal_holds (
  id           text PRIMARY KEY,
  clinic_id    text NOT NULL REFERENCES clinics(id),
  patient_id   text NOT NULL,
  kinds        text[] NOT NULL CHECK (kinds <@ ARRAY['bookings', 'intake', 'consent', 'audit']::text[] AND cardinality(kinds) > 0),
  reason       text NOT NULL,
  until        date,
  created_at   timestamptz NOT NULL DEFAULT now(),
  released_at  timestamptz,
  UNIQUE (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id)
);
CREATE INDEX legal_holds_patient ON legal_holds (clinic_id, patient_id) WHERE released_at IS NULL;
SELECT frontdesk_isolate_clinic_table('legal_holds');

-- A request a patient makes from the clinic's website. It is nothing until the patient proves they
-- control the email address or phone number with the one-time code sent there; the clinic sees only
-- verified requests, with their 30-day deadline. The contact is sealed; the code and the download
-- token are kept as hashes.
CREATE TABLE rights_requests (
  id                 text PRIMARY KEY,
  clinic_id          text NOT NULL REFERENCES clinics(id),
  kind               text NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction', 'objection')),
  status             text NOT NULL DEFAULT 'unverified'
                     CHECK (status IN ('unverified', 'open', 'completed', 'rejected')),
  channel            text NOT NULL CHECK (channel IN ('email', 'sms')),
  contact            bytea NOT NULL,
  language           text NOT NULL DEFAULT 'en',
  -- What the patient wrote (rectification: what is wrong); sealed.
  details            bytea,
  code_hash          bytea,
  code_expires_at    timestamptz,
  attempts           integer NOT NULL DEFAULT 0,
  -- The clinic's patient it was matched to on verification, if any.
  patient_id         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  verified_at        timestamptz,
  due_at             timestamptz,
  decided_at         timestamptz,
  decision_note      text,
  export_token_hash  bytea UNIQUE,
  export_expires_at  timestamptz,
  UNIQUE (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id)
);
CREATE INDEX rights_requests_open ON rights_requests (clinic_id, due_at) WHERE status = 'open';
CREATE INDEX rights_requests_unverified ON rights_requests (created_at) WHERE status = 'unverified';
SELECT frontdesk_isolate_clinic_table('rights_requests');

-- How long each kind of record is kept (RetentionPolicy in @frontdesk/contracts), and what each
-- purge removed.
ALTER TABLE clinics ADD COLUMN retention jsonb NOT NULL DEFAULT '{}';
CREATE TABLE retention_runs (
  id         text PRIMARY KEY,
  clinic_id  text NOT NULL REFERENCES clinics(id),
  ran_at     timestamptz NOT NULL DEFAULT now(),
  report     jsonb NOT NULL,
  UNIQUE (clinic_id, id)
);
CREATE INDEX retention_runs_clinic ON retention_runs (clinic_id, ran_at);
SELECT frontdesk_isolate_clinic_table('retention_runs');
