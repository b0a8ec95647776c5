import { describe, expect, it } from 'vitest';
import type { RoleAssignmentRecord } from '../../src/iam/model.ts';
import { parseOrn } from '../../src/iam/orn.ts';
import { appOrn, groupOrn } from '../../src/iam/resource-family.ts';
import {
  type AssignmentHolder,
  ornResource,
  usableByToken,
  userResource,
  whoCan,
} from '../../src/iam/who-can.ts';
import {
  ALL_APPS,
  ALL_GROUPS,
  ALL_USERS,
  assignment,
  catalogWith,
  customAssignment,
  customRole,
  ORG,
  targeted,
} from './fixtures.ts';

const user = (key: string, ...assignments: RoleAssignmentRecord[]): AssignmentHolder => ({
  kind: 'USER',
  key,
  assignments: assignments.map((a) => ({ ...a, principalKey: key })),
});
const group = (key: string, ...assignments: RoleAssignmentRecord[]): AssignmentHolder => ({
  kind: 'GROUP',
  key,
  assignments: assignments.map((a) => ({ ...a, principalKind: 'GROUP', principalKey: key })),
});
const app = (key: string, ...assignments: RoleAssignmentRecord[]): AssignmentHolder => ({
  kind: 'SERVICE_APP',
  key,
  assignments: assignments.map((a) => ({ ...a, principalKind: 'SERVICE_APP', assignmentType: 'CLIENT' })),
});
const orn = (text: string, family: Parameters<typeof ornResource>[1]) =>
  ornResource(parseOrn(text), family, ORG);
const keysOf = (grants: ReturnType<typeof whoCan>) => grants.map((g) => g.key);

// Hand-made catalog: a helpdesk custom role on three resource sets, and an app role on one app type.
const HELPDESK = customRole('cr0help', [
  'okta.users.credentials.resetPassword',
  'okta.groups.members.manage',
]);
const USERS_MANAGER = customRole('cr0users', ['okta.users.manage']);
const APPS_ROLE = customRole('cr0apps', ['okta.apps.manage']);
const catalog = catalogWith([HELPDESK, USERS_MANAGER, APPS_ROLE], {
  iamOneGroup: [groupOrn(ORG, '00gFinance')],
  iamContained: [groupOrn(ORG, '00gFinance', true)],
  iamAllUsers: [ALL_USERS],
  iamSlack: [appOrn(ORG, 'slack')],
});

describe('who can, over one user', () => {
  const holders = [
    user('00uSuper', assignment('SUPER_ADMIN')),
    user('00uHelp', targeted('HELP_DESK_ADMIN', [{ kind: 'GROUP', groupId: '00gSupport' }])),
    user('00uContained', customAssignment('cr0help', 'iamContained')),
    user('00uOneGroup', customAssignment('cr0help', 'iamOneGroup')),
    user('00uReader', assignment('READ_ONLY_ADMIN')),
    group('00gDesk', assignment('HELP_DESK_ADMIN')),
  ];

  it('answers with the org-wide holder, the targeted one whose target the user is in, the custom role on a group it is in, and the group holder', () => {
    const inFinanceAndSupport = userResource(ORG, '00uAnna', ['00gFinance', '00gSupport']);
    const grants = whoCan('okta.users.credentials.resetPassword', inFinanceAndSupport, holders, catalog);
    expect(grants.map((g) => [g.key, g.matchedScope])).toEqual([
      ['00uSuper', ALL_USERS],
      ['00uHelp', groupOrn(ORG, '00gSupport', true)],
      ['00uContained', groupOrn(ORG, '00gFinance', true)],
      ['00gDesk', ALL_USERS],
    ]);
  });

  it('leaves out the targeted holder and the contained_resources holder when the user is in neither group', () => {
    const elsewhere = userResource(ORG, '00uBob', ['00gSales']);
    expect(keysOf(whoCan('okta.users.credentials.resetPassword', elsewhere, holders, catalog))).toEqual([
      '00uSuper',
      '00gDesk',
    ]);
  });

  it('answers a permission through one that includes it (okta.users.manage includes okta.users.read)', () => {
    const manager = user('00uManager', customAssignment('cr0users', 'iamAllUsers'));
    const grants = whoCan('okta.users.read', userResource(ORG, '00uBob', []), [manager], catalog);
    expect(grants).toEqual([
      { kind: 'USER', key: '00uManager', grantedBy: manager.assignments, matchedScope: ALL_USERS },
    ]);
  });

  it('lists every assignment that grants, and the widest scope that covers', () => {
    const both = user(
      '00uBoth',
      targeted('HELP_DESK_ADMIN', [{ kind: 'GROUP', groupId: '00gSupport' }]),
      assignment('ORG_ADMIN'),
      assignment('REPORT_ADMIN'),
    );
    const [grant] = whoCan(
      'okta.users.credentials.resetPassword',
      userResource(ORG, '00uA', ['00gSupport']),
      [both],
      catalog,
    );
    expect(grant?.matchedScope).toBe(ALL_USERS);
    expect(grant?.grantedBy.map((a) => a.type)).toEqual(['HELP_DESK_ADMIN', 'ORG_ADMIN']);
  });

  it('ignores an inactive assignment', () => {
    const inactive = user('00uOld', assignment('SUPER_ADMIN', { status: 'INACTIVE' }));
    expect(whoCan('okta.users.read', userResource(ORG, '00uA', []), [inactive], catalog)).toEqual([]);
  });
});

describe('who can, over an ORN', () => {
  it('answers an org-wide ORN only through org-wide grants, never through targets', () => {
    const holders = [
      user('00uGroupAdmin', targeted('USER_ADMIN', [{ kind: 'GROUP', groupId: '00gSupport' }])),
    ];
    expect(whoCan('okta.users.read', orn(ALL_USERS, 'users'), holders, catalog)).toEqual([]);
    expect(whoCan('okta.groups.read', orn(ALL_GROUPS, 'groups'), holders, catalog)).toEqual([]);
    expect(
      keysOf(whoCan('okta.groups.read', orn(groupOrn(ORG, '00gSupport'), 'groups'), holders, catalog)),
    ).toEqual(['00uGroupAdmin']);
  });

  it('covers one group by the resource set naming it, and not another group', () => {
    const holders = [user('00uOneGroup', customAssignment('cr0help', 'iamOneGroup'))];
    const finance = orn(groupOrn(ORG, '00gFinance'), 'groups');
    expect(whoCan('okta.groups.members.manage', finance, holders, catalog)[0]?.matchedScope).toBe(
      groupOrn(ORG, '00gFinance'),
    );
    expect(
      whoCan('okta.groups.members.manage', orn(groupOrn(ORG, '00gSales'), 'groups'), holders, catalog),
    ).toEqual([]);
  });

  it('covers a group`s users by its contained_resources, but not all users', () => {
    const holders = [user('00uContained', customAssignment('cr0help', 'iamContained'))];
    const contained = orn(groupOrn(ORG, '00gFinance', true), 'users');
    expect(keysOf(whoCan('okta.users.credentials.resetPassword', contained, holders, catalog))).toEqual([
      '00uContained',
    ]);
    expect(whoCan('okta.users.credentials.resetPassword', orn(ALL_USERS, 'users'), holders, catalog)).toEqual(
      [],
    );
  });

  it('covers an app instance by its app type, and an app-targeted APP_ADMIN its targets only', () => {
    const holders = [
      user('00uSlackType', customAssignment('cr0apps', 'iamSlack')),
      user('00uOneSlack', targeted('APP_ADMIN', [{ kind: 'APP', appName: 'slack', appId: '0oaSlack1' }])),
      user('00uAllApps', assignment('APP_ADMIN')),
    ];
    const slack1 = orn(appOrn(ORG, 'slack', '0oaSlack1'), 'apps');
    expect(
      whoCan('okta.apps.assignment.manage', slack1, holders, catalog).map((g) => [g.key, g.matchedScope]),
    ).toEqual([
      ['00uSlackType', appOrn(ORG, 'slack')],
      ['00uOneSlack', appOrn(ORG, 'slack', '0oaSlack1')],
      ['00uAllApps', ALL_APPS],
    ]);
    const slack2 = orn(appOrn(ORG, 'slack', '0oaSlack2'), 'apps');
    expect(keysOf(whoCan('okta.apps.manage', slack2, holders, catalog))).toEqual([
      '00uSlackType',
      '00uAllApps',
    ]);
    const salesforce = orn(appOrn(ORG, 'salesforce', '0oaSf'), 'apps');
    expect(keysOf(whoCan('okta.apps.manage', salesforce, holders, catalog))).toEqual(['00uAllApps']);
  });
});

describe("Okta's barriers", () => {
  const orgAdmin = user('00uOrgAdmin', assignment('ORG_ADMIN'));
  const superAdmin = user('00uSuper', assignment('SUPER_ADMIN'));
  const adminGroup = group('00gAdmins', assignment('HELP_DESK_ADMIN'));

  it('leaves a group that holds an admin role to SUPER_ADMIN holders, for every change but reads', () => {
    const holders = [orgAdmin, superAdmin, adminGroup];
    const admins = orn(groupOrn(ORG, '00gAdmins'), 'groups');
    expect(keysOf(whoCan('okta.groups.members.manage', admins, holders, catalog))).toEqual(['00uSuper']);
    expect(keysOf(whoCan('okta.groups.manage', admins, holders, catalog))).toEqual(['00uSuper']);
    expect(keysOf(whoCan('okta.groups.read', admins, holders, catalog))).toEqual(['00uOrgAdmin', '00uSuper']);
    const plain = orn(groupOrn(ORG, '00gPlain'), 'groups');
    expect(keysOf(whoCan('okta.groups.members.manage', plain, holders, catalog))).toEqual([
      '00uOrgAdmin',
      '00uSuper',
    ]);
  });

  it('denies custom roles the group memberships of a Super Administrator, directly or through a group', () => {
    const custom = user('00uCustom', customAssignment('cr0users', 'iamAllUsers'));
    const gma = user('00uGma', assignment('GROUP_MEMBERSHIP_ADMIN'));
    const superGroup = group('00gSupers', assignment('SUPER_ADMIN'));
    const holders = [custom, gma, superAdmin, superGroup];
    for (const resource of [
      userResource(ORG, '00uSuper', []),
      userResource(ORG, '00uMember', ['00gSupers']),
    ]) {
      expect(keysOf(whoCan('okta.users.groupMembership.manage', resource, holders, catalog))).toEqual([
        '00uGma',
        '00uSuper',
        '00gSupers',
      ]);
      expect(keysOf(whoCan('okta.users.manage', resource, holders, catalog))).toEqual([
        '00uSuper',
        '00gSupers',
      ]);
      expect(keysOf(whoCan('okta.users.read', resource, holders, catalog))).toContain('00uCustom');
    }
    const plainUser = userResource(ORG, '00uPlain', []);
    expect(keysOf(whoCan('okta.users.groupMembership.manage', plainUser, holders, catalog))).toContain(
      '00uCustom',
    );
  });
});

describe('service apps', () => {
  it('keeps a service app only when a granted scope allows the permission', () => {
    const holders = [app('0oaFull', assignment('SUPER_ADMIN')), app('0oaRead', assignment('SUPER_ADMIN'))];
    const grants = whoCan('okta.users.lifecycle.manage', orn(ALL_USERS, 'users'), holders, catalog);
    const scopes = new Map([
      ['0oaFull', ['okta.users.manage']],
      ['0oaRead', ['okta.users.read']],
    ]);
    expect(keysOf(usableByToken(grants, 'okta.users.lifecycle.manage', scopes))).toEqual(['0oaFull']);
    expect(keysOf(usableByToken(grants, 'okta.users.read', scopes))).toEqual(['0oaFull', '0oaRead']);
  });
});
