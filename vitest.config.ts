import { defineConfig } from 'vitest/config';

/** The end-to-end files that run a second time signed in over OAuth with the default scopes. */
const E2E_OVER_OAUTH = [
  'test/e2e/principals.test.ts',
  'test/e2e/catalog.test.ts',
  'test/e2e/readiness.test.ts',
  'test/e2e/protection.test.ts',
  'test/e2e/okta-variants.test.ts',
  'test/e2e/who-can.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'default', include: ['test/**/*.test.ts'], globalSetup: ['test/skip-reasons.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e-oauth', include: E2E_OVER_OAUTH, env: { E2E_CREDENTIAL: 'oauth' } },
      },
    ],
  },
});
