-- Intake forms a clinic authors. A form's definition lives in versions that never change once
-- published: a response will be pinned to the version it answered and must stay readable as it was.

CREATE TABLE intake_forms (
  id              text PRIMARY KEY,
  clinic_id       text NOT NULL REFERENCES clinics(id),
  name            text NOT NULL,
  current_version integer NOT NULL DEFAULT 1,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, id)
);
CREATE INDEX intake_forms_clinic ON intake_forms (clinic_id, created_at);

CREATE TABLE intake_form_versions (
  clinic_id     text NOT NULL,
  form_id       text NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  definition    jsonb NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (form_id, version),
  FOREIGN KEY (clinic_id, form_id) REFERENCES intake_forms (clinic_id, id)
);

-- Published versions are history: nobody rewrites them, not even the API by mistake.
CREATE TRIGGER intake_form_versions_append_only BEFORE UPDATE OR DELETE ON intake_form_versions
  FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only();
