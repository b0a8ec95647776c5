/**
 * The demo org generator's data: small name lists, departments and titles, a catalog of app
 * types, and the custom-role permissions of Okta's "Roles in Okta" reference (copied here so the
 * simulator never reads the shared seeds at run time).
 */

const words = (text: string): string[] => text.trim().split(/\s+/);

export const FIRST_NAMES: readonly string[] = words(`
  Aaliyah Aaron Abigail Adam Adrian Aisha Alejandro Alex Alice Amara Amir Ana Andre Andrew Anika
  Arjun Ava Ben Bianca Brandon Camila Carlos Caroline Chen Chloe Chris Daniel Daria David Diego
  Elena Eli Emily Emma Ethan Fatima Felix Gabriel Grace Hana Hannah Hiro Ibrahim Isabella Ivan
  Jack James Jasmine Javier Jin Jordan Julia Kai Karen Kenji Laila Leo Liam Lina Lucas Maria Mateo
  Maya Mei Michael Mohammed Nadia Naomi Nathan Nia Noah Olivia Omar Priya Rafael Ravi Rosa Ryan
  Sakura Samuel Sofia Sophie Tariq Thomas Valentina Victor Wei William Yara Zoe
`);

export const LAST_NAMES: readonly string[] = words(`
  Abbott Adeyemi Alvarez Anderson Baker Banerjee Becker Bennett Brown Campbell Castro Chen Clarke
  Cohen Costa Davis Diaz Dubois Edwards Evans Fischer Fernandez Garcia Gupta Hall Hansen Harris
  Hernandez Hughes Ivanova Jackson Jensen Johnson Kim Kowalski Kumar Lee Lewis Lopez Martin
  Martinez Meyer Miller Moore Morales Murphy Nakamura Nguyen Novak Okafor Olsen Patel Perez Petrov
  Ramirez Reyes Robinson Rossi Sanchez Santos Schmidt Scott Shah Silva Singh Smith Sullivan Suzuki
  Tanaka Taylor Thomas Thompson Torres Walker Wang Weber White Williams Wilson Wright Yamamoto
  Young Zhang Zimmerman
`);

/** Department, with the job titles that occur in it. `Engineering` and `Sales` are named groups. */
export const DEPARTMENTS: readonly { name: string; titles: readonly string[] }[] = [
  {
    name: 'Engineering',
    titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'SRE'],
  },
  {
    name: 'Sales',
    titles: ['Account Executive', 'Sales Development Rep', 'Sales Manager', 'Solutions Engineer'],
  },
  { name: 'Marketing', titles: ['Marketing Manager', 'Content Strategist', 'Growth Analyst', 'Designer'] },
  { name: 'Finance', titles: ['Accountant', 'Financial Analyst', 'Controller', 'Payroll Specialist'] },
  { name: 'Human Resources', titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'] },
  { name: 'IT', titles: ['IT Support Specialist', 'Systems Administrator', 'IAM Engineer', 'IT Manager'] },
  { name: 'Customer Support', titles: ['Support Engineer', 'Support Team Lead', 'Customer Success Manager'] },
  { name: 'Legal', titles: ['Counsel', 'Paralegal', 'Compliance Analyst'] },
  { name: 'Operations', titles: ['Operations Manager', 'Program Manager', 'Business Analyst'] },
  { name: 'Product', titles: ['Product Manager', 'Product Designer', 'UX Researcher'] },
  { name: 'Security', titles: ['Security Engineer', 'Security Analyst', 'CISO'] },
];

export const LOCATIONS = [
  'Austin',
  'Berlin',
  'Dublin',
  'London',
  'New York',
  'Paris',
  'San Francisco',
  'Singapore',
  'Sydney',
  'Tokyo',
  'Toronto',
] as const;

export const TEAM_WORDS = [
  'Platform',
  'Payments',
  'Identity',
  'Data',
  'Mobile',
  'Web',
  'Infrastructure',
  'Analytics',
  'Growth',
  'Billing',
  'Onboarding',
  'Search',
  'Compliance',
  'Partners',
  'Enterprise',
  'SMB',
  'EMEA',
  'APAC',
  'Americas',
  'Research',
] as const;

export const GROUP_KINDS = [
  'Team',
  'Project',
  'Contractors',
  'Managers',
  'On-call',
  'Reviewers',
  'Guild',
  'Interns',
] as const;

/** An app type of the Okta Integration Network, as the generator instantiates it. */
export interface AppKind {
  /** App definition key: the {appName} of app ORNs. */
  name: string;
  label: string;
  signOnMode: string;
  /** Relative frequency among random apps. */
  weight: number;
}

export const APP_KINDS: readonly AppKind[] = [
  { name: 'oidc_client', label: 'Internal Portal', signOnMode: 'OPENID_CONNECT', weight: 10 },
  { name: 'bookmark', label: 'Bookmark', signOnMode: 'BOOKMARK', weight: 6 },
  { name: 'salesforce', label: 'Salesforce', signOnMode: 'SAML_2_0', weight: 3 },
  { name: 'slack', label: 'Slack', signOnMode: 'SAML_2_0', weight: 3 },
  { name: 'google', label: 'Google Workspace', signOnMode: 'SAML_2_0', weight: 2 },
  // WsFederationApplication allows only the app name template_wsfed for signOnMode WS_FEDERATION.
  { name: 'template_wsfed', label: 'WS-Federation Portal', signOnMode: 'WS_FEDERATION', weight: 2 },
  { name: 'zoomus', label: 'Zoom', signOnMode: 'SAML_2_0', weight: 2 },
  { name: 'atlassian', label: 'Atlassian Cloud', signOnMode: 'SAML_2_0', weight: 2 },
  { name: 'github', label: 'GitHub Enterprise', signOnMode: 'SAML_2_0', weight: 2 },
  { name: 'workday', label: 'Workday', signOnMode: 'SAML_2_0', weight: 1 },
  { name: 'servicenow_ud', label: 'ServiceNow', signOnMode: 'SAML_2_0', weight: 1 },
  { name: 'box', label: 'Box', signOnMode: 'SAML_2_0', weight: 1 },
  { name: 'aws_account_federation', label: 'AWS Account Federation', signOnMode: 'SAML_2_0', weight: 1 },
  { name: 'okta_org2org', label: 'Okta Org2Org', signOnMode: 'SAML_2_0', weight: 1 },
  { name: 'template_saml_2_0', label: 'Custom SAML App', signOnMode: 'SAML_2_0', weight: 2 },
  { name: 'template_swa', label: 'Legacy Web App', signOnMode: 'BROWSER_PLUGIN', weight: 1 },
];

export const SERVICE_APP_LABELS = [
  'HR Sync Service',
  'Provisioning Bot',
  'Compliance Scanner',
  'SIEM Exporter',
  'Access Review Job',
  'Terraform Pipeline',
  'Ticketing Integration',
  'Backup Agent',
  'Directory Sync',
  'Analytics Loader',
] as const;

/** Okta API scopes that service apps are granted. */
export const OKTA_API_SCOPES: readonly string[] = words(`
  okta.users.read okta.users.manage okta.groups.read okta.groups.manage okta.apps.read
  okta.apps.manage okta.roles.read okta.roles.manage okta.logs.read okta.schemas.read
  okta.factors.read okta.policies.read okta.orgs.read
`);

/**
 * Permissions a custom role may hold (Okta's "Roles in Okta" reference). Governance permissions
 * and okta.apps.manageFirstPartyApps are left out: only IAM-based standard roles carry them.
 */
export const CUSTOM_ROLE_PERMISSIONS: readonly string[] = words(`
  okta.users.manage okta.users.create okta.users.read okta.users.credentials.manage
  okta.users.credentials.resetFactors okta.users.credentials.resetPassword
  okta.users.credentials.expirePassword okta.users.userprofile.manage okta.users.lifecycle.manage
  okta.users.lifecycle.activate okta.users.lifecycle.deactivate okta.users.lifecycle.suspend
  okta.users.lifecycle.unsuspend okta.users.lifecycle.delete okta.users.lifecycle.unlock
  okta.users.lifecycle.clearSessions okta.users.groupMembership.manage
  okta.users.appAssignment.manage okta.users.apitokens.manage okta.users.apitokens.read
  okta.groups.manage okta.groups.create okta.groups.members.manage okta.groups.read
  okta.groups.appAssignment.manage okta.apps.read okta.apps.manage okta.apps.assignment.manage
  okta.apps.clientCredentials.read okta.profilesources.import.run okta.authzServers.read
  okta.authzServers.manage okta.customizations.read okta.customizations.manage
  okta.identityProviders.read okta.identityProviders.manage okta.workflows.read
  okta.workflows.invoke okta.agents.manage okta.agents.register okta.agents.view
  okta.directories.manage okta.directories.read okta.devices.manage okta.devices.read
  okta.iam.read okta.realms.manage okta.realms.read okta.support.cases.manage
`);

export const CUSTOM_ROLE_LABELS = [
  'Help Desk Tier 2',
  'App Assignment Manager',
  'User Lifecycle Operator',
  'Group Owner',
  'Password Reset Desk',
  'Auditor',
  'Device Manager',
  'Workflow Operator',
  'Branding Editor',
  'Identity Provider Admin',
  'Contractor Onboarding',
  'Read-only Directory',
  'API Token Reviewer',
  'Realm Manager',
  'Support Case Manager',
] as const;

export const SYSTEM_LOG_EVENTS = [
  { eventType: 'user.session.start', displayMessage: 'User login to Okta', severity: 'INFO' },
  { eventType: 'user.authentication.sso', displayMessage: 'User single sign on to app', severity: 'INFO' },
  {
    eventType: 'group.user_membership.add',
    displayMessage: 'Add user to group membership',
    severity: 'INFO',
  },
  { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', severity: 'INFO' },
  { eventType: 'user.lifecycle.suspend', displayMessage: 'Suspend Okta user', severity: 'WARN' },
  {
    eventType: 'application.user_membership.add',
    displayMessage: 'Add user to application membership',
    severity: 'INFO',
  },
  { eventType: 'user.account.lock', displayMessage: 'Max sign in attempts exceeded', severity: 'WARN' },
  { eventType: 'system.api_token.create', displayMessage: 'Create API token', severity: 'INFO' },
  { eventType: 'user.account.privilege.grant', displayMessage: 'Grant user privilege', severity: 'INFO' },
] as const;
