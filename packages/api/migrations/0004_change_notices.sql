-- Change notices: API processes keep keys and clinic settings in memory and must hear when they move.
-- A committed change to a clinic row (its settings, or its catalogue_version, which every catalogue and
-- schedule change bumps) or to one of its API keys sends the clinic's id on 'frontdesk_changes'.
-- PostgreSQL delivers a NOTIFY only after its transaction commits, and folds repeats within one.

-- The trigger's argument names the column holding the clinic's id.
CREATE FUNCTION frontdesk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('frontdesk_changes', to_jsonb(OLD) ->> TG_ARGV[0]);
  RETURN NULL;
END
$$;

CREATE TRIGGER clinics_notify_change AFTER UPDATE OR DELETE ON clinics
  FOR EACH ROW EXECUTE FUNCTION frontdesk_notify_change('id');
CREATE TRIGGER api_keys_notify_change AFTER UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION frontdesk_notify_change('clinic_id');
