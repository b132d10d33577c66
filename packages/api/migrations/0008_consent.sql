-- Consent: documents a clinic authors (versions and texts never change once published, each text with
-- the hash a record must name) and the ledger of decisions. The ledger is append-only and chained per
-- clinic: each record's hash covers the previous record's hash and its own evidence, so changing,
-- removing or reordering any record breaks the chain from there on (`frontdesk consent verify`).
-- Who signed, a typed name and a drawn signature are patient data: stored sealed (0005).

CREATE TABLE consent_documents (
  id               text PRIMARY KEY,
  clinic_id        text NOT NULL REFERENCES clinics(id),
  name             text NOT NULL,
  purpose          text NOT NULL CHECK (purpose IN ('treatment', 'privacy_notice', 'telehealth', 'data_sharing',
                                                    'marketing_email', 'marketing_sms', 'marketing_whatsapp')),
  current_version  integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, id)
);
CREATE INDEX consent_documents_clinic ON consent_documents (clinic_id, created_at);

CREATE TABLE consent_document_versions (
  clinic_id     text NOT NULL,
  document_id   text NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  legal_basis   text NOT NULL,
  method        text NOT NULL CHECK (method IN ('checkbox', 'typed_name', 'drawn_signature')),
  published_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, version),
  FOREIGN KEY (clinic_id, document_id) REFERENCES consent_documents (clinic_id, id)
);

CREATE TABLE consent_texts (
  document_id  text NOT NULL,
  version      integer NOT NULL,
  language     text NOT NULL,
  title        text NOT NULL,
  -- Sanitized HTML, exactly as shown; hash = SHA-256 of title || '\n' || html.
  html         text NOT NULL,
  hash         bytea NOT NULL,
  PRIMARY KEY (document_id, version, language),
  FOREIGN KEY (document_id, version) REFERENCES consent_document_versions (document_id, version)
);

CREATE TRIGGER consent_document_versions_append_only BEFORE UPDATE OR DELETE ON consent_document_versions
  FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only();
CREATE TRIGGER consent_texts_append_only BEFORE UPDATE OR DELETE ON consent_texts
  FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only();

CREATE TABLE consent_records (
  id                  text PRIMARY KEY,
  clinic_id           text NOT NULL REFERENCES clinics(id),
  sequence            bigint NOT NULL CHECK (sequence >= 1),
  document_id         text NOT NULL,
  version             integer NOT NULL,
  language            text NOT NULL,
  text_hash           bytea NOT NULL,
  decision            text NOT NULL CHECK (decision IN ('given', 'refused', 'withdrawn')),
  method              text NOT NULL,
  signer_relation     text NOT NULL CHECK (signer_relation IN ('self', 'parent', 'legal_guardian')),
  signer_name         bytea,
  typed_name          bytea,
  signature           bytea,
  patient_id          text,
  booking_id          text,
  intake_response_id  text,
  withdraws           text REFERENCES consent_records(id),
  recorded_at         timestamptz NOT NULL,
  origin              text,
  receipt_token_hash  bytea UNIQUE,
  prev_hash           bytea NOT NULL,
  hash                bytea NOT NULL,
  UNIQUE (clinic_id, sequence),
  UNIQUE (clinic_id, id),
  FOREIGN KEY (document_id, version, language) REFERENCES consent_texts (document_id, version, language),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  CHECK ((decision = 'withdrawn') = (withdraws IS NOT NULL))
);
CREATE INDEX consent_records_patient ON consent_records (clinic_id, patient_id, sequence);
CREATE INDEX consent_records_booking ON consent_records (booking_id) WHERE booking_id IS NOT NULL;

CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only();
CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON consent_records
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk_append_only();
