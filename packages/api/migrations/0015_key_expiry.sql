-- Rolling an API key: the new key is issued at once and the old one keeps working until expires_at (the
-- overlap window), then is refused like a revoked key. replaced_by points from the old key to the one that
-- replaced it, so a key is rolled once: the next roll is of its replacement.
ALTER TABLE api_keys
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN replaced_by text REFERENCES api_keys(id);
