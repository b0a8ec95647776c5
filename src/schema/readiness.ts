import type { LumosRuleSet } from '../iam/readiness/rule-set.ts';
import type {
  LumosReadinessResult,
  RemediationPlan,
  RemediationStep,
  UndeterminedInput,
} from '../iam/readiness/types.ts';
import { readinessByName } from '../resolvers/readiness.ts';
import { builder } from './builder.ts';
import { LumosAccessEnum, ReadinessRef } from './refs.ts';

type CapabilityModel = LumosReadinessResult['capabilities'][number];
type WarningModel = LumosReadinessResult['warnings'][number];

export const ConnectionEnum = builder.enumType('LumosConnection', {
  description: 'How Lumos would connect with this principal.',
  values: {
    API_TOKEN: { description: 'An API token created by the user (or a member of the group).' },
    OAUTH_SERVICE_APP: { description: 'OAuth 2.0 client credentials of a service app.' },
  } as const,
});

const StatusEnum = builder.enumType('LumosReadinessStatus', {
  description: 'The verdict, evaluated in rule order: the first that matches wins.',
  values: {
    READY: { description: 'Every required capability is available org-wide.' },
    PARTIAL: { description: 'The integration connects, but some required capability is missing or limited.' },
    NOT_READY: {
      description: 'No admin role, a required scope is missing, or users, groups or apps cannot be read.',
    },
    UNSUPPORTED: { description: 'Only READ_ONLY_ADMIN: Lumos does not support Read-Only admins.' },
    UNKNOWN: {
      description:
        'The verdict depends on something the gateway could not read; see LumosReadiness.undetermined.',
    },
  } as const,
});

const UndeterminedInputRef = builder.objectRef<UndeterminedInput>('UndeterminedInput').implement({
  description: 'Something a verdict depends on that the gateway could not read.',
  fields: (t) => ({
    input: t.exposeString('input', {
      description:
        'What could not be read, e.g. "role assignments of group 00g1..." or "scope grants of app 0oa1...".',
    }),
    reason: t.exposeString('reason', {
      description: 'Why: Okta\'s status and error code (e.g. "403 E0000006"), or the failure.',
    }),
    needs: t.stringList({
      description:
        "What the gateway's own credential needs to read it: OAuth scopes (okta.appGrants.read) and/or admin roles (SUPER_ADMIN).",
      resolve: (u) => [...u.needs.scopes, ...u.needs.adminRoles],
    }),
  }),
});

const CapabilityNameEnum = builder.enumType('LumosCapabilityName', {
  description: 'What Lumos does with Okta, one capability each.',
  values: {
    READ_USERS: { description: 'Sync users.' },
    READ_GROUPS: { description: 'Sync groups and memberships.' },
    READ_APPS: { description: 'Sync applications.' },
    MANAGE_USER_LIFECYCLE: { description: "Edit users' lifecycle states." },
    MANAGE_GROUP_MEMBERSHIP: { description: 'Add and remove users in groups.' },
    MANAGE_APP_ASSIGNMENTS: { description: 'Assign and unassign users to apps.' },
    READ_SYSTEM_LOG: { description: 'Read the System Log: activity and last-login data.' },
    READ_ADMIN_ROLES: { description: 'Show Okta admin roles, e.g. in access reviews.' },
    READ_CUSTOM_ATTRIBUTES: { description: 'Fetch custom profile attributes.' },
    MANAGE_SUPER_ADMIN_MEMBERSHIP: { description: 'Add and remove Super Administrators in groups.' },
  } as const,
});

const CapabilityRef = builder.objectRef<CapabilityModel>('LumosCapability').implement({
  description: 'One capability Lumos needs, and whether the principal has it.',
  fields: (t) => ({
    name: t.field({ type: CapabilityNameEnum, description: 'The capability.', resolve: (c) => c.name }),
    required: t.exposeBoolean('required', { description: 'Required at the requested access level.' }),
    available: t.exposeBoolean('available', { description: 'Some assignment (and scope) grants it.' }),
    limitedTo: t.stringList({
      nullable: true,
      description: 'ORNs the capability is limited to; null when org-wide or unavailable.',
      resolve: (c) => (c.limitedTo ? [...c.limitedTo] : null),
    }),
    missing: t.stringList({
      description: 'Role types, permissions or scopes whose absence makes it unavailable.',
      resolve: (c) => [...c.missing],
    }),
    reason: t.exposeString('reason', { description: 'One sentence a person can act on.' }),
  }),
});

const WarningRef = builder.objectRef<WarningModel>('LumosWarning').implement({
  description: 'Something that works today but is fragile, or that the verdict cannot count.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'Stable code: NO_ADMIN_ROLE, TARGETED_ROLE, CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP, INHERITED_ROLE, INACTIVE_ROLE (an assignment that grants nothing until reactivated), UNKNOWN_ROLE_TYPE (a role type the gateway does not know, counted as granting nothing).',
    }),
    message: t.exposeString('message', { description: 'What it means, in plain language.' }),
  }),
});

const RemediationStepRef = builder.objectRef<RemediationStep>('RemediationStep').implement({
  description: 'One change to make in Okta.',
  fields: (t) => ({
    action: t.exposeString('action', {
      description:
        'ASSIGN_ROLE, REMOVE_TARGETS, ADD_PERMISSION, ADD_RESOURCE, GRANT_SCOPE or REACTIVATE_ROLE.',
    }),
    subject: t.exposeString('subject', {
      description: 'The role type, custom role id, permission, ORN or scope the step is about.',
    }),
    apiCall: t.exposeString('apiCall', {
      nullable: true,
      description:
        'The Okta Management API call that makes the change, e.g. POST /api/v1/users/00u1.../roles {"type":"APP_ADMIN"}.',
    }),
    consolePath: t.exposeString('consolePath', {
      nullable: true,
      description: 'Where in the Admin Console, for this kind of principal.',
    }),
    text: t.exposeString('text', { description: 'One sentence a person can act on.' }),
  }),
});

const RemediationPlanRef = builder.objectRef<RemediationPlan>('RemediationPlan').implement({
  description: 'A complete way to a better verdict: every step is needed for what the plan reaches.',
  fields: (t) => ({
    reaches: t.field({
      type: StatusEnum,
      description: 'The status the principal would have after these steps.',
      resolve: (p) => p.reaches,
    }),
    steps: t.field({
      type: [RemediationStepRef],
      description: 'The changes, least privilege first.',
      resolve: (p) => [...p.steps],
    }),
    leavesMissing: t.field({
      type: [CapabilityNameEnum],
      description: 'Required capabilities still unavailable after the steps.',
      resolve: (p) => [...p.leavesMissing],
    }),
  }),
});

ReadinessRef.implement({
  description:
    'Whether a principal is ready to connect the Lumos Okta integration, and what would make it ready.',
  fields: (t) => ({
    status: t.field({ type: StatusEnum, description: 'The verdict.', resolve: (r) => r.status }),
    connection: t.field({
      type: ConnectionEnum,
      description: 'How Lumos would connect.',
      resolve: (r) => r.connection,
    }),
    access: t.field({
      type: LumosAccessEnum,
      description: 'The access level evaluated.',
      resolve: (r) => r.access,
    }),
    ruleSet: t.exposeString('ruleSet', { description: 'The rule set id, e.g. lumos-okta-2026-03-10.' }),
    capabilities: t.field({
      type: [CapabilityRef],
      description: 'Each capability.',
      resolve: (r) => [...r.capabilities],
    }),
    missingRoles: t.stringList({
      description: 'Standard role types that, added org-wide, would make the principal READY.',
      resolve: (r) => [...r.missingRoles],
    }),
    missingPermissions: t.stringList({
      description: 'okta.* permissions whose absence makes a required capability unavailable.',
      resolve: (r) => [...r.missingPermissions],
    }),
    missingScopes: t.stringList({
      description: 'Required Okta API scopes not granted (service apps).',
      resolve: (r) => [...r.missingScopes],
    }),
    warnings: t.field({
      type: [WarningRef],
      description: 'Fragile setups.',
      resolve: (r) => [...r.warnings],
    }),
    remediation: t.stringList({
      description:
        'The text of the first remediation plan: ordered, concrete steps, least privilege first (for UNKNOWN, what the gateway must read first).',
      resolve: (r) => [...r.remediation],
    }),
    remediationPlans: t.field({
      type: [RemediationPlanRef],
      description:
        'Complete ways to a better verdict, fewest privileges first; `remediation` is the text of the first.',
      resolve: (r) => [...r.remediationPlans],
    }),
    undetermined: t.field({
      type: [UndeterminedInputRef],
      description:
        'What the gateway could not read that could change the verdict; empty when the verdict is certain.',
      resolve: (r) => [...r.undetermined],
    }),
  }),
});

const RuleSetRef = builder.objectRef<LumosRuleSet>('LumosRuleSet').implement({
  description: 'A versioned set of readiness rules.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'e.g. lumos-okta-2026-03-10.' }),
    source: t.exposeString('source', { description: 'Where the rules come from.' }),
    capabilities: t.field({
      type: [CapabilityNameEnum],
      description: 'The capabilities the rule set evaluates.',
      resolve: (s) => s.capabilities.map((c) => c.name),
    }),
  }),
});

builder.queryFields((t) => ({
  lumosReadiness: t.field({
    type: ReadinessRef,
    description:
      "principal: a user id or login, a group id, a service app client id, or `me`: the gateway's own credential (the user who owns the API token, or the OAuth service app it signs in as). Unknown: error NOT_FOUND.",
    args: {
      principal: t.arg.string({
        required: true,
        description: 'User id or login, group id, client id, or me.',
      }),
      access: t.arg({
        type: LumosAccessEnum,
        defaultValue: 'FULL',
        description: 'Access level (default FULL).',
      }),
    },
    resolve: (_root, args, ctx) => readinessByName(ctx, args.principal, args.access ?? 'FULL'),
  }),
  lumosRuleSet: t.field({
    type: RuleSetRef,
    description: 'The rule set the gateway evaluates.',
    resolve: (_root, _args, ctx) => ctx.ruleSet,
  }),
}));
