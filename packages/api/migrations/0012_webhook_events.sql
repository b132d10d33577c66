-- Events for webhooks, written where the change happens. Bookings and consent records write theirs from
-- triggers, in the transaction that makes the change, and only when the clinic has an endpoint that
-- listens for that type (a booking with nobody listening costs one index probe). Intake submissions
-- already write theirs. A relay hands undispatched events to the delivery queue (`dispatched_at`).

ALTER TABLE events ADD COLUMN dispatched_at timestamptz;
CREATE INDEX events_undispatched ON events (occurred_at) WHERE dispatched_at IS NULL;

CREATE FUNCTION frontdesk_event(clinic text, kind text, object text, data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints
             WHERE clinic_id = clinic AND enabled AND deleted_at IS NULL AND kind = ANY(events)) THEN
    INSERT INTO events (id, clinic_id, type, object_id, data)
    VALUES ('evt_' || replace(gen_random_uuid()::text, '-', ''), clinic, kind, object, data);
  END IF;
END
$$;

CREATE FUNCTION frontdesk_booking_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids jsonb := jsonb_build_object('bookingId', NEW.id, 'serviceId', NEW.service_id, 'practitionerId', NEW.practitioner_id);
BEGIN
  IF NEW.status = 'confirmed' AND (TG_OP = 'INSERT' OR OLD.status <> 'confirmed') THEN
    PERFORM frontdesk_event(NEW.clinic_id, 'booking.created', NEW.id, ids);
  ELSIF TG_OP = 'UPDATE' AND NEW.status = 'cancelled' AND OLD.status = 'confirmed' THEN
    PERFORM frontdesk_event(NEW.clinic_id, 'booking.cancelled', NEW.id, ids);
  ELSIF TG_OP = 'UPDATE' AND NEW.status = 'confirmed' AND NEW.starts_at <> OLD.starts_at THEN
    PERFORM frontdesk_event(NEW.clinic_id, 'booking.rescheduled', NEW.id, ids);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER bookings_events AFTER INSERT OR UPDATE OF status, starts_at ON bookings
  FOR EACH ROW EXECUTE FUNCTION frontdesk_booking_events();

CREATE FUNCTION frontdesk_consent_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM frontdesk_event(
    NEW.clinic_id,
    CASE WHEN NEW.decision = 'withdrawn' THEN 'consent.withdrawn' ELSE 'consent.recorded' END,
    NEW.id,
    jsonb_build_object('recordId', NEW.id, 'documentId', NEW.document_id, 'decision', NEW.decision,
                       'bookingId', NEW.booking_id, 'withdraws', NEW.withdraws));
  RETURN NULL;
END
$$;
CREATE TRIGGER consent_records_events AFTER INSERT ON consent_records
  FOR EACH ROW EXECUTE FUNCTION frontdesk_consent_events();
