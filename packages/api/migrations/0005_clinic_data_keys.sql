-- Envelope encryption of patient data at rest: every clinic has its own 32-byte data key, kept here
-- only wrapped (AES-256-GCM) by the master key from FRONTDESK_MASTER_KEY, which never enters the
-- database. Sealed fields record the version of the key that sealed them: rotation adds a version and
-- the older ones stay, so what they sealed still opens. master_key_id (a truncated SHA-256 of the
-- master key) tells a process started with the wrong master key why nothing opens.

CREATE TABLE clinic_data_keys (
  clinic_id      text NOT NULL REFERENCES clinics(id),
  -- Two bytes in every sealed value's header.
  version        integer NOT NULL CHECK (version BETWEEN 1 AND 65535),
  wrapped        bytea NOT NULL,
  master_key_id  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, version)
);
