-- Webhook endpoints a clinic registers, and what was delivered to them. The signing secret is kept
-- sealed by the clinic's data key (it must be read to sign); after a roll the previous one signs too
-- until it expires, so receivers can switch without missing a delivery.
CREATE TABLE webhook_endpoints (
  id                        text PRIMARY KEY,
  clinic_id                 text NOT NULL REFERENCES clinics(id),
  url                       text NOT NULL,
  events                    text[] NOT NULL,
  enabled                   boolean NOT NULL DEFAULT true,
  secret                    bytea NOT NULL,
  secret_hint               text NOT NULL,
  previous_secret           bytea,
  previous_expires_at       timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  deleted_at                timestamptz,
  UNIQUE (clinic_id, id)
);
CREATE INDEX webhook_endpoints_clinic ON webhook_endpoints (clinic_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
  id               text PRIMARY KEY,
  clinic_id        text NOT NULL,
  endpoint_id      text NOT NULL,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  status           text NOT NULL CHECK (status IN ('delivered', 'failed')),
  response_status  integer,
  error            text,
  duration_ms      integer NOT NULL,
  attempted_at     timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (clinic_id, endpoint_id) REFERENCES webhook_endpoints (clinic_id, id)
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, attempted_at);
