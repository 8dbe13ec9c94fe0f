// Prisma CLI configuration (Prisma 7). Only `prisma generate` runs on machines
// without Prisma's schema engine; migrations are applied by @shop/database.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // generate needs no database, so a missing DATABASE_URL must not stop it.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
