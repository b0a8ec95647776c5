/** The demo org with a few objects the who-can tests add, so each coverage rule has a holder of its own. */
import { demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';

const CREATED = '2026-01-01T00:00:00.000Z';
/** The objects added to the demo org. */
export const ADDED = {
  payroll: '00gWhoCanPayroll01',
  clerk: '00uWhoCanClerk0001',
  oneGroupAdmin: '00uWhoCanOneGroup1',
  containedAdmin: '00uWhoCanContain01',
  appTypeAdmin: '00uWhoCanAppType01',
  helpdeskRole: 'cr0WhoCanHelpdesk1',
  appsRole: 'cr0WhoCanApps00001',
  adminGroupGma: '00uWhoCanAdmGrpGma',
} as const;

/**
 * The demo org, plus: group Payroll (members: the clerk and super.direct); the clerk is also in
 * Support Staff; custom role "Payroll helpdesk" (resetPassword, groupMembership.manage,
 * groups.members.manage) bound on [group Payroll] to oneGroupAdmin and on [Payroll's
 * contained_resources] to containedAdmin; custom role "Slack admin" (okta.apps.manage) bound on
 * [apps of type slack] to appTypeAdmin; adminGroupGma holds GROUP_MEMBERSHIP_ADMIN targeted to Help
 * Desk Team, a group that holds an admin role (so Okta's barrier voids its membership changes).
 */
export function whoCanOrg(): OrgSnapshot {
  const org = generateDemoOrg();
  const ids = demoPrincipalIds(org);
  const user = (id: string, local: string) => ({
    id,
    status: 'ACTIVE' as const,
    created: CREATED,
    profile: {
      login: `${local}@demo.example`,
      email: `${local}@demo.example`,
      firstName: 'Who',
      lastName: local,
    },
  });
  org.users.push(
    user(ADDED.clerk, 'payroll.clerk'),
    user(ADDED.oneGroupAdmin, 'rs.group'),
    user(ADDED.containedAdmin, 'rs.contained'),
    user(ADDED.appTypeAdmin, 'rs.apptype'),
    user(ADDED.adminGroupGma, 'gma.admingroup'),
  );
  org.groups.push({
    id: ADDED.payroll,
    type: 'OKTA_GROUP',
    created: CREATED,
    profile: { name: 'Payroll', description: null },
  });
  org.memberships.push({ groupId: ADDED.payroll, userIds: [ADDED.clerk, ids.users.superDirect] });
  org.memberships.find((m) => m.groupId === ids.groups.supportStaff)?.userIds.push(ADDED.clerk);
  org.memberships
    .find((m) => m.groupId === ids.extras.everyoneGroup)
    ?.userIds.push(
      ADDED.clerk,
      ADDED.oneGroupAdmin,
      ADDED.containedAdmin,
      ADDED.appTypeAdmin,
      ADDED.adminGroupGma,
    );
  const orn = (rest: string) =>
    `orn:${org.org.partition}:${rest.startsWith('apps') ? 'idp' : 'directory'}:${org.org.id}:${rest}`;
  org.customRoles.push(
    {
      id: ADDED.helpdeskRole,
      label: 'Payroll helpdesk',
      description: 'who-can test',
      permissions: [
        'okta.users.credentials.resetPassword',
        'okta.users.groupMembership.manage',
        'okta.groups.members.manage',
      ],
      created: CREATED,
    },
    {
      id: ADDED.appsRole,
      label: 'Slack admin',
      description: 'who-can test',
      permissions: ['okta.apps.manage'],
      created: CREATED,
    },
  );
  const set = (id: string, resource: string, role: string, member: string) => ({
    id,
    label: `who-can ${id}`,
    description: 'who-can test',
    created: CREATED,
    resources: [orn(resource)],
    bindings: [{ role, members: [{ type: 'USER' as const, id: member }] }],
  });
  org.resourceSets.push(
    set('iamWhoCanOneGroup1', `groups:${ADDED.payroll}`, ADDED.helpdeskRole, ADDED.oneGroupAdmin),
    set(
      'iamWhoCanContain01',
      `groups:${ADDED.payroll}:contained_resources`,
      ADDED.helpdeskRole,
      ADDED.containedAdmin,
    ),
    set('iamWhoCanAppType01', 'apps:slack', ADDED.appsRole, ADDED.appTypeAdmin),
  );
  org.roleAssignments.push({
    principalType: 'USER',
    principalId: ADDED.adminGroupGma,
    type: 'GROUP_MEMBERSHIP_ADMIN',
    status: 'ACTIVE',
    created: CREATED,
    groupTargets: [ids.groups.helpDeskTeam],
  });
  return org;
}
