/**
 * The demo org's named principals: one per readiness situation of the Lumos rules, so that the
 * embedded org shows every status and tests, GraphiQL examples and the CLI can name them.
 * The generator gives each a deterministic id; everything else in the demo org is random but
 * seeded. The expectations here are the simulator's own statement of what it set up; the
 * readiness evaluator (src/iam) is tested against them from the outside.
 */

export const DEMO_DOMAIN = 'demo.example';

export interface DemoUser {
  login: string;
  firstName: string;
  lastName: string;
  /** What the generator sets up for this user. */
  setup: string;
}

export interface DemoServiceApp {
  label: string;
  setup: string;
}

const at = (local: string) => `${local}@${DEMO_DOMAIN}`;

export const DEMO_USERS = {
  /** Owns the embedded gateway's API token: SUPER_ADMIN direct. */
  gateway: { login: at('iam.gateway'), firstName: 'IAM', lastName: 'Gateway', setup: 'SUPER_ADMIN, direct' },
  superDirect: {
    login: at('super.direct'),
    firstName: 'Sara',
    lastName: 'Direct',
    setup: 'SUPER_ADMIN, direct',
  },
  superViaGroup: {
    login: at('super.group'),
    firstName: 'Sam',
    lastName: 'Grouped',
    setup: 'SUPER_ADMIN through membership of the group "Okta Super Admins"',
  },
  readOnly: { login: at('read.only'), firstName: 'Rita', lastName: 'Reader', setup: 'READ_ONLY_ADMIN only' },
  noRole: { login: at('no.role'), firstName: 'Nora', lastName: 'Nobody', setup: 'no admin role' },
  lumosStandard: {
    login: at('lumos.standard'),
    firstName: 'Lou',
    lastName: 'Standard',
    setup: 'GROUP_MEMBERSHIP_ADMIN + APP_ADMIN + REPORT_ADMIN, all org-wide',
  },
  lumosTargeted: {
    login: at('lumos.targeted'),
    firstName: 'Tara',
    lastName: 'Targeted',
    setup:
      'GROUP_MEMBERSHIP_ADMIN limited to 2 groups + APP_ADMIN limited to one app type and one app + REPORT_ADMIN',
  },
  lumosCustom: {
    login: at('lumos.custom'),
    firstName: 'Cas',
    lastName: 'Custom',
    setup:
      'custom role "Lumos Integration" (the nine permissions of the Lumos requirements) on resource set "Lumos: all users, groups and apps" + APP_ADMIN + REPORT_ADMIN',
  },
  lumosCustomMissing: {
    login: at('lumos.custom.missing'),
    firstName: 'Cy',
    lastName: 'Missing',
    setup:
      'custom role "Lumos Integration (no app assignment)" (the nine permissions less okta.apps.assignment.manage) on the same resource set + APP_ADMIN + REPORT_ADMIN',
  },
  orgAdmin: { login: at('org.admin'), firstName: 'Otto', lastName: 'Orgadmin', setup: 'ORG_ADMIN, direct' },
  helpDesk: {
    login: at('help.desk'),
    firstName: 'Hal',
    lastName: 'Helpdesk',
    setup: 'HELP_DESK_ADMIN limited to the group "Support Staff"',
  },
  accessCertifications: {
    login: at('access.certs'),
    firstName: 'Ada',
    lastName: 'Certifier',
    setup:
      'IAM-based ACCESS_CERTIFICATIONS_ADMIN on the predefined resource set ACCESS_CERTIFICATIONS_IAM_POLICY, nothing else',
  },
  lumosCustomGap: {
    login: at('lumos.custom.gap'),
    firstName: 'Gus',
    lastName: 'Gap',
    setup:
      'custom role "Lumos Integration (no lifecycle)" (the nine permissions less okta.users.lifecycle.manage) on resource set "Lumos: all users, groups and apps" + APP_ADMIN + REPORT_ADMIN: MANAGE_USER_LIFECYCLE is missing',
  },
  lumosCustomOutOfScope: {
    login: at('lumos.custom.scoped'),
    firstName: 'Sol',
    lastName: 'Scoped',
    setup:
      'custom role "Lumos Integration" on resource set "Lumos: users and groups" (no apps ORN: its app permissions are out of scope) + API_ACCESS_MANAGEMENT_ADMIN + REPORT_ADMIN',
  },
  inactiveRole: {
    login: at('inactive.role'),
    firstName: 'Ivy',
    lastName: 'Inactive',
    setup: 'GROUP_MEMBERSHIP_ADMIN + APP_ADMIN, and REPORT_ADMIN assigned but INACTIVE',
  },
  unknownRoleType: {
    login: at('new.role.type'),
    firstName: 'Wes',
    lastName: 'Workflows',
    setup:
      'WORKFLOWS_ADMIN (a role type the gateway does not know) on its predefined resource set WORKFLOWS_IAM_POLICY, nothing else',
  },
} as const satisfies Record<string, DemoUser>;

export const DEMO_GROUPS = {
  superAdmins: { name: 'Okta Super Admins', setup: 'SUPER_ADMIN assigned to the group' },
  supportStaff: { name: 'Support Staff', setup: 'target of help.desk' },
  helpDeskTeam: { name: 'Help Desk Team', setup: 'HELP_DESK_ADMIN assigned to the group, org-wide' },
} as const;

export const DEMO_SERVICE_APPS = {
  full: { label: 'Lumos Connector (full)', setup: 'SUPER_ADMIN + all six Lumos scopes, ACTIVE' },
  missingScope: {
    label: 'Lumos Connector (no logs scope)',
    setup: 'SUPER_ADMIN + five scopes, okta.logs.read absent',
  },
  revoked: {
    label: 'Lumos Connector (revoked)',
    setup: 'SUPER_ADMIN + six scopes, okta.schemas.read REVOKED',
  },
  readOnly: {
    label: 'Lumos Connector (read-only)',
    setup:
      'SUPER_ADMIN + okta.users.read, okta.groups.read, okta.apps.manage, okta.roles.read, okta.logs.read, okta.schemas.read',
  },
  noRole: { label: 'Lumos Connector (no role)', setup: 'six scopes, no admin role' },
  reporting: { label: 'Audit Reporter', setup: 'READ_ONLY_ADMIN + okta.users.read, okta.logs.read' },
  partialScopes: {
    label: 'Lumos Connector (users.read scope)',
    setup:
      'ORG_ADMIN + the six Lumos scopes with okta.users.read for okta.users.manage: its role grants okta.users.manage, its token cannot use it',
  },
} as const satisfies Record<string, DemoServiceApp>;
