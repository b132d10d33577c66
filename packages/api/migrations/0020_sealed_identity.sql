-- Patient identity sealed at rest. Every field that names or reaches a person moves into a bytea column
-- sealed with the clinic's data key (src/crypto/field-cipher.ts), bound to its clinic, row and field:
-- a patient's name, email, phone and date of birth, a booking's notes and cancellation reason, a legal
-- hold's reason and a rights request's decision note.
--
-- Exact lookups use blind indexes: an HMAC-SHA-256 under the clinic's own index key over the normalised
-- value (lower-case email, E.164 phone). identity_key, which recognises a returning patient, becomes one
-- too. The index key is random, per clinic, and kept here only wrapped by the master key; it is not a
-- data key and never rotates with them, so the indexes stay valid when a data key is rotated.
--
-- The clear columns stay until the data migration (src/db/seal-existing.ts) has sealed every row that
-- had them, in batches that survive a crash; it then drops them. New rows never write them.

CREATE TABLE clinic_index_keys (
  clinic_id      text PRIMARY KEY REFERENCES clinics(id),
  wrapped        bytea NOT NULL,
  master_key_id  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
SELECT frontdesk_isolate_clinic_table('clinic_index_keys');

ALTER TABLE patients
  ADD COLUMN name_sealed bytea,
  ADD COLUMN email_sealed bytea,
  ADD COLUMN phone_sealed bytea,
  ADD COLUMN date_of_birth_sealed bytea,
  ADD COLUMN email_index bytea,
  ADD COLUMN phone_index bytea,
  ALTER COLUMN name DROP NOT NULL;
CREATE INDEX patients_email_index ON patients (clinic_id, email_index) WHERE email_index IS NOT NULL;
CREATE INDEX patients_phone_index ON patients (clinic_id, phone_index) WHERE phone_index IS NOT NULL;

ALTER TABLE bookings
  ADD COLUMN notes_sealed bytea,
  ADD COLUMN cancel_reason_sealed bytea;

ALTER TABLE legal_holds
  ADD COLUMN reason_sealed bytea,
  ALTER COLUMN reason DROP NOT NULL;

ALTER TABLE rights_requests
  ADD COLUMN decision_note_sealed bytea;

-- frontdesk_claim (0017) again: the patient and the notes arrive sealed, with the blind indexes.
DROP FUNCTION frontdesk_claim(text, text, text, text, text, text, text, timestamptz, timestamptz, tstzrange,
  timestamptz, text, bytea, bytea, timestamptz, text, text, text, text, text, date, text, text, text, text,
  text, bytea, integer, jsonb, jsonb, bytea);
CREATE FUNCTION frontdesk_claim(
  p_booking_id text, p_clinic text, p_hold text, p_new_status text, p_service text, p_practitioner text, p_location text,
  p_starts timestamptz, p_ends timestamptz, p_wanted tstzrange, p_hold_expires timestamptz, p_notes_sealed bytea,
  p_visit_hash bytea, p_manage_hash bytea, p_at timestamptz,
  p_patient_id text, p_identity text, p_name_sealed bytea, p_email_sealed bytea, p_phone_sealed bytea,
  p_dob_sealed bytea, p_email_index bytea, p_phone_index bytea,
  p_actor_type text, p_actor_id text, p_request text, p_client text,
  p_idem_key text, p_idem_hash bytea, p_idem_status integer, p_idem_body jsonb,
  p_messaging jsonb, p_manage_sealed bytea
) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  claimed_patient text;
BEGIN
  PERFORM pg_advisory_xact_lock(1, hashtext(p_practitioner));
  IF EXISTS (
    SELECT 1 FROM bookings b
     WHERE b.practitioner_id = p_practitioner AND b.status IN ('held', 'confirmed') AND b.blocked && p_wanted
       AND (b.status = 'confirmed' OR b.hold_expires_at > p_at)
  ) THEN
    RETURN false;
  END IF;

  IF p_identity IS NOT NULL THEN
    -- A known patient keeps their sealed details: the ones sealed for the new id are thrown away.
    INSERT INTO patients AS p (id, clinic_id, identity_key, name_sealed, email_sealed, phone_sealed,
      date_of_birth_sealed, email_index, phone_index)
    VALUES (p_patient_id, p_clinic, p_identity, p_name_sealed, p_email_sealed, p_phone_sealed, p_dob_sealed,
      p_email_index, p_phone_index)
    ON CONFLICT (clinic_id, identity_key) DO UPDATE SET identity_key = EXCLUDED.identity_key
    RETURNING p.id INTO claimed_patient;
  END IF;

  INSERT INTO bookings (id, clinic_id, hold_id, status, service_id, practitioner_id, location_id, starts_at,
    ends_at, blocked, hold_expires_at, patient_id, notes_sealed, visit_token_hash, manage_token_hash, created_at,
    confirmed_at, messaging, manage_token_sealed)
  VALUES (p_booking_id, p_clinic, p_hold, p_new_status, p_service, p_practitioner, p_location, p_starts, p_ends, p_wanted,
    p_hold_expires, claimed_patient, p_notes_sealed, p_visit_hash, p_manage_hash, p_at,
    CASE WHEN p_new_status = 'confirmed' THEN p_at END, p_messaging, p_manage_sealed);

  IF claimed_patient IS NOT NULL THEN
    INSERT INTO audit_events (clinic_id, actor_type, actor_id, action, object_type, object_id, request_id, client_ip)
    VALUES (p_clinic, p_actor_type, p_actor_id, 'patient.match_or_create', 'patient', claimed_patient, p_request, p_client),
           (p_clinic, p_actor_type, p_actor_id, 'booking.create', 'booking', p_booking_id, p_request, p_client);
  END IF;

  IF p_idem_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (clinic_id, key, request_hash, status_code, response_body)
    VALUES (p_clinic, p_idem_key, p_idem_hash, p_idem_status, p_idem_body);
  END IF;
  RETURN true;
END
$$;
