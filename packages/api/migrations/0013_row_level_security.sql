-- Isolation in depth: the API's queries run as frontdesk_app, a role that owns no table, is no superuser
-- and cannot bypass row-level security. Every clinic table has row-level security enabled and forced,
-- keyed on the clinic id each connection sets (app.clinic_id, see src/db/clinic-scope.ts), so a query
-- that forgets its clinic filter still sees only the clinic of the request, and one with no clinic set
-- sees nothing. current_setting() reads '' once a setting is cleared: NULLIF turns that into NULL,
-- which equals no clinic id.
--
-- Owner and FORCE: FORCE subjects the tables' owner to the policies too, so the clinic policy alone
-- would leave the owner (the system connection: migrations, principal lookups before a clinic is
-- known, background work across clinics) blind when it is not a superuser. Each table therefore also
-- gets a policy for its owner alone that lets every row through. The clinic policy applies to every
-- other role (PUBLIC), so a role added later without thought is scoped too, never unrestricted.
-- Superusers bypass row-level security whatever FORCE says: in PGlite and on a development server the
-- app connection is a superuser session that did SET ROLE frontdesk_app, which contains mistakes but
-- not an attacker who can run RESET ROLE. A production server should connect the app pool as a login
-- role that owns nothing (DATABASE_APP_URL, docs/storage.md).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'frontdesk_app') THEN
    BEGIN
      -- LOGIN so a deployment may connect as it; its password is set outside SQL files.
      CREATE ROLE frontdesk_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN
        -- Roles belong to the whole server: another database's migration made it a moment ago.
        NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'role frontdesk_app is missing and % may not create it', current_user
          USING HINT = 'As a superuser: CREATE ROLE frontdesk_app LOGIN NOSUPERUSER NOBYPASSRLS; '
                       'GRANT frontdesk_app TO ' || quote_ident(current_user) || ';';
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'frontdesk_app' AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'role frontdesk_app exists but bypasses row-level security: make it NOSUPERUSER NOBYPASSRLS';
  END IF;
  -- A migrating role that is no superuser must be a member to SET ROLE frontdesk_app on the app pool.
  -- Without the right to grant it, say so and go on: an app pool that logs in as frontdesk_app itself
  -- (DATABASE_APP_URL) needs no membership.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'frontdesk_app', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT frontdesk_app TO %I', current_user);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE '% is not a member of frontdesk_app: connect the app pool as it (DATABASE_APP_URL) or grant it', current_user;
    END;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO frontdesk_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO frontdesk_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO frontdesk_app;
-- Tables and sequences later migrations create (as the same migrating role) are granted alike.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO frontdesk_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO frontdesk_app;
-- Only migrations touch the migration log.
REVOKE ALL ON schema_migrations FROM frontdesk_app;
-- Append-only tables (triggers refuse changes already): the API may add rows, never change them.
REVOKE UPDATE, DELETE ON audit_events, audit_seals, consent_records, consent_document_versions,
  consent_texts, intake_form_versions FROM frontdesk_app;

-- Enables and forces row-level security on one clinic table; later migrations call it for new ones.
CREATE FUNCTION frontdesk_isolate_clinic_table(tbl regclass, key_column text DEFAULT 'clinic_id')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  owner text := (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = tbl);
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY clinic_isolation ON %s USING (%2$I = NULLIF(current_setting(''app.clinic_id'', true), '''')) '
      'WITH CHECK (%2$I = NULLIF(current_setting(''app.clinic_id'', true), ''''))',
    tbl, key_column);
  EXECUTE format('CREATE POLICY owner_unrestricted ON %s TO %I USING (true) WITH CHECK (true)', tbl, owner);
END
$$;
REVOKE EXECUTE ON FUNCTION frontdesk_isolate_clinic_table(regclass, text) FROM PUBLIC;

DO $$
DECLARE
  clinic_table regclass;
BEGIN
  PERFORM frontdesk_isolate_clinic_table('clinics', 'id');
  FOR clinic_table IN
    SELECT format('%I', c.table_name)::regclass
      FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'clinic_id' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name
  LOOP
    PERFORM frontdesk_isolate_clinic_table(clinic_table);
  END LOOP;
END
$$;

-- consent_texts carries no clinic_id but is a clinic's own document text: a row is visible when its
-- document is, and consent_documents' own policy decides that.
ALTER TABLE consent_texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent_texts FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON consent_texts
  USING (EXISTS (SELECT 1 FROM consent_documents d WHERE d.id = consent_texts.document_id))
  WITH CHECK (EXISTS (SELECT 1 FROM consent_documents d WHERE d.id = consent_texts.document_id));
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_unrestricted ON consent_texts TO %I USING (true) WITH CHECK (true)',
    (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'consent_texts'::regclass));
END
$$;
