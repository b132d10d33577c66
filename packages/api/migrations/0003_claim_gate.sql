-- The gate every single-statement claim passes: take the practitioner's advisory lock, then look for
-- an overlapping live hold or booking. PL/pgSQL runs each command with a fresh snapshot under READ
-- COMMITTED, so the look happens after the lock and sees whoever held it before; a loser then writes
-- nothing and raises nothing, and the lock queue moves at the speed of one index probe. The exclusion
-- constraint still has the last word.

CREATE FUNCTION frontdesk_claim_gate(practitioner text, wanted tstzrange, at timestamptz)
RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1, hashtext(practitioner));
  RETURN NOT EXISTS (
    SELECT 1 FROM bookings
     WHERE practitioner_id = practitioner
       AND status IN ('held', 'confirmed')
       AND blocked && wanted
       AND (status = 'confirmed' OR hold_expires_at > at));
END
$$;
