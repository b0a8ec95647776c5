import { describe, expect, it } from 'vitest';
import type { RoleAssignmentRecord } from '../../src/iam/model.ts';
import { evaluateLumosReadiness } from '../../src/iam/readiness/evaluate.ts';
import type { LumosReadinessResult } from '../../src/iam/readiness/types.ts';
import { groupOrn } from '../../src/iam/resource-family.ts';
import {
  ALL_APPS,
  ALL_GROUPS,
  ALL_USERS,
  assignment,
  CAPABILITY_ORDER,
  catalogWith,
  customAssignment,
  customRole,
  LUMOS_CUSTOM_PERMISSIONS,
  ORG,
  userInput,
} from './fixtures.ts';

const SA_ONLY = ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP'];
const unavailable = (r: LumosReadinessResult) =>
  r.capabilities.filter((c) => !c.available).map((c) => c.name);

function evaluateCustom(
  permissions: readonly string[],
  partner: string,
  set = [ALL_USERS, ALL_GROUPS, ALL_APPS],
) {
  const catalog = catalogWith([customRole('cr0lumos', permissions)], { iamLumos: set });
  const assignments: RoleAssignmentRecord[] = [
    customAssignment('cr0lumos', 'iamLumos'),
    assignment(partner),
    assignment('REPORT_ADMIN'),
  ];
  return evaluateLumosReadiness(userInput(assignments), catalog);
}

describe('the Lumos custom-role combination', () => {
  it('with the nine permissions on all users, groups and apps, plus APP_ADMIN and REPORT_ADMIN, is PARTIAL', () => {
    const r = evaluateCustom(LUMOS_CUSTOM_PERMISSIONS, 'APP_ADMIN');
    expect(r.status).toBe('PARTIAL');
    expect(unavailable(r)).toEqual(SA_ONLY);
    expect(r.capabilities.every((c) => c.limitedTo === null)).toBe(true);
    expect(r.missingRoles).toEqual(['SUPER_ADMIN']);
    expect(r.missingPermissions).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP']);
    expect(r.warnings[0]?.message).toBe(
      'lumos@acme.com (00u1lumos) relies on a custom role for group membership: adding or removing Super Administrators in groups will fail.',
    );
  });

  it('names the custom role as the source of what only it grants', () => {
    const r = evaluateCustom(LUMOS_CUSTOM_PERMISSIONS, 'APP_ADMIN');
    expect(r.capabilities.find((c) => c.name === 'MANAGE_GROUP_MEMBERSHIP')?.reason).toBe(
      'Granted org-wide by custom role "Lumos connector" (cr0lumos).',
    );
  });

  // Which capability becomes unavailable when one permission is removed. APP_ADMIN itself grants
  // users.read, groups.read and the app permissions; okta.apps.manage includes apps.read and
  // apps.assignment.manage, so removing those two alone changes nothing.
  const removals: [string, string | null, string | null][] = [
    ['okta.users.lifecycle.manage', 'MANAGE_USER_LIFECYCLE', 'MANAGE_USER_LIFECYCLE'],
    ['okta.users.read', null, 'READ_USERS'],
    ['okta.users.appAssignment.manage', null, 'MANAGE_APP_ASSIGNMENTS'],
    ['okta.users.groupMembership.manage', 'MANAGE_GROUP_MEMBERSHIP', 'MANAGE_GROUP_MEMBERSHIP'],
    ['okta.groups.read', null, 'READ_GROUPS'],
    ['okta.groups.members.manage', 'MANAGE_GROUP_MEMBERSHIP', 'MANAGE_GROUP_MEMBERSHIP'],
    ['okta.apps.manage', null, 'MANAGE_APP_ASSIGNMENTS'],
    ['okta.apps.read', null, null],
    ['okta.apps.assignment.manage', null, null],
  ];

  describe.each([
    ['APP_ADMIN', 1],
    ['API_ACCESS_MANAGEMENT_ADMIN', 2],
  ] as const)('paired with %s, with one permission removed', (partner, column) => {
    it.each(removals)('without %s', (removed, ...lost) => {
      const capability = lost[column - 1] ?? null;
      const r = evaluateCustom(
        LUMOS_CUSTOM_PERMISSIONS.filter((p) => p !== removed),
        partner,
      );
      expect(unavailable(r)).toEqual(
        capability === null ? SA_ONLY : [capability, ...SA_ONLY].sort((a, b) => order(a) - order(b)),
      );
      expect(r.missingPermissions).toEqual(capability === null ? [] : [removed]);
      if (capability !== null) {
        expect(r.capabilities.find((c) => c.name === capability)?.missing).toEqual([removed]);
        // Adding the one permission back is the least privilege; no standard role is suggested for it.
        expect(r.remediationPlans[0]).toEqual({
          reaches: 'PARTIAL',
          leavesMissing: SA_ONLY,
          steps: [
            {
              action: 'ADD_PERMISSION',
              subject: removed,
              apiCall: `POST /api/v1/iam/roles/cr0lumos/permissions/${removed}`,
              consolePath: 'Security > Administrators > Roles > Lumos connector',
              text: `Add the permission ${removed} to custom role "Lumos connector" (cr0lumos), for ${capability}; every holder of the role gains it: POST /api/v1/iam/roles/cr0lumos/permissions/${removed} (Security > Administrators > Roles > Lumos connector).`,
            },
          ],
        });
      }
      const essential = ['READ_USERS', 'READ_GROUPS', 'READ_APPS'].includes(capability ?? '');
      expect(r.status).toBe(essential ? 'NOT_READY' : 'PARTIAL');
    });
  });

  it('paired with API_ACCESS_MANAGEMENT_ADMIN and all nine permissions, matches the APP_ADMIN pairing', () => {
    expect(unavailable(evaluateCustom(LUMOS_CUSTOM_PERMISSIONS, 'API_ACCESS_MANAGEMENT_ADMIN'))).toEqual(
      SA_ONLY,
    );
  });

  it('limits capabilities to the groups a narrower resource set holds, with TARGETED_ROLE and a fix', () => {
    const r = evaluateCustom(LUMOS_CUSTOM_PERMISSIONS, 'API_ACCESS_MANAGEMENT_ADMIN', [
      groupOrn(ORG, '00g1', true),
      groupOrn(ORG, '00g1'),
      ALL_APPS,
    ]);
    expect(r.status).toBe('PARTIAL');
    expect(r.capabilities.find((c) => c.name === 'READ_USERS')?.limitedTo).toEqual([
      groupOrn(ORG, '00g1', true),
    ]);
    expect(r.capabilities.find((c) => c.name === 'MANAGE_GROUP_MEMBERSHIP')?.limitedTo).toEqual([
      groupOrn(ORG, '00g1'),
      groupOrn(ORG, '00g1', true),
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['TARGETED_ROLE', 'CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP']);
    expect(r.warnings[0]?.message).toContain('is limited to the resources of resource set iamLumos');
    expect(r.remediationPlans[0]?.steps.map((s) => [s.action, s.subject, s.apiCall])).toEqual([
      [
        'ADD_RESOURCE',
        ALL_USERS,
        `PATCH /api/v1/iam/resource-sets/iamLumos/resources {"additions":["${ALL_USERS}"]}`,
      ],
      [
        'ADD_RESOURCE',
        ALL_GROUPS,
        `PATCH /api/v1/iam/resource-sets/iamLumos/resources {"additions":["${ALL_GROUPS}"]}`,
      ],
    ]);
    expect(r.remediationPlans[0]).toMatchObject({ reaches: 'PARTIAL', leavesMissing: SA_ONLY });
  });

  it('calls a held permission whose family the resource set lacks out of scope, not missing, and adds the ORN', () => {
    const r = evaluateCustom(LUMOS_CUSTOM_PERMISSIONS, 'APP_ADMIN', [ALL_USERS, ALL_GROUPS]);
    // APP_ADMIN still covers the app capabilities org-wide.
    expect(unavailable(r)).toEqual(SA_ONLY);
    const alone = evaluateLumosReadiness(
      userInput([customAssignment('cr0lumos', 'iamLumos')]),
      catalogWith([customRole('cr0lumos', LUMOS_CUSTOM_PERMISSIONS)], { iamLumos: [ALL_USERS, ALL_GROUPS] }),
    );
    expect(alone.status).toBe('NOT_READY');
    // The role holds every app permission: only the resource set is too narrow.
    expect(alone.missingPermissions).toEqual([]);
    expect(alone.capabilities.find((c) => c.name === 'READ_APPS')).toMatchObject({
      available: false,
      missing: [],
      reason: `Out of scope: custom role "Lumos connector" (cr0lumos) holds okta.apps.read, but its resource set iamLumos lacks ${ALL_APPS}.`,
    });
    // Alone, it also needs a role for custom attributes: APP_ADMIN, which covers all apps as well.
    expect(alone.remediationPlans[0]?.steps.map((s) => [s.action, s.subject])).toEqual([
      ['ASSIGN_ROLE', 'REPORT_ADMIN'],
      ['ASSIGN_ROLE', 'APP_ADMIN'],
    ]);
    const paired = evaluateCustom(LUMOS_CUSTOM_PERMISSIONS, 'API_ACCESS_MANAGEMENT_ADMIN', [
      ALL_USERS,
      ALL_GROUPS,
    ]);
    expect(paired.remediationPlans[0]?.steps.map((s) => [s.action, s.subject])).toEqual([
      ['ADD_RESOURCE', ALL_APPS],
    ]);
    expect(alone.remediation.some((s) => s.startsWith('Add the permission'))).toBe(false);
  });

  it('can never grant MANAGE_SUPER_ADMIN_MEMBERSHIP, even with okta.groups.manage and okta.users.manage', () => {
    const r = evaluateCustom(['okta.users.manage', 'okta.groups.manage', 'okta.apps.manage'], 'APP_ADMIN');
    expect(unavailable(r)).toEqual(SA_ONLY);
  });

  it('lists no missing permissions for a principal without a custom role', () => {
    const r = evaluateLumosReadiness(userInput([assignment('REPORT_ADMIN')]), catalogWith());
    expect(r.missingPermissions).toEqual([]);
  });
});

const ORDER = CAPABILITY_ORDER;
function order(name: string): number {
  return ORDER.indexOf(name);
}
