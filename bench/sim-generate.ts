/**
 * How long the simulator's demo org generator takes for a large org, and how much memory the org
 * holds. Run: `npx tsx bench/sim-generate.ts [users]` (default 100000; the other sizes scale as in
 * the task: 5000 groups, 1000 apps, 100 service apps, 50 custom roles, 50 resource sets, 500
 * admins). Add `--expose-gc` through NODE_OPTIONS for a steadier heap figure.
 */
import { generateDemoOrg } from '../src/sim/generate.ts';
import { parseSnapshot, serializeSnapshot } from '../src/sim/snapshot.ts';

const users = Number(process.argv[2] ?? 100_000);
const MB = 1024 * 1024;
const collect = () => (globalThis as { gc?: () => void }).gc?.();

collect();
const before = process.memoryUsage();
const started = performance.now();
const org = generateDemoOrg({
  users,
  groups: 5000,
  apps: 1000,
  serviceApps: 100,
  customRoles: 50,
  resourceSets: 50,
  admins: 500,
});
const generateMs = performance.now() - started;
collect();
const after = process.memoryUsage();

const validateStarted = performance.now();
parseSnapshot(org);
const validateMs = performance.now() - validateStarted;
const serializeStarted = performance.now();
const bytes = Buffer.byteLength(serializeSnapshot(org));
const serializeMs = performance.now() - serializeStarted;
const memberships = org.memberships.reduce((sum, m) => sum + m.userIds.length, 0);

const round = (n: number) => Math.round(n);
console.log(
  JSON.stringify(
    {
      users: org.users.length,
      groups: org.groups.length,
      memberships,
      apps: org.apps.length,
      roleAssignments: org.roleAssignments.length,
      generateMs: round(generateMs),
      heapDeltaMB: round((after.heapUsed - before.heapUsed) / MB),
      rssDeltaMB: round((after.rss - before.rss) / MB),
      validateMs: round(validateMs),
      serializeMs: round(serializeMs),
      fileMB: round(bytes / MB),
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    },
    null,
    2,
  ),
);
