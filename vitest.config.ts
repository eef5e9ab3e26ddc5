import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // Crash and fault loops spawn child processes; give them room without hiding hangs.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
