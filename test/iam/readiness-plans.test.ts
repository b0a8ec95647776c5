/**
 * Remediation plans, case by case, with the expected plans worked out by hand from the rules. Each
 * plan is then applied to the inputs by this test's own reading of its steps and evaluated again:
 * it reaches what it says, leaves missing what it says, and no step can be left out.
 */
import { describe, expect, it } from 'vitest';
import type { AccessCatalog } from '../../src/iam/effective-permissions.ts';
import { evaluateLumosReadiness } from '../../src/iam/readiness/evaluate.ts';
import type {
  LumosReadinessResult,
  ReadinessInput,
  RemediationPlan,
  RemediationStep,
  UnreadInput,
} from '../../src/iam/readiness/types.ts';
import {
  ALL_APPS,
  ALL_GROUPS,
  ALL_SCOPES_FULL,
  ALL_USERS,
  assignment,
  catalogWith,
  customAssignment,
  customRole,
  inherited,
  LUMOS_CUSTOM_PERMISSIONS,
  serviceAppInput,
  targeted,
  userInput,
} from './fixtures.ts';

const SA_ONLY = ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP'];
const STANDARD = ['ASSIGN_ROLE REPORT_ADMIN', 'ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN', 'ASSIGN_ROLE APP_ADMIN'];
const SUPER = ['ASSIGN_ROLE SUPER_ADMIN'];

type ExpectedPlan = [reaches: string, leavesMissing: string[], steps: string[]];

interface Case {
  name: string;
  input: ReadinessInput;
  catalog: AccessCatalog;
  status: string;
  plans: ExpectedPlan[];
}

const lumosSet = (orns: string[], permissions: readonly string[] = LUMOS_CUSTOM_PERMISSIONS) =>
  catalogWith([customRole('cr0lumos', permissions)], { iamLumos: orns });
const group = (assignments: ReturnType<typeof assignment>[]): ReadinessInput => ({
  principal: { kind: 'GROUP', key: '00g1', displayName: 'Lumos admins' },
  assignments: assignments.map((a) => ({
    ...a,
    principalKind: 'GROUP',
    principalKey: '00g1',
    assignmentType: 'GROUP',
  })),
  grantedScopes: null,
  access: 'FULL',
});

const CASES: Case[] = [
  {
    name: 'a user with no role: the standard combination, or SUPER_ADMIN',
    input: userInput([]),
    catalog: catalogWith(),
    status: 'NOT_READY',
    plans: [
      ['PARTIAL', SA_ONLY, STANDARD],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'a Read-only Administrator, who already reads everything and the System Log',
    input: userInput([assignment('READ_ONLY_ADMIN')]),
    catalog: catalogWith(),
    status: 'UNSUPPORTED',
    plans: [
      ['PARTIAL', SA_ONLY, ['ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN', 'ASSIGN_ROLE APP_ADMIN']],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'a help-desk admin of one group: GROUP_MEMBERSHIP_ADMIN reads every user, so no widening',
    input: userInput([targeted('HELP_DESK_ADMIN', [{ kind: 'GROUP', groupId: '00g1' }])]),
    catalog: catalogWith(),
    status: 'NOT_READY',
    plans: [
      ['PARTIAL', SA_ONLY, STANDARD],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'the standard combination: only SUPER_ADMIN adds anything',
    input: userInput([
      assignment('GROUP_MEMBERSHIP_ADMIN'),
      assignment('APP_ADMIN'),
      assignment('REPORT_ADMIN'),
    ]),
    catalog: catalogWith(),
    status: 'PARTIAL',
    plans: [['READY', [], SUPER]],
  },
  {
    name: 'ORG_ADMIN: no ORG_ADMIN plan, SUPER_ADMIN only',
    input: userInput([assignment('ORG_ADMIN')]),
    catalog: catalogWith(),
    status: 'PARTIAL',
    plans: [['READY', [], SUPER]],
  },
  {
    name: 'the targeted combination: both targeted roles made org-wide, REPORT_ADMIN kept',
    input: userInput([
      targeted('GROUP_MEMBERSHIP_ADMIN', [{ kind: 'GROUP', groupId: '00g1' }]),
      targeted('APP_ADMIN', [{ kind: 'APP', appName: 'salesforce', appId: null }]),
      assignment('REPORT_ADMIN'),
    ]),
    catalog: catalogWith(),
    status: 'PARTIAL',
    plans: [
      ['PARTIAL', SA_ONLY, ['REMOVE_TARGETS GROUP_MEMBERSHIP_ADMIN', 'REMOVE_TARGETS APP_ADMIN']],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'an inherited, targeted GROUP_MEMBERSHIP_ADMIN: widened on its group',
    input: userInput([
      inherited('GROUP_MEMBERSHIP_ADMIN', '00g9', { targets: [{ kind: 'GROUP', groupId: '00g1' }] }),
      assignment('APP_ADMIN'),
      assignment('REPORT_ADMIN'),
    ]),
    catalog: catalogWith(),
    status: 'PARTIAL',
    plans: [
      ['PARTIAL', SA_ONLY, ['REMOVE_TARGETS GROUP_MEMBERSHIP_ADMIN']],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'an INACTIVE REPORT_ADMIN beside the other two: reactivated, not assigned again',
    input: userInput([
      assignment('GROUP_MEMBERSHIP_ADMIN'),
      assignment('APP_ADMIN'),
      assignment('REPORT_ADMIN', { status: 'INACTIVE' }),
    ]),
    catalog: catalogWith(),
    status: 'PARTIAL',
    plans: [
      ['PARTIAL', SA_ONLY, ['REACTIVATE_ROLE REPORT_ADMIN']],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'an INACTIVE SUPER_ADMIN alone: the standard combination, or SUPER_ADMIN reactivated',
    input: userInput([assignment('SUPER_ADMIN', { status: 'INACTIVE' })]),
    catalog: catalogWith(),
    status: 'NOT_READY',
    plans: [
      ['PARTIAL', SA_ONLY, STANDARD],
      ['READY', [], ['REACTIVATE_ROLE SUPER_ADMIN']],
    ],
  },
  {
    name: 'a custom role without okta.users.lifecycle.manage, with APP_ADMIN and REPORT_ADMIN: the permission',
    input: userInput([
      customAssignment('cr0lumos', 'iamLumos'),
      assignment('APP_ADMIN'),
      assignment('REPORT_ADMIN'),
    ]),
    catalog: lumosSet(
      [ALL_USERS, ALL_GROUPS, ALL_APPS],
      LUMOS_CUSTOM_PERMISSIONS.filter((p) => p !== 'okta.users.lifecycle.manage'),
    ),
    status: 'PARTIAL',
    plans: [
      ['PARTIAL', SA_ONLY, ['ADD_PERMISSION okta.users.lifecycle.manage']],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'a complete custom role on users and groups only, with API_ACCESS_MANAGEMENT_ADMIN and REPORT_ADMIN: the apps ORN',
    input: userInput([
      customAssignment('cr0lumos', 'iamLumos'),
      assignment('API_ACCESS_MANAGEMENT_ADMIN'),
      assignment('REPORT_ADMIN'),
    ]),
    catalog: lumosSet([ALL_USERS, ALL_GROUPS]),
    status: 'NOT_READY',
    plans: [
      ['PARTIAL', SA_ONLY, [`ADD_RESOURCE ${ALL_APPS}`]],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'an unknown role type alone: as if no role',
    input: userInput([assignment('WORKFLOWS_ADMIN')]),
    catalog: catalogWith(),
    status: 'NOT_READY',
    plans: [
      ['PARTIAL', SA_ONLY, STANDARD],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'a group with no role: roles assigned to the group',
    input: group([]),
    catalog: catalogWith(),
    status: 'NOT_READY',
    plans: [
      ['PARTIAL', SA_ONLY, STANDARD],
      ['READY', [], SUPER],
    ],
  },
  {
    name: 'the standard combination for READ_ONLY access: SUPER_ADMIN for the admin roles',
    input: userInput(
      [assignment('GROUP_MEMBERSHIP_ADMIN'), assignment('APP_ADMIN'), assignment('REPORT_ADMIN')],
      'READ_ONLY',
    ),
    catalog: catalogWith(),
    status: 'PARTIAL',
    plans: [['READY', [], SUPER]],
  },
  {
    name: 'a service app whose ORG_ADMIN its scopes allow only in part: the scope, or the scope and SUPER_ADMIN',
    input: serviceAppInput(
      [assignment('ORG_ADMIN')],
      ALL_SCOPES_FULL.map((s) => (s === 'okta.users.manage' ? 'okta.users.read' : s)),
    ),
    catalog: catalogWith(),
    status: 'NOT_READY',
    plans: [
      ['PARTIAL', SA_ONLY, ['GRANT_SCOPE okta.users.manage']],
      ['READY', [], ['GRANT_SCOPE okta.users.manage', 'ASSIGN_ROLE SUPER_ADMIN']],
    ],
  },
  {
    name: 'a SUPER_ADMIN service app for READ_ONLY access without a users scope: the read scope',
    input: serviceAppInput(
      [assignment('SUPER_ADMIN')],
      ['okta.apps.manage', 'okta.groups.read', 'okta.roles.read', 'okta.logs.read', 'okta.schemas.read'],
      'READ_ONLY',
    ),
    catalog: catalogWith(),
    status: 'NOT_READY',
    plans: [['READY', [], ['GRANT_SCOPE okta.users.read']]],
  },
  {
    name: 'a Read-only Administrator service app with two scopes: the five missing scopes with either plan',
    input: serviceAppInput([assignment('READ_ONLY_ADMIN')], ['okta.users.read', 'okta.logs.read']),
    catalog: catalogWith(),
    status: 'UNSUPPORTED',
    plans: [
      [
        'PARTIAL',
        SA_ONLY,
        [
          'GRANT_SCOPE okta.users.manage',
          'GRANT_SCOPE okta.apps.manage',
          'GRANT_SCOPE okta.groups.manage',
          'GRANT_SCOPE okta.roles.read',
          'GRANT_SCOPE okta.schemas.read',
          'ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN',
          'ASSIGN_ROLE APP_ADMIN',
        ],
      ],
      [
        'READY',
        [],
        [
          'GRANT_SCOPE okta.users.manage',
          'GRANT_SCOPE okta.apps.manage',
          'GRANT_SCOPE okta.groups.manage',
          'GRANT_SCOPE okta.roles.read',
          'GRANT_SCOPE okta.schemas.read',
          'ASSIGN_ROLE SUPER_ADMIN',
        ],
      ],
    ],
  },
];

/** This test's own reading of a step: the change it names, made to a copy of the inputs. */
function applyStep(input: ReadinessInput, catalog: AccessCatalog, step: RemediationStep) {
  const roles = new Map(catalog.customRoles);
  const sets = new Map(catalog.resourceSets);
  let assignments = [...input.assignments];
  let grantedScopes = input.grantedScopes;
  if (step.action === 'ASSIGN_ROLE') {
    assignments.push({
      ...assignment(step.subject),
      principalKind: input.principal.kind,
      principalKey: input.principal.key,
      assignmentType: input.principal.kind === 'SERVICE_APP' ? 'CLIENT' : input.principal.kind,
    });
  } else if (step.action === 'REMOVE_TARGETS') {
    assignments = assignments.map((a) =>
      a.type === step.subject && a.targets ? { ...a, targets: null } : a,
    );
  } else if (step.action === 'REACTIVATE_ROLE') {
    assignments = assignments.map((a) => (a.type === step.subject ? { ...a, status: 'ACTIVE' } : a));
  } else if (step.action === 'ADD_PERMISSION') {
    const role = roles.get('cr0lumos')!;
    roles.set(role.id, { ...role, permissions: [...role.permissions, step.subject] });
  } else if (step.action === 'ADD_RESOURCE') {
    const set = sets.get('iamLumos')!;
    sets.set('iamLumos', { resources: [...set.resources, { id: 'added', orn: step.subject }] });
  } else if (step.action === 'GRANT_SCOPE') {
    grantedScopes = [...(grantedScopes ?? []), step.subject];
  }
  return {
    input: { ...input, assignments, grantedScopes },
    catalog: { ...catalog, customRoles: roles, resourceSets: sets },
  };
}

function outcomeWith(c: Case, steps: readonly RemediationStep[]) {
  let state = { input: c.input, catalog: c.catalog };
  for (const step of steps) state = applyStep(state.input, state.catalog, step);
  const r = evaluateLumosReadiness(state.input, state.catalog);
  const required = r.capabilities.filter((x) => x.required);
  return {
    status: r.status,
    unavailable: required.filter((x) => !x.available).map((x) => x.name),
    limited: required.filter((x) => x.limitedTo !== null).map((x) => x.name),
  };
}

const summary = (p: RemediationPlan): ExpectedPlan => [
  p.reaches,
  p.leavesMissing,
  p.steps.map((s) => `${s.action} ${s.subject}`),
];

describe('remediation plans, case by case', () => {
  it.each(CASES.map((c) => [c.name, c]))('%s', (_name, c) => {
    const r: LumosReadinessResult = evaluateLumosReadiness(c.input, c.catalog);
    expect(r.status).toBe(c.status);
    expect(r.remediationPlans.map(summary)).toEqual(c.plans);
    expect(r.remediation).toEqual(r.remediationPlans[0]?.steps.map((s) => s.text) ?? []);
    for (const plan of r.remediationPlans) {
      const after = outcomeWith(c, plan.steps);
      expect(after.status, `${plan.reaches} plan`).toBe(plan.reaches);
      expect(after.unavailable).toEqual(plan.leavesMissing);
      plan.steps.forEach((step, i) => {
        const without = outcomeWith(
          c,
          plan.steps.filter((_s, j) => j !== i),
        );
        expect(without, `${step.action} ${step.subject} is needed`).not.toEqual(after);
      });
    }
  });
});

describe('missing means missing', () => {
  it('names in each capability only the scope Lumos requests at the access level, once', () => {
    const full = evaluateLumosReadiness(serviceAppInput([], []), catalogWith());
    const byName = Object.fromEntries(full.capabilities.map((c) => [c.name, c.missing]));
    expect(byName['READ_USERS']).toEqual(['okta.users.read', 'okta.users.manage']);
    expect(byName['READ_APPS']).toEqual(['okta.apps.read', 'okta.apps.manage']);
    // okta.apps.manage is a permission and a scope: named once.
    expect(byName['MANAGE_APP_ASSIGNMENTS']).toEqual([
      'okta.users.appAssignment.manage',
      'okta.apps.assignment.manage',
      'okta.apps.manage',
      'okta.users.manage',
    ]);
    const scopes = (access: 'FULL' | 'READ_ONLY') =>
      evaluateLumosReadiness(serviceAppInput([assignment('SUPER_ADMIN')], [], access), catalogWith());
    const f = scopes('FULL');
    const ro = scopes('READ_ONLY');
    const missingOf = (r: LumosReadinessResult, name: string) =>
      r.capabilities.find((c) => c.name === name)?.missing;
    expect(missingOf(f, 'READ_USERS')).toEqual(['okta.users.manage']);
    expect(missingOf(ro, 'READ_USERS')).toEqual(['okta.users.read']);
    expect(missingOf(f, 'READ_APPS')).toEqual(['okta.apps.manage']);
    expect(missingOf(ro, 'READ_GROUPS')).toEqual(['okta.groups.read']);
    for (const r of [f, ro]) {
      for (const c of r.capabilities.filter((x) => x.required)) {
        for (const scope of c.missing) expect(r.missingScopes, `${r.access} ${c.name}`).toContain(scope);
      }
    }
  });

  it('lists as missing only permissions no role holds', () => {
    const r = evaluateLumosReadiness(
      userInput([customAssignment('cr0lumos', 'iamLumos'), assignment('REPORT_ADMIN')]),
      lumosSet([ALL_USERS, ALL_GROUPS], ['okta.users.read', 'okta.groups.read', 'okta.apps.read']),
    );
    // okta.apps.read is held, out of scope; the two app permissions below are held by no role.
    expect(r.missingPermissions).toEqual([
      'okta.apps.assignment.manage',
      'okta.apps.manage',
      'okta.groups.members.manage',
      'okta.users.appAssignment.manage',
      'okta.users.groupMembership.manage',
      'okta.users.lifecycle.manage',
    ]);
    expect(r.capabilities.find((c) => c.name === 'READ_APPS')?.reason).toBe(
      `Out of scope: custom role "Lumos connector" (cr0lumos) holds okta.apps.read, but its resource set iamLumos lacks ${ALL_APPS}.`,
    );
    expect(r.capabilities.find((c) => c.name === 'MANAGE_APP_ASSIGNMENTS')?.reason).toBe(
      'No role grants okta.users.appAssignment.manage and okta.apps.assignment.manage and okta.apps.manage.',
    );
  });
});

describe('plans when the gateway could not read everything', () => {
  it('keeps only the plans every completion of the unread input gives', () => {
    const unread: UnreadInput = {
      kind: 'CUSTOM_ROLE_PERMISSIONS',
      customRoleId: 'cr1',
      input: 'permissions of custom role cr1',
      reason: '403 E0000006',
      needs: { scopes: [], adminRoles: ['SUPER_ADMIN'] },
    };
    const r = evaluateLumosReadiness(
      {
        ...userInput([assignment('APP_ADMIN'), assignment('REPORT_ADMIN'), customAssignment('cr1', 'iam1')]),
        unread: [unread],
      },
      catalogWith([], { iam1: [ALL_USERS, ALL_GROUPS, ALL_APPS] }),
    );
    // Without the custom role GROUP_MEMBERSHIP_ADMIN would help; with it, only SUPER_ADMIN does.
    expect(r.status).toBe('PARTIAL');
    expect(r.remediationPlans.map(summary)).toEqual([['READY', [], SUPER]]);
    expect(r.remediation).toEqual(r.remediationPlans[0]?.steps.map((s) => s.text));
  });
});
