-- Frontdesk schema: clinics and their keys, the catalogue, schedules, patients, bookings and holds,
-- idempotency records and the audit log. Every tenant table carries clinic_id.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE clinics (
  id                           text PRIMARY KEY,
  name                         text NOT NULL,
  slug                         text UNIQUE,
  time_zone                    text NOT NULL,
  hold_minutes                 integer NOT NULL DEFAULT 10 CHECK (hold_minutes BETWEEN 1 AND 60),
  cancellation_notice_minutes  integer NOT NULL DEFAULT 1440 CHECK (cancellation_notice_minutes >= 0),
  allowed_origins              text[] NOT NULL DEFAULT '{}',
  created_at                   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  clinic_id   text NOT NULL REFERENCES clinics(id),
  kind        text NOT NULL CHECK (kind IN ('publishable', 'secret')),
  mode        text NOT NULL CHECK (mode IN ('test', 'live')),
  label       text,
  token_hash  bytea NOT NULL UNIQUE,
  hint        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX api_keys_clinic ON api_keys (clinic_id, created_at);

CREATE TABLE locations (
  id          text PRIMARY KEY,
  clinic_id   text NOT NULL REFERENCES clinics(id),
  name        text NOT NULL,
  address     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, id)
);

CREATE TABLE practitioners (
  id          text PRIMARY KEY,
  clinic_id   text NOT NULL REFERENCES clinics(id),
  name        text NOT NULL,
  title       text,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, id)
);

CREATE TABLE services (
  id                       text PRIMARY KEY,
  clinic_id                text NOT NULL REFERENCES clinics(id),
  name                     text NOT NULL,
  description              text,
  duration_minutes         integer NOT NULL CHECK (duration_minutes > 0),
  buffer_before_minutes    integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
  buffer_after_minutes     integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
  min_notice_minutes       integer NOT NULL DEFAULT 0 CHECK (min_notice_minutes >= 0),
  booking_window_days      integer NOT NULL DEFAULT 60 CHECK (booking_window_days > 0),
  slot_interval_minutes    integer NOT NULL DEFAULT 15 CHECK (slot_interval_minutes > 0),
  active                   boolean NOT NULL DEFAULT true,
  created_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, id)
);

-- Composite foreign keys through (clinic_id, id) make a cross-clinic link impossible in the database.
CREATE TABLE practitioner_services (
  clinic_id        text NOT NULL,
  practitioner_id  text NOT NULL,
  service_id       text NOT NULL,
  PRIMARY KEY (clinic_id, practitioner_id, service_id),
  FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id) ON DELETE CASCADE,
  FOREIGN KEY (clinic_id, service_id) REFERENCES services (clinic_id, id) ON DELETE CASCADE
);

CREATE TABLE weekly_hours (
  id               bigserial PRIMARY KEY,
  clinic_id        text NOT NULL,
  practitioner_id  text NOT NULL,
  location_id      text,
  weekday          smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time       text NOT NULL,
  end_time         text NOT NULL CHECK (end_time > start_time),
  FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id) ON DELETE CASCADE,
  FOREIGN KEY (clinic_id, location_id) REFERENCES locations (clinic_id, id)
);
CREATE INDEX weekly_hours_practitioner ON weekly_hours (clinic_id, practitioner_id);

CREATE TABLE date_overrides (
  id               text PRIMARY KEY,
  clinic_id        text NOT NULL,
  practitioner_id  text NOT NULL,
  date             date NOT NULL,
  windows          jsonb NOT NULL DEFAULT '[]',
  FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id) ON DELETE CASCADE,
  UNIQUE (clinic_id, practitioner_id, date)
);

CREATE TABLE time_off (
  id               text PRIMARY KEY,
  clinic_id        text NOT NULL REFERENCES clinics(id),
  practitioner_id  text,
  during           tstzrange NOT NULL CHECK (NOT isempty(during)),
  reason           text,
  FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id) ON DELETE CASCADE
);
CREATE INDEX time_off_during ON time_off USING gist (clinic_id, during);

CREATE TABLE patients (
  id              text PRIMARY KEY,
  clinic_id       text NOT NULL REFERENCES clinics(id),
  -- Who this patient is for matching: email or phone together with the date of birth.
  identity_key    text NOT NULL,
  name            text NOT NULL,
  email           text,
  phone           text,
  date_of_birth   date NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, identity_key),
  UNIQUE (clinic_id, id)
);

-- Holds and bookings share one table so one exclusion constraint covers both.
CREATE TABLE bookings (
  id                  text PRIMARY KEY,
  clinic_id           text NOT NULL REFERENCES clinics(id),
  hold_id             text UNIQUE,
  status              text NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'released')),
  service_id          text NOT NULL,
  practitioner_id     text NOT NULL,
  location_id         text,
  starts_at           timestamptz NOT NULL,
  ends_at             timestamptz NOT NULL CHECK (ends_at > starts_at),
  -- The practitioner's time this claims: the appointment with the service's buffers around it.
  blocked             tstzrange NOT NULL,
  hold_expires_at     timestamptz,
  patient_id          text,
  notes               text,
  visit_token_hash    bytea NOT NULL UNIQUE,
  manage_token_hash   bytea UNIQUE,
  created_at          timestamptz NOT NULL DEFAULT now(),
  confirmed_at        timestamptz,
  cancelled_at        timestamptz,
  cancel_reason       text,
  FOREIGN KEY (clinic_id, service_id) REFERENCES services (clinic_id, id),
  FOREIGN KEY (clinic_id, practitioner_id) REFERENCES practitioners (clinic_id, id),
  FOREIGN KEY (clinic_id, location_id) REFERENCES locations (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  CHECK (status <> 'held' OR hold_expires_at IS NOT NULL),
  CHECK (status <> 'confirmed' OR patient_id IS NOT NULL),
  -- No double booking, by construction: live holds and confirmed bookings of one practitioner never overlap.
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (practitioner_id WITH =, blocked WITH &&)
    WHERE (status IN ('held', 'confirmed'))
);
CREATE INDEX bookings_clinic_start ON bookings (clinic_id, starts_at);
-- Busy-time reads use the exclusion constraint's own gist index on (practitioner_id, blocked).

CREATE TABLE idempotency_keys (
  clinic_id      text NOT NULL REFERENCES clinics(id),
  key            text NOT NULL,
  request_hash   bytea NOT NULL,
  status_code    integer NOT NULL,
  response_body  jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, key)
);

-- Append-only: every read or change of patient data leaves one row here.
CREATE TABLE audit_events (
  id           bigserial PRIMARY KEY,
  clinic_id    text NOT NULL REFERENCES clinics(id),
  actor_type   text NOT NULL,
  actor_id     text NOT NULL,
  action       text NOT NULL,
  object_type  text NOT NULL,
  object_id    text NOT NULL,
  request_id   text,
  client_ip    text,
  occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_clinic ON audit_events (clinic_id, occurred_at);

CREATE FUNCTION frontdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk_append_only();
