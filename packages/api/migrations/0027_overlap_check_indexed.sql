-- The overlap check reads the exclusion index by practitioner and time again.
--
-- frontdesk_claim and the release of expired holds ran their `blocked && wanted` test as frontdesk_app,
-- under row-level security (0013). PostgreSQL evaluates a query's own conditions after the policy's unless
-- their operators are leakproof, and the range overlap is not: the bookings_no_overlap index could only
-- find the practitioner, and every booking they ever had was read and filtered. A claim's cost grew with
-- the practitioner's history (about 1 ms at 400 bookings, over 10 ms at 14,000).
--
-- These two functions run that test as the tables' owner, where no policy stands between the conditions
-- and the index, and name the connection's clinic themselves, so they see and touch no more than the
-- policy would let frontdesk_app: no clinic set, no rows. They answer a yes or a count, nothing else.
-- SECURITY DEFINER with a fixed search_path, executable by the app role only; PL/pgSQL so that each
-- session plans them once (a SQL function is planned again at every call).

CREATE FUNCTION frontdesk_time_taken(p_practitioner text, p_wanted tstzrange, p_at timestamptz)
RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.bookings b
     WHERE b.clinic_id = NULLIF(current_setting('app.clinic_id', true), '')
       AND b.practitioner_id = p_practitioner AND b.status IN ('held', 'confirmed') AND b.blocked && p_wanted
       AND (b.status = 'confirmed' OR b.hold_expires_at > p_at)
  );
END
$$;

-- Expired holds still sit under the exclusion constraint until released: releases the practitioner's that
-- overlap p_wanted, answering how many went.
CREATE FUNCTION frontdesk_release_expired_holds(p_practitioner text, p_wanted tstzrange, p_at timestamptz)
RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  released integer;
BEGIN
  UPDATE public.bookings b SET status = 'released'
   WHERE b.clinic_id = NULLIF(current_setting('app.clinic_id', true), '')
     AND b.practitioner_id = p_practitioner AND b.status = 'held' AND b.hold_expires_at <= p_at
     AND b.blocked && p_wanted;
  GET DIAGNOSTICS released = ROW_COUNT;
  RETURN released;
END
$$;

REVOKE ALL ON FUNCTION frontdesk_time_taken(text, tstzrange, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION frontdesk_release_expired_holds(text, tstzrange, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk_time_taken(text, tstzrange, timestamptz) TO frontdesk_app;
GRANT EXECUTE ON FUNCTION frontdesk_release_expired_holds(text, tstzrange, timestamptz) TO frontdesk_app;

-- frontdesk_claim (0020) again, with its overlap check through frontdesk_time_taken. It still takes the
-- practitioner's lock first, so the check's snapshot is taken after any contender's commit.
CREATE OR REPLACE FUNCTION frontdesk_claim(
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
  IF frontdesk_time_taken(p_practitioner, p_wanted, p_at) THEN
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
