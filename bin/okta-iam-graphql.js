#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install`'s prepare step or `npm run build`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli/index.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('okta-iam-graphql: not built (dist/ is missing): run `npm install` or `npm run build` first');
  process.exit(1);
}
await import(cli.href);
