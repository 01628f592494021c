import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns changes in src/store/schema.ts into a new forward-only SQL migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/store/schema.ts', './server/src/store/schema-*.ts'],
  out: './server/migrations',
});
