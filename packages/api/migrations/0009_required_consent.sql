-- Which consent documents a service or an intake form asks for: the widgets show them after booking
-- that service or filling that form. Checked against the clinic's documents on write.
ALTER TABLE services ADD COLUMN consent_document_ids text[] NOT NULL DEFAULT '{}';
ALTER TABLE intake_forms ADD COLUMN consent_document_ids text[] NOT NULL DEFAULT '{}';
