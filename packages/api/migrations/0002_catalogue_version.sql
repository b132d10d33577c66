-- A per-clinic counter bumped by every change to the catalogue and schedules, so API processes can
-- keep them in memory and know, from the clinic row they read anyway, when to load them again.

ALTER TABLE clinics ADD COLUMN catalogue_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION frontdesk_bump_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE clinics SET catalogue_version = catalogue_version + 1
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.clinic_id ELSE NEW.clinic_id END;
  RETURN NULL;
END
$$;

CREATE TRIGGER services_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON services
  FOR EACH ROW EXECUTE FUNCTION frontdesk_bump_catalogue_version();
CREATE TRIGGER practitioners_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON practitioners
  FOR EACH ROW EXECUTE FUNCTION frontdesk_bump_catalogue_version();
CREATE TRIGGER practitioner_services_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON practitioner_services
  FOR EACH ROW EXECUTE FUNCTION frontdesk_bump_catalogue_version();
CREATE TRIGGER locations_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON locations
  FOR EACH ROW EXECUTE FUNCTION frontdesk_bump_catalogue_version();
CREATE TRIGGER weekly_hours_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON weekly_hours
  FOR EACH ROW EXECUTE FUNCTION frontdesk_bump_catalogue_version();
CREATE TRIGGER date_overrides_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON date_overrides
  FOR EACH ROW EXECUTE FUNCTION frontdesk_bump_catalogue_version();
CREATE TRIGGER time_off_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON time_off
  FOR EACH ROW EXECUTE FUNCTION frontdesk_bump_catalogue_version();
