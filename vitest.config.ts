import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test's result as it finishes: a long e2e file is not minutes of silence.
    reporters: ['verbose'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Each file drives its own Chromium; two cores do not take more than one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
