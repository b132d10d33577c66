// Where better-auth's tables live: their own schema, apart from the clinic tables (migration 0016).
export const STAFF_SCHEMA = 'staff'
