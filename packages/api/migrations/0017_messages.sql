-- Patient messages: confirmations, reschedule and cancellation notices, reminders and intake nudges by
-- email, SMS and WhatsApp.
--
-- A booking's `revision` counts the changes a patient hears about (confirmed, moved, cancelled); a
-- trigger bumps it in the transaction that makes the change, so the hot booking path pays no extra
-- statement. A planner (src/messages/planner.ts) finds bookings whose `planned_revision` is behind,
-- writes the messages that change calls for (one row per channel, each with the instant it is due)
-- and drops the ones it makes obsolete. A relay queues due messages on the job queue; a worker sends
-- each once, retrying with backoff. Every row keeps its status, so the clinic sees what was delivered.

ALTER TABLE bookings
  ADD COLUMN revision integer NOT NULL DEFAULT 0,
  ADD COLUMN planned_revision integer NOT NULL DEFAULT 0,
  -- The patient's choices made when booking: {"language": "de", "channels": ["email", "sms"]}.
  ADD COLUMN messaging jsonb,
  -- The manage token, sealed under the clinic's data key (purpose booking:<id>:manage_token): messages
  -- carry the manage link, and only its hash is kept otherwise.
  ADD COLUMN manage_token_sealed bytea;
CREATE INDEX bookings_unplanned ON bookings (clinic_id) WHERE revision > planned_revision;

CREATE FUNCTION frontdesk_booking_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = 'confirmed' THEN NEW.revision := 1; END IF;
  ELSIF (NEW.status = 'confirmed' AND OLD.status <> 'confirmed')
     OR (NEW.status = 'cancelled' AND OLD.status = 'confirmed')
     OR (NEW.status = 'confirmed' AND NEW.starts_at <> OLD.starts_at) THEN
    NEW.revision := OLD.revision + 1;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER bookings_revision BEFORE INSERT OR UPDATE OF status, starts_at ON bookings
  FOR EACH ROW EXECUTE FUNCTION frontdesk_booking_revision();

-- How the clinic messages its patients (channels, reminder offsets, legal basis, senders); see
-- MessageSettings in @frontdesk/contracts for the fields and their defaults.
ALTER TABLE clinics ADD COLUMN messaging jsonb NOT NULL DEFAULT '{}';
-- An inbound SMS or WhatsApp message names the number it was sent to: that finds the clinic.
CREATE UNIQUE INDEX clinics_sms_sender ON clinics ((messaging ->> 'smsFrom')) WHERE messaging ? 'smsFrom';
CREATE UNIQUE INDEX clinics_whatsapp_sender ON clinics ((messaging ->> 'whatsappFrom'))
  WHERE messaging ? 'whatsappFrom';

CREATE TABLE messages (
  id              text PRIMARY KEY,
  clinic_id       text NOT NULL REFERENCES clinics(id),
  booking_id      text NOT NULL REFERENCES bookings(id),
  kind            text NOT NULL CHECK (kind IN ('confirmation', 'rescheduled', 'cancelled', 'reminder', 'intake_nudge')),
  channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
  -- The booking revision it was written for: a message for an older one is not sent.
  for_revision    integer NOT NULL,
  -- Reminders: minutes before the start they were asked for.
  offset_minutes  integer,
  send_at         timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'scheduled'
                  CHECK (status IN ('scheduled', 'queued', 'sent', 'delivered', 'failed', 'dropped', 'suppressed')),
  -- Why it was dropped, suppressed or failed: a code, never patient data.
  reason          text,
  attempts        integer NOT NULL DEFAULT 0,
  provider_id     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  UNIQUE (clinic_id, id)
);
CREATE INDEX messages_due ON messages (send_at) WHERE status = 'scheduled';
CREATE INDEX messages_booking ON messages (clinic_id, booking_id, send_at);
CREATE UNIQUE INDEX messages_provider ON messages (provider_id) WHERE provider_id IS NOT NULL;
SELECT frontdesk_isolate_clinic_table('messages');

-- A patient's decision about a channel (a STOP or START reply, or a choice made with the clinic) is a
-- consent record like any other, on a document whose purpose names the channel.
ALTER TABLE consent_documents DROP CONSTRAINT consent_documents_purpose_check;
ALTER TABLE consent_documents ADD CONSTRAINT consent_documents_purpose_check
  CHECK (purpose IN ('treatment', 'privacy_notice', 'telehealth', 'data_sharing',
                     'marketing_email', 'marketing_sms', 'marketing_whatsapp',
                     'messages_email', 'messages_sms', 'messages_whatsapp'));

-- frontdesk_claim (0003) again, now also storing the patient's message choices and the sealed manage token.
DROP FUNCTION frontdesk_claim(text, text, text, text, text, text, text, timestamptz, timestamptz, tstzrange,
  timestamptz, text, bytea, bytea, timestamptz, text, text, text, text, text, date, text, text, text, text,
  text, bytea, integer, jsonb);
CREATE FUNCTION frontdesk_claim(
  p_booking_id text, p_clinic text, p_hold text, p_new_status text, p_service text, p_practitioner text, p_location text,
  p_starts timestamptz, p_ends timestamptz, p_wanted tstzrange, p_hold_expires timestamptz, p_booking_notes text,
  p_visit_hash bytea, p_manage_hash bytea, p_at timestamptz,
  p_patient_id text, p_identity text, p_patient_name text, p_patient_email text, p_patient_phone text, p_patient_dob date,
  p_actor_type text, p_actor_id text, p_request text, p_client text,
  p_idem_key text, p_idem_hash bytea, p_idem_status integer, p_idem_body jsonb,
  p_messaging jsonb DEFAULT NULL, p_manage_sealed bytea DEFAULT NULL
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
    ends_at, blocked, hold_expires_at, patient_id, notes, visit_token_hash, manage_token_hash, created_at, confirmed_at,
    messaging, manage_token_sealed)
  VALUES (p_booking_id, p_clinic, p_hold, p_new_status, p_service, p_practitioner, p_location, p_starts, p_ends, p_wanted,
    p_hold_expires, claimed_patient, p_booking_notes, p_visit_hash, p_manage_hash, p_at,
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
