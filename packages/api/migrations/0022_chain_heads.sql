-- The anchored heads of each clinic's two hash chains (the audit trail and the consent ledger). A chain
-- proves that nothing inside it changed, but not that nothing was cut off its end: removing the newest
-- records (with their seals) leaves a shorter chain that still holds link by link. Each head names how
-- many records the chain holds and the newest one's hash, signed with Ed25519 under a key derived from
-- the master key (src/crypto/chain-head-keys.ts), so someone with access to the database alone can
-- neither make one up nor change one. The head moves in the same transaction that appends to the chain
-- (for the audit trail: each seal). Chains that exist already get their head from the data step beside
-- this file (src/ledger/anchor-existing.ts), which needs the master key.
CREATE TABLE chain_heads (
  clinic_id  text NOT NULL REFERENCES clinics(id),
  chain      text NOT NULL CHECK (chain IN ('audit', 'consent')),
  count      bigint NOT NULL CHECK (count >= 0),
  hash       bytea NOT NULL,
  signed_at  timestamptz NOT NULL,
  key_id     text NOT NULL,
  signature  bytea NOT NULL,
  PRIMARY KEY (clinic_id, chain)
);
SELECT frontdesk_isolate_clinic_table('chain_heads');
-- The API moves heads forward; it never removes one.
REVOKE DELETE, TRUNCATE ON chain_heads FROM frontdesk_app;

-- Whether that data step has run: the app role reads no schema_migrations (0013), only this answer.
CREATE FUNCTION frontdesk_chains_anchored() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = '0022_chain_heads.data') $$;
REVOKE ALL ON FUNCTION frontdesk_chains_anchored() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk_chains_anchored() TO frontdesk_app;
