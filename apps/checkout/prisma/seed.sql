-- Demo catalog for the local stack (applied by `npm start` after the
-- migrations; safe to run again). enrollment/prisma/seed.sql holds the seats
-- of the same course ids.
INSERT INTO "courses" ("id", "slug", "title", "price_minor", "currency", "capacity_hint", "updated_at") VALUES
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01', 'async-messaging-101', 'Asynchronous Messaging 101', 4900, 'EUR', 100, now()),
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f02', 'grpc-in-practice', 'gRPC in Practice', 5900, 'EUR', 50, now()),
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f03', 'kafka-events-deep-dive', 'Kafka Events Deep Dive', 6900, 'EUR', 50, now()),
  ('6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04', 'outbox-pattern-masterclass', 'The Outbox Pattern Masterclass', 3900, 'EUR', 1, now())
ON CONFLICT ("id") DO NOTHING;
