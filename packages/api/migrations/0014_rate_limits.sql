-- Rate-limit counters, shared by every API instance on one PostgreSQL server (src/rate-limit/). The shape
-- is exactly what rate-limiter-flexible's RateLimiterPostgres creates for itself; creating it here means
-- the app never needs CREATE rights. A key is `<policy>:<sha256 of the subject>`: no address, email or
-- token is stored. `expire` is milliseconds since the epoch; the limiter deletes rows an hour past it.
--
-- UNLOGGED: counters are worth nothing after a crash, and writing no WAL lets the commit of each
-- request's upsert skip the flush to disk. After a crash or a failover the counters start again at zero.
-- No index on expire: the sweep runs every five minutes, while an index would cost every request's
-- update (and stop it being a HOT update, which the spare room left by fillfactor makes likely).
CREATE UNLOGGED TABLE rate_limits (
  key     varchar(255) PRIMARY KEY,
  points  integer NOT NULL DEFAULT 0,
  expire  bigint
) WITH (fillfactor = 70);

-- Not a clinic table (no row-level security): the app role counts for every clinic.
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO frontdesk_app;
