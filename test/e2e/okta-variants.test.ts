/**
 * The end-to-end answers (admins with their assignments, effective permissions and readiness,
 * every service app, the catalog, a snapshot round trip) under each Okta variant the simulator
 * has, and under all of them at once (strict), against the simulator's default. Where Okta's docs
 * are silent the gateway must not depend on the answer: the answers are identical, apart from what
 * a variant makes true, which each normalization below names and the tests check by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrgSnapshot } from '../../src/cli/snapshot/read-org.ts';
import { createOktaClient } from '../../src/okta/client.ts';
import { createOktaDirectory } from '../../src/okta/okta-directory.ts';
import { createSnapshotReads } from '../../src/okta/snapshot-reads.ts';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { CUSTOM_CLIENT_ID, OKTA_VARIANTS } from '../../src/sim/index.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const ANSWERS = `{
  admins {
    kind key displayName
    roleAssignments { role { key kind } assignmentType status inheritedFrom { key } resourceSet { key } targets }
    effectivePermissions { permission { name } scope grantedBy { role { key } } }
    lumosReadiness {
      status missingRoles missingPermissions missingScopes remediation
      capabilities { name available limitedTo missing }
      warnings { code }
    }
  }
  serviceApps { key displayName grantedScopes lumosReadiness { status missingScopes } }
  noRole: lumosReadiness(principal: "${DEMO_USERS.noRole.login}") { status missingRoles }
  superGroup: lumosReadiness(principal: "${DEMO_USERS.superViaGroup.login}") { status warnings { code } }
  roles { key kind permissions { name } }
  resourceSets { key label resources { orn } bindings { role { key } members { key } } }
}`;

type Json = unknown;

/** What a variant makes true, undone so the rest can be compared with the default. */
const WORKFLOWS_ROLE = 'WORKFLOWS_ADMIN';
const WORKFLOWS_PERMISSION = 'okta.workflows.flows.manage';
const WORKFLOWS_SET = 'WORKFLOWS_IAM_POLICY';

/**
 * Undoes what the variants make true, on either side: ORNs of a preview org, the custom client
 * id, the unknown role type and permission, and the resources Okta does not list for predefined
 * IAM-policy sets; and the simulator's own URL, which every remediation's API call names.
 */
function normalize(value: Json, variants: readonly string[], orgUrl: string, defaultClientId: string): Json {
  const on = (v: string) => variants.includes(v) || variants.includes('strict');
  const walk = (v: Json): Json => {
    if (typeof v === 'string') {
      let s = v.replaceAll(orgUrl, 'ORG');
      if (on('preview')) s = s.replaceAll('orn:oktapreview:', 'orn:okta:');
      if (on('client-id-chars')) s = s.replaceAll(CUSTOM_CLIENT_ID, defaultClientId);
      return s;
    }
    if (Array.isArray(v)) {
      return v
        .filter((item) => {
          if (!on('new-role-types') || item === null || typeof item !== 'object') return true;
          const o = item as Record<string, unknown>;
          const key = (o.role as { key?: string } | undefined)?.key ?? o.key;
          const name = (o.permission as { name?: string } | undefined)?.name ?? o.name;
          return (
            key !== WORKFLOWS_ROLE &&
            key !== WORKFLOWS_SET &&
            name !== WORKFLOWS_PERMISSION &&
            o.code !== 'UNKNOWN_ROLE_TYPE'
          );
        })
        .map(walk);
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const unlisted = on('iam-policy-404') && typeof o.key === 'string' && o.key.endsWith('_IAM_POLICY');
      return Object.fromEntries(
        Object.entries(o).map(([k, x]) => [k, unlisted && k === 'resources' ? [] : walk(x)]),
      );
    }
    return v;
  };
  return walk(value);
}

async function answers(gw: TestGateway): Promise<Record<string, Json>> {
  const result = await gw.fetchGraphQL(ANSWERS);
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, Json>;
}

const CASES = [...OKTA_VARIANTS.map((v) => [v]), ['strict']];

describe('end-to-end answers under every Okta variant', () => {
  let reference: TestGateway;
  let baseline: Record<string, Json>;
  let defaultClientId: string;

  beforeAll(async () => {
    reference = await startTestGateway();
    baseline = await answers(reference);
    const full = reference.sim.org.apps.find((a) => a.label === 'Lumos Connector (full)');
    defaultClientId = full?.oauthClient?.clientId ?? '';
  });

  afterAll(async () => {
    await reference?.close();
  });

  it('has the group holding SUPER_ADMIN, whose members hold no role of their own, in the default answer', () => {
    const superGroupId = reference.sim.org.groups.find(
      (g) => g.profile.name === DEMO_GROUPS.superAdmins.name,
    )?.id;
    const admins = baseline.admins as { kind: string; key: string }[];
    expect(admins).toContainEqual(expect.objectContaining({ kind: 'GROUP', key: superGroupId }));
  });

  it.each(CASES)('answers identically under %s, apart from what the variant makes true', async (variant) => {
    const gw = await startTestGateway({ sim: { variants: [variant] } });
    try {
      const got = await answers(gw);
      expect(normalize(got, [variant], gw.sim.url, defaultClientId)).toEqual(
        normalize(baseline, [variant], reference.sim.url, defaultClientId),
      );
      const superGroupId = gw.sim.org.groups.find((g) => g.profile.name === DEMO_GROUPS.superAdmins.name)?.id;
      expect(got.admins).toContainEqual(expect.objectContaining({ kind: 'GROUP', key: superGroupId }));
      const statuses = gw.sim.requestLog.map((e) => e.status);
      // No error reached a field, and every 404 was one the variant answers for a list of nothing.
      if (variant !== 'no-roles-404' && variant !== 'iam-policy-404' && variant !== 'strict') {
        expect(statuses.filter((s) => s >= 400 && s !== 429)).toEqual([]);
      }
      expect(gw.sim.requestLog.filter((e) => e.method !== 'GET' && e.path !== '/oauth2/v1/token')).toEqual(
        [],
      );
    } finally {
      await gw.close();
    }
  });

  it('shows the unknown role type under new-role-types as it is, granting nothing, with a warning', async () => {
    const gw = await startTestGateway({ sim: { variants: ['new-role-types'] } });
    try {
      const got = (await answers(gw)).admins as {
        key: string;
        displayName: string;
        roleAssignments: { role: { key: string; kind: string } }[];
        effectivePermissions: { permission: { name: string } }[];
        lumosReadiness: { status: string; warnings: { code: string }[] };
      }[];
      const orgAdmin = got.find((a) => a.displayName === 'Otto Orgadmin');
      expect(orgAdmin?.roleAssignments.map((a) => a.role.key).sort()).toEqual(['ORG_ADMIN', WORKFLOWS_ROLE]);
      expect(orgAdmin?.lumosReadiness.warnings.map((w) => w.code)).toContain('UNKNOWN_ROLE_TYPE');
      const defaultOrgAdmin = (baseline.admins as typeof got).find((a) => a.displayName === 'Otto Orgadmin');
      expect(orgAdmin?.effectivePermissions).toEqual(defaultOrgAdmin?.effectivePermissions);
      expect(orgAdmin?.lumosReadiness.status).toBe(defaultOrgAdmin?.lumosReadiness.status);
    } finally {
      await gw.close();
    }
  });

  it('round-trips a snapshot taken under strict into a simulator with the same admin answers', async () => {
    const gw = await startTestGateway({ sim: { variants: ['strict'] } });
    try {
      const client = createOktaClient({
        orgUrl: gw.sim.url,
        credentials: { mode: 'apiToken', token: gw.sim.apiToken },
      });
      const snapshot = await readOrgSnapshot(
        createOktaDirectory(client),
        createSnapshotReads(client.getJson),
        {
          concurrency: 4,
        },
      );
      const copy = await startTestGateway({ sim: { org: snapshot } });
      try {
        const [original, copied] = await Promise.all([answers(gw), answers(copy)]);
        expect(normalize(copied, [], copy.sim.url, '')).toEqual(normalize(original, [], gw.sim.url, ''));
      } finally {
        await copy.close();
      }
    } finally {
      await gw.close();
    }
  });
});
