/**
 * Evaluates Lumos readiness for 10,000 synthetic principals in process and prints the time.
 * Run: npx tsx bench/iam-readiness.ts [count]
 */

import { performance } from 'node:perf_hooks';
import { DEFAULT_ROLE_PERMISSION_TABLE } from '../src/iam/default-role-permissions.ts';
import type { AccessCatalog } from '../src/iam/effective-permissions.ts';
import type { RoleAssignmentRecord, RoleTarget } from '../src/iam/model.ts';
import { evaluateLumosReadiness } from '../src/iam/readiness/evaluate.ts';
import type { LumosReadinessStatus, ReadinessInput } from '../src/iam/readiness/types.ts';
import { LUMOS_CUSTOM_ROLE_PERMISSIONS } from '../src/sim/demo-setup.ts';

const COUNT = Number(process.argv[2] ?? 10_000);
const org = { id: '00o1bench', partition: 'okta', url: 'https://bench.okta.com' };
const LUMOS = [...LUMOS_CUSTOM_ROLE_PERMISSIONS];
const catalog: AccessCatalog = {
  org,
  table: DEFAULT_ROLE_PERMISSION_TABLE,
  customRoles: new Map([
    ['cr0full', { id: 'cr0full', label: 'Lumos', description: null, permissions: LUMOS }],
    ['cr0part', { id: 'cr0part', label: 'Lumos lite', description: null, permissions: LUMOS.slice(1, 6) }],
  ]),
  resourceSets: new Map([
    [
      'iamAll',
      {
        resources: ['users', 'groups'].map((t, i) => ({
          id: `r${i}`,
          orn: `orn:okta:directory:00o1bench:${t}`,
        })),
      },
    ],
    [
      'iamSome',
      { resources: [{ id: 'r9', orn: 'orn:okta:directory:00o1bench:groups:00g1:contained_resources' }] },
    ],
  ]),
};

// mulberry32: a tiny seeded generator, so every run evaluates the same principals.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const ROLE_MIXES: readonly (readonly string[])[] = [
  ['SUPER_ADMIN'],
  ['GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN', 'REPORT_ADMIN'],
  ['ORG_ADMIN'],
  ['READ_ONLY_ADMIN'],
  ['CUSTOM:cr0full:iamAll', 'APP_ADMIN', 'REPORT_ADMIN'],
  ['CUSTOM:cr0part:iamSome', 'API_ACCESS_MANAGEMENT_ADMIN'],
  ['HELP_DESK_ADMIN', 'WORKFLOWS_ADMIN'],
  [],
];
const SCOPES = [
  'okta.users.manage',
  'okta.apps.manage',
  'okta.groups.manage',
  'okta.roles.read',
  'okta.logs.read',
  'okta.schemas.read',
];

function principal(i: number): ReadinessInput {
  const kind = pick(['USER', 'USER', 'USER', 'GROUP', 'SERVICE_APP'] as const);
  const key = `${kind === 'SERVICE_APP' ? '0oa' : kind === 'GROUP' ? '00g' : '00u'}${i}`;
  const assignments: RoleAssignmentRecord[] = pick(ROLE_MIXES).map((spec, n) => {
    const [type, customRoleId = null, resourceSetId = null] = spec.split(':');
    const targets: RoleTarget[] | null =
      random() < 0.2 && type === 'GROUP_MEMBERSHIP_ADMIN' ? [{ kind: 'GROUP', groupId: `00g${n}` }] : null;
    const viaGroup = kind === 'USER' && random() < 0.3;
    return {
      id: `ra${i}-${n}`,
      principalKind: kind,
      principalKey: key,
      type: type!,
      label: type!,
      status: random() < 0.05 ? 'INACTIVE' : 'ACTIVE',
      assignmentType: kind === 'SERVICE_APP' ? 'CLIENT' : viaGroup || kind === 'GROUP' ? 'GROUP' : 'USER',
      customRoleId,
      resourceSetId,
      inheritedFromGroupId: viaGroup ? `00g${n}` : null,
      targets,
    };
  });
  return {
    principal: { kind, key, displayName: key },
    assignments,
    grantedScopes: kind === 'SERVICE_APP' ? SCOPES.filter(() => random() < 0.9) : null,
    access: random() < 0.8 ? 'FULL' : 'READ_ONLY',
  };
}

const inputs = Array.from({ length: COUNT }, (_, i) => principal(i));
// Warm the JIT and the per-catalog caches on a small slice first, then time the whole set.
for (const input of inputs.slice(0, 200)) evaluateLumosReadiness(input, catalog);
const started = performance.now();
const statuses = new Map<LumosReadinessStatus, number>();
for (const input of inputs) {
  const { status } = evaluateLumosReadiness(input, catalog);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
}
const elapsed = performance.now() - started;
console.log(
  `iam-readiness: ${COUNT} principals in ${elapsed.toFixed(1)} ms (${((elapsed * 1000) / COUNT).toFixed(1)} µs each)`,
);
console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
