-- Intake responses: a patient's answers to one pinned form version. A draft is reached with a resume
-- token (stored only as a hash, cleared on submit) and expires when idle for the clinic's setting.
-- Answers and files are health data: stored only sealed by the clinic's data key (0005), one row per
-- top-level field, so a dump of these tables shows ids and sizes, never an answer.

ALTER TABLE clinics
  ADD COLUMN intake_draft_idle_days integer NOT NULL DEFAULT 14
  CHECK (intake_draft_idle_days BETWEEN 1 AND 90);

CREATE TABLE intake_responses (
  id                 text PRIMARY KEY,
  clinic_id          text NOT NULL REFERENCES clinics(id),
  form_id            text NOT NULL,
  version            integer NOT NULL,
  status             text NOT NULL CHECK (status IN ('draft', 'submitted')),
  booking_id         text REFERENCES bookings(id),
  patient_id         text,
  resume_token_hash  bytea UNIQUE,
  -- The principal that started it: publishable (standalone), visit (after a booking), secret (invitation).
  started_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  submitted_at       timestamptz,
  UNIQUE (clinic_id, id),
  FOREIGN KEY (clinic_id, form_id) REFERENCES intake_forms (clinic_id, id),
  FOREIGN KEY (form_id, version) REFERENCES intake_form_versions (form_id, version),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
  CHECK (status = 'draft' OR resume_token_hash IS NULL)
);
CREATE INDEX intake_responses_clinic ON intake_responses (clinic_id, created_at, id);
CREATE INDEX intake_responses_booking ON intake_responses (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX intake_responses_idle ON intake_responses (expires_at) WHERE status = 'draft';

CREATE TABLE intake_answers (
  clinic_id    text NOT NULL,
  response_id  text NOT NULL,
  field_id     text NOT NULL,
  -- AES-256-GCM under the clinic's data key, bound to `intake_answer:<response>:<field>`.
  sealed       bytea NOT NULL,
  PRIMARY KEY (response_id, field_id),
  FOREIGN KEY (clinic_id, response_id) REFERENCES intake_responses (clinic_id, id) ON DELETE CASCADE
);

CREATE TABLE intake_files (
  id            text PRIMARY KEY,
  clinic_id     text NOT NULL,
  response_id   text NOT NULL,
  -- The file field as item ids joined by dots.
  field         text NOT NULL,
  content_type  text NOT NULL,
  bytes         integer NOT NULL CHECK (bytes > 0),
  -- Bound to `intake_file:<response>:<file>`.
  sealed        bytea NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (clinic_id, response_id) REFERENCES intake_responses (clinic_id, id) ON DELETE CASCADE
);
CREATE INDEX intake_files_response ON intake_files (response_id);

-- What happened, for the webhooks and notifications to come: ids only, never patient data.
CREATE TABLE events (
  id           text PRIMARY KEY,
  clinic_id    text NOT NULL REFERENCES clinics(id),
  type         text NOT NULL,
  object_id    text NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}',
  occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_clinic ON events (clinic_id, occurred_at, id);
