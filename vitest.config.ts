import { defineConfig } from 'vitest/config'

// Test tiers mirror the tree (STYLE.md §9). `#shared/*` resolves through package.json
// "imports", exactly as it does for Vite and for the server under Node.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/postgres.global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // Real Chromium against a real server process serving dist/ (built by the global
          // setup when missing or stale). One file at a time: each starts a server and a
          // browser, and the machine has two cores.
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/support/e2e.global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // What a test waits for after a full navigation (the app's boot, then its API
          // calls) can take more than the default second on a loaded two-core machine; a
          // poll that succeeds returns at once, so only a failure waits the longer.
          expect: { poll: { timeout: 5_000 } },
        },
      },
    ],
  },
})
