-- frontdesk_claim: a new hold or booking in one call. It takes the practitioner's advisory lock, then
-- looks for a live overlap; PL/pgSQL runs each command with a fresh snapshot under READ COMMITTED, so
-- the look happens after the lock and sees whoever held it before. A loser writes nothing, raises
-- nothing and answers false, so the lock queue moves at the speed of one index probe. A winner upserts
-- the patient, inserts the row, writes the audit events and records the idempotent answer. The
-- exclusion constraint keeps the last word (an expired hold in the way raises 23P01), and the plans of
-- these statements are cached per connection, which a one-off statement of the same shape would re-plan
-- on every call.

CREATE FUNCTION frontdesk_claim(
  p_booking_id text, p_clinic text, p_hold text, p_new_status text, p_service text, p_practitioner text, p_location text,
  p_starts timestamptz, p_ends timestamptz, p_wanted tstzrange, p_hold_expires timestamptz, p_booking_notes text,
  p_visit_hash bytea, p_manage_hash bytea, p_at timestamptz,
  p_patient_id text, p_identity text, p_patient_name text, p_patient_email text, p_patient_phone text, p_patient_dob date,
  p_actor_type text, p_actor_id text, p_request text, p_client text,
  p_idem_key text, p_idem_hash bytea, p_idem_status integer, p_idem_body jsonb
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
    INSERT INTO patients AS p (id, clinic_id, identity_key, name, email, phone, date_of_birth)
    VALUES (p_patient_id, p_clinic, p_identity, p_patient_name, p_patient_email, p_patient_phone, p_patient_dob)
    ON CONFLICT (clinic_id, identity_key) DO UPDATE SET identity_key = EXCLUDED.identity_key
    RETURNING p.id INTO claimed_patient;
  END IF;

  INSERT INTO bookings (id, clinic_id, hold_id, status, service_id, practitioner_id, location_id, starts_at,
    ends_at, blocked, hold_expires_at, patient_id, notes, visit_token_hash, manage_token_hash, created_at, confirmed_at)
  VALUES (p_booking_id, p_clinic, p_hold, p_new_status, p_service, p_practitioner, p_location, p_starts, p_ends, p_wanted,
    p_hold_expires, claimed_patient, p_booking_notes, p_visit_hash, p_manage_hash, p_at,
    CASE WHEN p_new_status = 'confirmed' THEN p_at END);

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
