-- Retention of the audit trail. Purging old audit events keeps their seals: a seal holds hashes only,
-- and the chain of seals still proves that nothing was inserted, removed or reordered after them.
-- `audit_purged_seals` names the seals whose events are gone; verification checks those seals' links
-- and takes their hashes as given, and recomputes every other one from its event as before. Events a
-- legal hold keeps stay wherever they are in the chain. Events
-- may be deleted only by the purge (which runs as the owner with frontdesk.retention set for its
-- transaction); the app role cannot delete them at all (0013).
ALTER TABLE audit_seals DROP CONSTRAINT audit_seals_event_id_fkey;

CREATE TABLE audit_purged_seals (
  clinic_id  text NOT NULL REFERENCES clinics(id),
  sequence   bigint NOT NULL,
  purged_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, sequence)
);
SELECT frontdesk_isolate_clinic_table('audit_purged_seals');

CREATE FUNCTION frontdesk_audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('frontdesk.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only; only the retention purge removes old events'
    USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION frontdesk_audit_events_guard();
