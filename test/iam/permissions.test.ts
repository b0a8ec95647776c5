import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSION_CATALOG } from '../../src/iam/permission-catalog.ts';
import { expandPermissions, findPermission } from '../../src/iam/permissions.ts';
import { SEED_DIR } from './fixtures.ts';

const seedPath = new URL('okta-roles-permissions-resources.txt', SEED_DIR);

describe.skipIf(!existsSync(seedPath))('the permission catalog against the Okta seed', () => {
  const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : '';
  const seedNames = [...seed.matchAll(/^(okta\.[A-Za-z.]+)\s/gm)].map((m) => m[1]!);

  it('reads the permission table out of the seed', () => {
    expect(seedNames.length).toBeGreaterThan(50);
  });

  it('holds every permission the seed lists, and nothing else', () => {
    expect(new Set(PERMISSION_CATALOG.map((p) => p.name))).toEqual(new Set(seedNames));
  });

  it('copies each description from the seed', () => {
    for (const p of PERMISSION_CATALOG) expect(seed).toContain(p.description);
  });
});

describe('the permission catalog', () => {
  it('names each permission once', () => {
    const names = PERMISSION_CATALOG.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('only includes permissions that are in the catalog', () => {
    for (const p of PERMISSION_CATALOG) {
      for (const inc of p.includes) expect(findPermission(inc), `${p.name} includes ${inc}`).toBeDefined();
    }
  });

  it('gives every permission at least one applicable resource', () => {
    for (const p of PERMISSION_CATALOG) expect(p.applicableResources.length).toBeGreaterThan(0);
  });

  it('finds a permission by name and nothing for a misspelling', () => {
    expect(findPermission('okta.apps.manage')?.applicableResources).toEqual([
      'All apps',
      'all apps of a specific type',
      'a specific app',
    ]);
    expect(findPermission('okta.apps.mange')).toBeUndefined();
  });
});

describe('expandPermissions', () => {
  it.each([
    ['okta.users.manage', 'okta.users.read'],
    ['okta.users.manage', 'okta.users.lifecycle.unlock'],
    ['okta.users.manage', 'okta.users.credentials.resetFactors'],
    ['okta.users.manage', 'okta.users.groupMembership.manage'],
    ['okta.groups.manage', 'okta.groups.members.manage'],
    ['okta.groups.manage', 'okta.groups.read'],
    ['okta.apps.manage', 'okta.apps.read'],
    ['okta.apps.manage', 'okta.apps.assignment.manage'],
    ['okta.devices.manage', 'okta.devices.lifecycle.delete'],
    ['okta.authzServers.manage', 'okta.authzServers.read'],
    ['okta.realms.manage', 'okta.realms.read'],
  ])('expands %s to include %s', (name, included) => {
    expect(expandPermissions([name]).has(included)).toBe(true);
  });

  it.each([
    ['okta.users.read', 'okta.users.manage'],
    ['okta.users.lifecycle.manage', 'okta.users.read'],
    ['okta.apps.read', 'okta.apps.manage'],
    ['okta.groups.members.manage', 'okta.groups.read'],
  ])('does not expand %s to %s', (name, notIncluded) => {
    expect(expandPermissions([name]).has(notIncluded)).toBe(false);
  });

  it('keeps unknown names as themselves', () => {
    expect([...expandPermissions(['okta.future.thing', 'okta.users.read'])].sort()).toEqual([
      'okta.future.thing',
      'okta.users.read',
    ]);
  });

  it('expands transitively: users.manage reaches every lifecycle and credential permission', () => {
    const expanded = expandPermissions(['okta.users.manage']);
    const userSubPermissions = PERMISSION_CATALOG.map((p) => p.name).filter(
      (n) => n.startsWith('okta.users.lifecycle.') || n.startsWith('okta.users.credentials.'),
    );
    for (const n of userSubPermissions) expect(expanded.has(n), n).toBe(true);
  });
});
