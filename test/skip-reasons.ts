/**
 * vitest globalSetup: one line per group of tests that skip on this machine, and why, so that
 * `npm test` says it (the default reporter shows a skipped test's name only in verbose mode).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HAS_REDIS_SERVER, NO_REDIS_SERVER } from '../bench/redis-server.ts';
import { HAS_DIST, NO_DIST } from './cli/run-cli.ts';

const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

export default function printSkipReasons(): void {
  const reasons: string[] = [];
  if (!existsSync(SHARED)) {
    reasons.push(
      `tests that read ../shared skip: ${SHARED} is absent (OpenAPI conformance, scopes against the spec, the design contract, the seed tables)`,
    );
  } else if (!existsSync(`${SHARED}okta-openapi`)) {
    reasons.push(`tests that read Okta's OpenAPI skip: ${SHARED}okta-openapi is absent`);
  }
  if (!existsSync(CHROMIUM)) reasons.push(`the GraphiQL browser test skips: ${CHROMIUM} is absent`);
  if (!HAS_REDIS_SERVER) reasons.push(NO_REDIS_SERVER);
  if (!HAS_DIST) reasons.push(NO_DIST);
  for (const reason of reasons) console.log(`skipped: ${reason}`);
}
