-- Every script-tag bundle the API has served (src/widgets/bundle-store.ts), kept by its hash: a page that
-- pinned /v1/widgets/<hash>.js with its Subresource Integrity keeps loading those exact bytes after the API
-- is upgraded to newer widgets. Rows are written when an instance first serves a bundle (any instance
-- may, at once: the hash is the key, and the same hash is the same bytes).
--
-- Not a clinic table: the scripts are the same for every clinic and carry no key, so there is no
-- clinic_id and no row-level security, like rate_limits (0014). Published bytes never change: the app
-- role reads and adds rows, and may neither change nor remove one.
CREATE TABLE widget_bundles (
  -- The first 16 hex characters of the SHA-256 of body: the immutable URL's name.
  hash        text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{16}$'),
  -- The script it was served as first: widgets (all-in-one), booking, intake, consent, rights-request.
  name        text NOT NULL CHECK (name ~ '^[a-z][a-z-]{0,39}$'),
  -- The uncompressed bytes, which the browser checks against integrity; compressed again when served.
  body        bytea NOT NULL,
  -- sha384-<base64> of body, as /v1/widgets.json published it.
  integrity   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON widget_bundles TO frontdesk_app;
REVOKE UPDATE, DELETE, TRUNCATE ON widget_bundles FROM frontdesk_app;
