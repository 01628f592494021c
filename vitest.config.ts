import { defineConfig } from 'vitest/config';

// One runner for every TypeScript package. Unit tests sit beside the code; cross-package
// integration and end-to-end tests live in test/ and talk to real PostgreSQL and Redis.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'server', include: ['server/src/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      { test: { name: 'emulators', include: ['emulators/src/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
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
