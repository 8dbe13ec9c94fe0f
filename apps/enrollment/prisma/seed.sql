-- Seats of the demo catalog (checkout/prisma/seed.sql has the same course ids).
-- The masterclass has a single seat, so a second purchase shows compensation.
INSERT INTO "course_seats" ("course_id", "capacity", "updated_at") VALUES
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01', 100, now()),
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f02', 50, now()),
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f03', 50, now()),
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04', 1, now())
ON CONFLICT ("course_id") DO NOTHING;
