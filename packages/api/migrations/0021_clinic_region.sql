-- Where a clinic's data lives: a short region code (`eu`, `us`, `in`, `eu-central`) naming the deployment,
-- and so the database, that holds it. NULL is a clinic made before regions, or on a deployment that names
-- none. A deployment with FRONTDESK_REGION tags the clinics it creates and refuses to start on a database
-- holding another region's clinics (src/catalogue/region.ts).
ALTER TABLE clinics
  ADD COLUMN region text
    CONSTRAINT clinics_region_code CHECK (char_length(region) <= 32 AND region ~ '^[a-z]{2}(-[a-z0-9]+)*$');

-- A region is set once: an untagged clinic may be tagged, but a tagged one never moves to another region by
-- an UPDATE, whoever runs it. Moving a clinic is an export from one deployment and an import into another.
CREATE FUNCTION frontdesk_clinic_region_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.region IS NOT NULL AND NEW.region IS DISTINCT FROM OLD.region THEN
    RAISE EXCEPTION 'a clinic''s region is fixed once set (clinic %, region %)', OLD.id, OLD.region
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER clinics_region_fixed BEFORE UPDATE OF region ON clinics
  FOR EACH ROW EXECUTE FUNCTION frontdesk_clinic_region_fixed();
