import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSION_TABLE } from '../../src/iam/default-role-permissions.ts';
import { PERMISSION_CATALOG } from '../../src/iam/permission-catalog.ts';
import { findPermission } from '../../src/iam/permissions.ts';
import {
  parseRolePermissionTable,
  permissionsOfRole,
  RolePermissionTableError,
} from '../../src/iam/role-permission-table.ts';
import { STANDARD_ROLES } from '../../src/iam/standard-roles.ts';

const table = DEFAULT_ROLE_PERMISSION_TABLE;

describe('the default role-permission table', () => {
  it('has a row for every standard and IAM-based role, and only those', () => {
    expect([...table.rows.keys()].sort()).toEqual(STANDARD_ROLES.map((r) => r.type).sort());
  });

  it('names only catalog permissions', () => {
    for (const row of table.rows.values()) {
      for (const p of row.permissions) expect(findPermission(p), `${row.role}: ${p}`).toBeDefined();
    }
  });

  it('gives SUPER_ADMIN every permission of the catalog and every non-permission grant', () => {
    expect(permissionsOfRole(table, 'SUPER_ADMIN')).toEqual(PERMISSION_CATALOG.map((p) => p.name).sort());
    expect(table.rows.get('SUPER_ADMIN')?.grants).toEqual({
      systemLog: true,
      adminRoles: true,
      customAttributes: true,
      superAdminMembership: true,
    });
  });

  it('does not let ORG_ADMIN view admins (no okta.iam.*) but gives it the System Log', () => {
    const perms = permissionsOfRole(table, 'ORG_ADMIN');
    expect(perms.some((p) => p.startsWith('okta.iam.'))).toBe(false);
    expect(perms).toContain('okta.users.lifecycle.delete');
    expect(table.rows.get('ORG_ADMIN')?.grants.systemLog).toBe(true);
  });

  it('gives REPORT_ADMIN no okta.* permission, only the System Log', () => {
    expect(permissionsOfRole(table, 'REPORT_ADMIN')).toEqual([]);
    expect(table.rows.get('REPORT_ADMIN')?.grants).toEqual({ systemLog: true });
  });

  it.each(['APP_ADMIN', 'API_ACCESS_MANAGEMENT_ADMIN', 'ORG_ADMIN', 'SUPER_ADMIN'])(
    'records that %s can read custom attributes',
    (role) => {
      expect(table.rows.get(role)?.grants.customAttributes).toBe(true);
    },
  );

  it('narrows the targetable roles by their targets and no others', () => {
    const targetable = STANDARD_ROLES.filter((r) => r.targetKinds.length > 0).map((r) => r.type);
    const byTargets = [...table.rows.values()].filter((r) => r.scope === 'targets').map((r) => r.role);
    expect(byTargets.sort()).toEqual(targetable.sort());
  });

  it('expands and sorts a role permissions, and gives an unknown type nothing', () => {
    const perms = permissionsOfRole(table, 'APP_ADMIN');
    expect(perms).toEqual([...perms].sort());
    expect(perms).toContain('okta.apps.clientCredentials.read');
    expect(permissionsOfRole(table, 'WORKFLOWS_ADMIN')).toEqual([]);
  });

  it('returns a copy the caller may change without changing the table', () => {
    permissionsOfRole(table, 'HELP_DESK_ADMIN').push('okta.iam.read');
    expect(permissionsOfRole(table, 'HELP_DESK_ADMIN')).not.toContain('okta.iam.read');
  });
});

describe('parseRolePermissionTable', () => {
  const row = (role: string, permissions: unknown[], more: object = {}) => ({
    role,
    permissions,
    scope: 'org',
    ...more,
  });

  it('parses a valid override, defaulting confidence and source', () => {
    const parsed = parseRolePermissionTable({
      version: 'acme-1',
      roles: [row('WORKFLOWS_ADMIN', ['okta.workflows.invoke'], { grants: { systemLog: true } })],
    });
    expect(parsed.version).toBe('acme-1');
    expect(parsed.rows.get('WORKFLOWS_ADMIN')).toEqual({
      role: 'WORKFLOWS_ADMIN',
      permissions: ['okta.workflows.invoke'],
      grants: { systemLog: true },
      scope: 'org',
      confidence: 'L',
      source: 'operator override',
    });
    expect(permissionsOfRole(parsed, 'WORKFLOWS_ADMIN')).toEqual([
      'okta.workflows.invoke',
      'okta.workflows.read',
    ]);
  });

  const bad: [string, unknown, string][] = [
    [
      'an unknown permission, naming the entry and its role',
      {
        version: 'v',
        roles: [
          row('SUPER_ADMIN', []),
          row('ORG_ADMIN', []),
          row('USER_ADMIN', []),
          row('APP_ADMIN', ['okta.apps.read', 'okta.apps.mange']),
        ],
      },
      'roles[3] (APP_ADMIN).permissions[1]: unknown permission "okta.apps.mange"',
    ],
    [
      'an unknown untargeted permission',
      {
        version: 'v',
        roles: [row('GROUP_MEMBERSHIP_ADMIN', ['okta.users.read'], { untargeted: ['okta.user.read'] })],
      },
      'roles[0] (GROUP_MEMBERSHIP_ADMIN).untargeted[0]: unknown permission "okta.user.read"',
    ],
    [
      'a duplicate role',
      { version: 'v', roles: [row('APP_ADMIN', []), row('APP_ADMIN', [])] },
      'roles[1] (APP_ADMIN): duplicate of roles[0]',
    ],
    ['a missing version', { roles: [] }, 'version:'],
    ['a non-object', 'nope', '(root):'],
    [
      'a bad scope',
      { version: 'v', roles: [row('APP_ADMIN', [], { scope: 'everywhere' })] },
      'roles[0] (APP_ADMIN).scope:',
    ],
    [
      'a lower-case role type',
      { version: 'v', roles: [row('app_admin', [])] },
      'roles[0] (app_admin).role: expected an Okta role type such as APP_ADMIN',
    ],
    [
      'an unknown grant',
      { version: 'v', roles: [row('APP_ADMIN', [], { grants: { everything: true } })] },
      'roles[0] (APP_ADMIN).grants:',
    ],
    [
      'a permission that is not a string',
      { version: 'v', roles: [row('APP_ADMIN', ['okta.apps.read', 7])] },
      'roles[0] (APP_ADMIN).permissions[1]:',
    ],
  ];

  it.each(bad)('rejects %s with a message naming it', (_what, json, message) => {
    expect(() => parseRolePermissionTable(json)).toThrow(RolePermissionTableError);
    expect(() => parseRolePermissionTable(json)).toThrow(message);
  });
});
