-- The audit trail, hash-chained per clinic. Events are written as before, inside the transactions that
-- make the change (a per-clinic lock there would serialise every booking of a clinic); a sealer then
-- chains each committed event into its clinic's ledger in order: sequence, the previous seal's hash, and
-- SHA-256 over that hash and the event's fields. Changing, removing or reordering a sealed event breaks
-- the chain from there on (`frontdesk audit verify`). Seals are append-only like the events.

CREATE TABLE audit_seals (
  clinic_id   text NOT NULL REFERENCES clinics(id),
  sequence    bigint NOT NULL CHECK (sequence >= 1),
  event_id    bigint NOT NULL UNIQUE REFERENCES audit_events(id),
  prev_hash   bytea NOT NULL,
  hash        bytea NOT NULL,
  sealed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, sequence)
);

CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk_append_only();

-- Questions about one patient's data go by object; the rest by time (audit_events_clinic).
CREATE INDEX audit_events_object ON audit_events (clinic_id, object_id, occurred_at);
