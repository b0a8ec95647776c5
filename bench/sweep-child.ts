/**
 * The gateway alone in a process: one admin readiness sweep against a simulator elsewhere, then
 * its peak resident memory. Prints one JSON line. Run (bench/memory.ts does): node dist/bench/sweep-child.js URL TOKEN
 */
import { createBenchGateway } from './gateway.ts';
import { runSweep } from './operations.ts';

const [url, apiToken] = process.argv.slice(2);
if (!url || !apiToken) throw new Error('usage: sweep-child.ts URL TOKEN');
const MB = 1024;
const beforeRssMB = process.memoryUsage().rss / 1024 / 1024;
const gw = createBenchGateway({ url, apiToken });
const started = performance.now();
const result = await runSweep(gw);
const ms = performance.now() - started;
// maxRSS: the peak resident set of this process over its life, in KiB.
const peakRssMB = process.resourceUsage().maxRSS / MB;
process.stdout.write(`${JSON.stringify({ admins: result.items, ms, beforeRssMB, peakRssMB })}\n`);
