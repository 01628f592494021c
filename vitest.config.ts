import { defineConfig } from 'vitest/config';

// One runner for every TypeScript package. Unit tests sit beside the code; cross-package
// integration and end-to-end tests live in test/ and talk to real PostgreSQL and Redis.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      { test: { name: 'server', include: ['server/src/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      { test: { name: 'emulators', include: ['emulators/src/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      { test: { name: 'bench', include: ['bench/**/*.test.ts'], environment: 'node' } },
      {
        test: { name: 'hubspot-app', include: ['hubspot-app/**/*.test.{ts,tsx}'], exclude: ['**/node_modules/**'], environment: 'node' },
        esbuild: { jsx: 'automatic' },
      },
      {
        test: { name: 'console', include: ['console/src/**/*.test.{ts,tsx}'], environment: 'node' },
        esbuild: { jsx: 'automatic' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
