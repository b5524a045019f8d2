import { defineConfig } from 'drizzle-kit';

// drizzle-kit only writes the SQL migrations; they are reviewed and applied by server/db/migrate.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/schema.ts',
  out: './server/db/migrations',
});
