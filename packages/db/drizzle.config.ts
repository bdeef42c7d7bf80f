import { defineConfig } from 'drizzle-kit';

/** `npm run generate -w @classfit/db` writes SQL migrations to drizzle/ (committed, applied by createDb). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
