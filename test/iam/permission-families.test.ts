/**
 * Each permission applies to exactly the resources the seed's "Applicable resources" column names
 * for it, every row: the ORNs that name those resources (the seed's "Supported resources" table)
 * fit the permission, and no other ORN does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrn } from '../../src/iam/orn.ts';
import { PERMISSION_CATALOG } from '../../src/iam/permission-catalog.ts';
import { orgWideOrn, ornFitsFamily, permissionFamily } from '../../src/iam/resource-family.ts';
import { ORG, SEED_DIR } from './fixtures.ts';

const seedPath = new URL('okta-roles-permissions-resources.txt', SEED_DIR);
const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : '';

/** The permission table: name -> its "Applicable resources" cell, split at commas. */
function applicableResources(): Map<string, string[]> {
  const start = seed.indexOf('Permission\nDescription Applicable resources');
  const end = seed.indexOf('\nResources\n', start);
  const rows = seed
    .slice(start, end)
    .split(/\n(?=okta\.)/)
    .slice(1);
  return new Map(
    rows.map((row) => {
      const text = row.replace(/\s+/g, ' ').trim();
      const name = text.split(' ')[0]!;
      // The cell always starts with "All ...": the last " All " starts it (descriptions say "Allows").
      const cell = text.slice(text.lastIndexOf(' All ') + 1);
      return [name, cell.split(', ').map((r) => r.toLowerCase())];
    }),
  );
}

/** The "Supported resources" tables: resource name (lower case) -> ORN on the test org. */
function supportedResourceOrns(): Map<string, string> {
  const orns = new Map<string, string>();
  const tables = seed.slice(seed.indexOf('Supported resources'));
  for (const line of tables.replace(/\n(?=orn:)/g, ' ').split('\n')) {
    const m = /^(.+?) (orn:\S+)/.exec(line.trim());
    if (!m) continue;
    const orn = m[2]!
      .replace('{partition}', ORG.partition)
      .replace(/\{(yourOrgId|orgId)\}/, ORG.id)
      .replace(/\{(groupId|appType|appId|authorizationServerId|flowId)\}/g, (_x, part) => `${part}1`);
    orns.set(m[1]!.toLowerCase(), orn);
  }
  return orns;
}

describe.skipIf(!existsSync(seedPath))('permission families against the seed (needs ../shared)', () => {
  const table = applicableResources();
  const orns = supportedResourceOrns();

  it('reads every permission row and every supported resource out of the seed', () => {
    expect([...table.keys()].sort()).toEqual(PERMISSION_CATALOG.map((p) => p.name).sort());
    expect(orns.get('all users')).toBe(`orn:okta:directory:${ORG.id}:users`);
    expect(orns.get('a specific app')).toBe(`orn:okta:idp:${ORG.id}:apps:appType1:appId1`);
    expect(orns.size).toBe(18);
  });

  it.each([...table.keys()].map((name) => [name]))(
    '%s applies to exactly the resources the seed names',
    (name) => {
      const applicable = table.get(name)!;
      const family = permissionFamily(name);
      const named = applicable.filter((r) => orns.has(r));
      // Agents, directory integrations and realms have no ORN: nothing names them, nothing fits.
      if (named.length === 0) {
        expect(family).toBeNull();
        return;
      }
      expect(named).toEqual(applicable);
      expect(family).not.toBeNull();
      expect(orgWideOrn(family!, ORG)).toBe(orns.get(applicable[0]!));
      for (const [resource, orn] of orns) {
        expect(ornFitsFamily(parseOrn(orn), family!), `${name} on ${resource}`).toBe(
          applicable.includes(resource),
        );
      }
    },
  );

  it('says what the issue found wrong: users.create on groups, groups.create on all groups only, first-party apps on access requests', () => {
    expect(table.get('okta.users.create')).toEqual(['all groups', 'a specific group']);
    expect(permissionFamily('okta.users.create')).toBe('groups');
    expect(permissionFamily('okta.groups.create')).toBe('all_groups');
    expect(permissionFamily('okta.apps.manageFirstPartyApps')).toBe('requests');
  });
});
