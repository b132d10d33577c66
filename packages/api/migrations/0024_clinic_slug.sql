-- The hosted booking page per clinic (`/c/<slug>`): the slug's shape (the column and its uniqueness are in
-- 0001), the page's look (accent colour, languages, logo) and the intake form that follows a booking there.
-- NOT VALID: a slug written before this migration (by `clinics create`) is left as it is; every new or
-- changed slug must have the shape the API checks (contracts' Slug), whoever writes it.
ALTER TABLE clinics
  ADD CONSTRAINT clinics_slug_shape
    CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$') NOT VALID,
  ADD COLUMN accent_color text
    CONSTRAINT clinics_accent_color_hex CHECK (accent_color ~ '^#[0-9a-f]{6}$'),
  ADD COLUMN page_languages text[] NOT NULL DEFAULT '{en}',
  ADD COLUMN hosted_intake_form_id text,
  ADD COLUMN hosted_intake_form_minor_id text;

-- The logo beside the clinic rather than in its row: the row is read on every request with a key, the
-- logo only by the page. Small (the API takes up to 256 KB) and public, so stored as it came.
CREATE TABLE clinic_logos (
  clinic_id    text PRIMARY KEY REFERENCES clinics (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  bytes        bytea NOT NULL CHECK (octet_length(bytes) <= 262144),
  -- Part of the logo's URL, so a browser never shows an old logo after a new upload.
  version      text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
SELECT frontdesk_isolate_clinic_table('clinic_logos', 'clinic_id');
