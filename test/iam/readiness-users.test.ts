import { describe, expect, it } from 'vitest';
import type { RoleAssignmentRecord } from '../../src/iam/model.ts';
import { evaluateLumosReadiness } from '../../src/iam/readiness/evaluate.ts';
import { LUMOS_OKTA_2026_03_10 } from '../../src/iam/readiness/rule-set.ts';
import type { LumosReadinessResult } from '../../src/iam/readiness/types.ts';
import { groupOrn } from '../../src/iam/resource-family.ts';
import { assignment, catalogWith, inherited, ORG, targeted, userInput } from './fixtures.ts';

const catalog = catalogWith();
const evaluate = (assignments: RoleAssignmentRecord[], access: 'FULL' | 'READ_ONLY' = 'FULL') =>
  evaluateLumosReadiness(userInput(assignments, access), catalog);
const unavailable = (r: LumosReadinessResult) =>
  r.capabilities.filter((c) => !c.available).map((c) => c.name);
const limited = (r: LumosReadinessResult) =>
  Object.fromEntries(r.capabilities.filter((c) => c.limitedTo !== null).map((c) => [c.name, c.limitedTo]));
const codes = (r: LumosReadinessResult) => r.warnings.map((w) => w.code);
const STANDARD_COMBINATION = () => [
  assignment('GROUP_MEMBERSHIP_ADMIN'),
  assignment('APP_ADMIN'),
  assignment('REPORT_ADMIN'),
];

describe('Super Administrator', () => {
  it('is READY when held directly, with nothing missing and nothing to do', () => {
    const r = evaluate([assignment('SUPER_ADMIN')]);
    expect(r).toMatchObject({
      status: 'READY',
      connection: 'API_TOKEN',
      access: 'FULL',
      ruleSet: 'lumos-okta-2026-03-10',
      missingRoles: [],
      missingPermissions: [],
      missingScopes: [],
      warnings: [],
      remediation: [],
    });
    expect(r.capabilities.map((c) => c.name)).toEqual(LUMOS_OKTA_2026_03_10.capabilities.map((c) => c.name));
    expect(
      r.capabilities.every(
        (c) => c.required && c.available && c.limitedTo === null && c.missing.length === 0,
      ),
    ).toBe(true);
    expect(r.capabilities[0]?.reason).toBe('Granted org-wide by SUPER_ADMIN.');
  });

  it('is READY through a group, with an INHERITED_ROLE warning naming the group', () => {
    const r = evaluate([inherited('SUPER_ADMIN', '00g1admins')]);
    expect(r.status).toBe('READY');
    expect(r.warnings).toEqual([
      {
        code: 'INHERITED_ROLE',
        message:
          'SUPER_ADMIN comes through group 00g1admins: removing lumos@acme.com (00u1lumos) from that group breaks the integration.',
      },
    ]);
  });

  it('raises no INHERITED_ROLE when a direct assignment provides the same capabilities', () => {
    expect(codes(evaluate([assignment('SUPER_ADMIN'), inherited('HELP_DESK_ADMIN', '00g2')]))).toEqual([]);
  });

  it('counts an inactive assignment as nothing (NOT_READY), warns INACTIVE_ROLE and says to reactivate it', () => {
    const inactive = assignment('SUPER_ADMIN', { status: 'INACTIVE' });
    const r = evaluate([inactive]);
    expect(r.status).toBe('NOT_READY');
    expect(r.warnings).toEqual([
      {
        code: 'INACTIVE_ROLE',
        message:
          'SUPER_ADMIN is assigned to lumos@acme.com (00u1lumos) but INACTIVE: it grants nothing until it is reactivated.',
      },
    ]);
    expect(unavailable(r)).toHaveLength(10);
    expect(
      r.remediationPlans.map((p) => [p.reaches, p.steps.map((s) => `${s.action} ${s.subject}`)]),
    ).toEqual([
      [
        'PARTIAL',
        ['ASSIGN_ROLE REPORT_ADMIN', 'ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN', 'ASSIGN_ROLE APP_ADMIN'],
      ],
      ['READY', ['REACTIVATE_ROLE SUPER_ADMIN']],
    ]);
    expect(r.remediationPlans[1]?.steps[0]?.apiCall).toBe(
      `DELETE /api/v1/users/00u1lumos/roles/${inactive.id}, then POST /api/v1/users/00u1lumos/roles {"type":"SUPER_ADMIN"}`,
    );
  });
});

describe('Read-only Administrator', () => {
  it('alone is UNSUPPORTED ("Read-Only is not supported for this integration")', () => {
    const r = evaluate([assignment('READ_ONLY_ADMIN')]);
    expect(r.status).toBe('UNSUPPORTED');
    expect(r.missingRoles).toEqual(['SUPER_ADMIN']);
    // READ_ONLY_ADMIN already reads users, groups and apps and the System Log.
    expect(r.remediationPlans.map((p) => [p.reaches, p.steps.map((s) => s.subject)])).toEqual([
      ['PARTIAL', ['GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN']],
      ['READY', ['SUPER_ADMIN']],
    ]);
  });

  it('is UNSUPPORTED for READ_ONLY access too', () => {
    expect(
      evaluate([assignment('READ_ONLY_ADMIN'), inherited('READ_ONLY_ADMIN', '00g1')], 'READ_ONLY').status,
    ).toBe('UNSUPPORTED');
  });

  it('is UNSUPPORTED when the only other role is inactive', () => {
    expect(
      evaluate([assignment('READ_ONLY_ADMIN'), assignment('SUPER_ADMIN', { status: 'INACTIVE' })]).status,
    ).toBe('UNSUPPORTED');
  });

  it('is not UNSUPPORTED beside another role', () => {
    expect(evaluate([assignment('READ_ONLY_ADMIN'), assignment('SUPER_ADMIN')]).status).toBe('READY');
  });
});

describe('the Lumos standard combination (Group Membership + Application + Report Administrator)', () => {
  it('is PARTIAL: exactly READ_ADMIN_ROLES and MANAGE_SUPER_ADMIN_MEMBERSHIP unavailable; SUPER_ADMIN missing', () => {
    const r = evaluate(STANDARD_COMBINATION());
    expect(r.status).toBe('PARTIAL');
    expect(unavailable(r)).toEqual(['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP']);
    expect(limited(r)).toEqual({});
    expect(r.missingRoles).toEqual(['SUPER_ADMIN']);
    expect(r.missingPermissions).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.capabilities.find((c) => c.name === 'READ_ADMIN_ROLES')).toMatchObject({
      missing: ['SUPER_ADMIN'],
      reason: 'It needs the role SUPER_ADMIN.',
    });
    expect(r.remediation).toEqual([
      'Assign SUPER_ADMIN to user lumos@acme.com org-wide, for READ_ADMIN_ROLES and MANAGE_SUPER_ADMIN_MEMBERSHIP: POST /api/v1/users/00u1lumos/roles {"type":"SUPER_ADMIN"} (Security > Administrators > Admins > Add Administrator).',
    ]);
  });

  it('covers user lifecycle through Group Membership Administrator, as Lumos describes that option', () => {
    const r = evaluate(STANDARD_COMBINATION());
    expect(r.capabilities.find((c) => c.name === 'MANAGE_USER_LIFECYCLE')?.reason).toBe(
      'Granted org-wide by GROUP_MEMBERSHIP_ADMIN.',
    );
  });

  it('is PARTIAL for READ_ONLY access, which still needs READ_ADMIN_ROLES', () => {
    const r = evaluate(STANDARD_COMBINATION(), 'READ_ONLY');
    expect(r.status).toBe('PARTIAL');
    expect(r.capabilities.filter((c) => c.required && !c.available).map((c) => c.name)).toEqual([
      'READ_ADMIN_ROLES',
    ]);
    expect(r.capabilities.find((c) => c.name === 'MANAGE_SUPER_ADMIN_MEMBERSHIP')).toMatchObject({
      required: false,
      available: false,
      reason: 'It needs the role SUPER_ADMIN (not required for READ_ONLY).',
    });
  });

  it('with ORG_ADMIN alone lacks the same two capabilities', () => {
    expect(unavailable(evaluate([assignment('ORG_ADMIN')]))).toEqual([
      'READ_ADMIN_ROLES',
      'MANAGE_SUPER_ADMIN_MEMBERSHIP',
    ]);
  });

  it('offers a user with no role the standard combination (PARTIAL) and SUPER_ADMIN (READY), each a plan', () => {
    const r = evaluate([]);
    expect(r.status).toBe('NOT_READY');
    expect(r.warnings).toEqual([]);
    expect(r.missingRoles).toEqual(['SUPER_ADMIN']);
    expect(
      r.remediationPlans.map((p) => [p.reaches, p.leavesMissing, p.steps.map((s) => s.subject)]),
    ).toEqual([
      [
        'PARTIAL',
        ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP'],
        ['REPORT_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN'],
      ],
      ['READY', [], ['SUPER_ADMIN']],
    ]);
    expect(r.remediation.map((s) => /^Assign (\w+)/.exec(s)?.[1])).toEqual([
      'REPORT_ADMIN',
      'GROUP_MEMBERSHIP_ADMIN',
      'APP_ADMIN',
    ]);
  });
});

describe('targeted roles', () => {
  const targetedCombination = () => [
    targeted('GROUP_MEMBERSHIP_ADMIN', [{ kind: 'GROUP', groupId: '00g1sales' }]),
    targeted('APP_ADMIN', [{ kind: 'APP', appName: 'salesforce', appId: null }]),
    assignment('REPORT_ADMIN'),
  ];

  it('limits capabilities to the target ORNs and is PARTIAL', () => {
    const r = evaluate(targetedCombination());
    expect(r.status).toBe('PARTIAL');
    // Custom attributes live on the user profile schema: app targets do not narrow them.
    expect(limited(r)).toEqual({
      READ_APPS: ['orn:okta:idp:00o1acme:apps:salesforce'],
      MANAGE_USER_LIFECYCLE: [groupOrn(ORG, '00g1sales', true)],
      MANAGE_GROUP_MEMBERSHIP: [groupOrn(ORG, '00g1sales'), groupOrn(ORG, '00g1sales', true)],
      MANAGE_APP_ASSIGNMENTS: ['orn:okta:idp:00o1acme:apps:salesforce'],
    });
    // An app-targeted Application Administrator still reads all users and groups.
    expect(r.capabilities.find((c) => c.name === 'READ_USERS')?.limitedTo).toBeNull();
    expect(r.missingRoles).toEqual(['SUPER_ADMIN']);
  });

  it('warns TARGETED_ROLE once per targeted assignment, naming its targets', () => {
    const r = evaluate(targetedCombination());
    expect(r.warnings.filter((w) => w.code === 'TARGETED_ROLE').map((w) => w.message)).toEqual([
      'APP_ADMIN is limited to the targets orn:okta:idp:00o1acme:apps:salesforce: that list must be maintained as the org changes.',
      'GROUP_MEMBERSHIP_ADMIN is limited to the targets orn:okta:directory:00o1acme:groups:00g1sales: that list must be maintained as the org changes.',
    ]);
  });

  it('tells how to replace a targeted assignment with an org-wide one', () => {
    const [gma] = targetedCombination();
    const r = evaluate([gma!, assignment('APP_ADMIN'), assignment('REPORT_ADMIN')]);
    expect(r.remediation[0]).toBe(
      `Make GROUP_MEMBERSHIP_ADMIN of user lumos@acme.com cover all groups instead of its 1 target, for MANAGE_USER_LIFECYCLE and MANAGE_GROUP_MEMBERSHIP; Okta keeps at least one target on an assignment, so unassign it and assign it again with none: DELETE /api/v1/users/00u1lumos/roles/${gma!.id}, then POST /api/v1/users/00u1lumos/roles {"type":"GROUP_MEMBERSHIP_ADMIN"} (Directory > People > lumos@acme.com > Admin roles).`,
    );
  });

  it('is not limited when an org-wide assignment grants the same capability', () => {
    const r = evaluate([...targetedCombination(), assignment('ORG_ADMIN')]);
    expect(limited(r)).toEqual({});
    expect(codes(r)).toEqual([]);
  });

  it('is NOT_READY when a targeted role leaves apps unreadable', () => {
    const r = evaluate([
      targeted('GROUP_MEMBERSHIP_ADMIN', [{ kind: 'GROUP', groupId: '00g1' }]),
      assignment('REPORT_ADMIN'),
    ]);
    expect(r.status).toBe('NOT_READY');
    expect(r.capabilities.find((c) => c.name === 'READ_APPS')?.available).toBe(false);
    // The role reads every user; only its membership changes are narrowed to the target group.
    expect(r.capabilities.find((c) => c.name === 'READ_USERS')?.limitedTo).toBeNull();
    expect(r.capabilities.find((c) => c.name === 'MANAGE_GROUP_MEMBERSHIP')?.limitedTo).toEqual([
      groupOrn(ORG, '00g1'),
      groupOrn(ORG, '00g1', true),
    ]);
  });

  it('warns INHERITED_ROLE and TARGETED_ROLE for a targeted role that comes through a group', () => {
    const helpdesk = inherited('USER_ADMIN', '00g9', { targets: [{ kind: 'GROUP', groupId: '00g1' }] });
    const r = evaluate([helpdesk, assignment('APP_ADMIN'), assignment('REPORT_ADMIN')]);
    expect(codes(r)).toEqual(['INHERITED_ROLE', 'TARGETED_ROLE']);
    // GROUP_MEMBERSHIP_ADMIN, needed for memberships anyway, also covers what widening USER_ADMIN would.
    expect(r.remediationPlans[0]?.steps.map((s) => `${s.action} ${s.subject}`)).toEqual([
      'ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN',
    ]);
  });

  it('widens a targeted role that comes through a group on the group, not the user', () => {
    const gma = inherited('GROUP_MEMBERSHIP_ADMIN', '00g9', {
      targets: [{ kind: 'GROUP', groupId: '00g1' }],
    });
    const r = evaluate([gma, assignment('APP_ADMIN'), assignment('REPORT_ADMIN')]);
    expect(r.remediationPlans[0]?.steps).toEqual([
      {
        action: 'REMOVE_TARGETS',
        subject: 'GROUP_MEMBERSHIP_ADMIN',
        apiCall: `DELETE /api/v1/groups/00g9/roles/${gma.id}, then POST /api/v1/groups/00g9/roles {"type":"GROUP_MEMBERSHIP_ADMIN"}`,
        consolePath: 'Directory > Groups > 00g9 > Admin roles',
        text: `Make GROUP_MEMBERSHIP_ADMIN of group 00g9 cover all groups instead of its 1 target, for MANAGE_USER_LIFECYCLE and MANAGE_GROUP_MEMBERSHIP; Okta keeps at least one target on an assignment, so unassign it and assign it again with none: DELETE /api/v1/groups/00g9/roles/${gma.id}, then POST /api/v1/groups/00g9/roles {"type":"GROUP_MEMBERSHIP_ADMIN"} (Directory > Groups > 00g9 > Admin roles).`,
      },
    ]);
  });
});

describe('roles named by the rules for capabilities no permission covers', () => {
  it.each(['APP_ADMIN', 'API_ACCESS_MANAGEMENT_ADMIN', 'ORG_ADMIN', 'SUPER_ADMIN'])(
    '%s grants READ_CUSTOM_ATTRIBUTES',
    (role) => {
      const cap = evaluate([assignment(role)]).capabilities.find((c) => c.name === 'READ_CUSTOM_ATTRIBUTES');
      expect(cap).toMatchObject({ available: true, limitedTo: null, missing: [] });
    },
  );

  it.each(['REPORT_ADMIN', 'READ_ONLY_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'USER_ADMIN', 'HELP_DESK_ADMIN'])(
    '%s does not grant READ_CUSTOM_ATTRIBUTES',
    (role) => {
      const cap = evaluate([assignment(role)]).capabilities.find((c) => c.name === 'READ_CUSTOM_ATTRIBUTES');
      expect(cap?.available).toBe(false);
      expect(cap?.missing).toEqual(['APP_ADMIN', 'API_ACCESS_MANAGEMENT_ADMIN', 'ORG_ADMIN', 'SUPER_ADMIN']);
    },
  );

  it.each([
    ['REPORT_ADMIN', true],
    ['READ_ONLY_ADMIN', true],
    ['ORG_ADMIN', true],
    ['SUPER_ADMIN', true],
    ['APP_ADMIN', false],
    ['API_ACCESS_MANAGEMENT_ADMIN', false],
  ])('%s grants READ_SYSTEM_LOG: %s', (role, granted) => {
    expect(
      evaluate([assignment(role)]).capabilities.find((c) => c.name === 'READ_SYSTEM_LOG')?.available,
    ).toBe(granted);
  });

  it.each(['ORG_ADMIN', 'APP_ADMIN', 'USER_ADMIN', 'GROUP_MEMBERSHIP_ADMIN'])(
    '%s grants neither READ_ADMIN_ROLES nor MANAGE_SUPER_ADMIN_MEMBERSHIP (SUPER_ADMIN only)',
    (role) => {
      const r = evaluate([assignment(role)]);
      expect(unavailable(r)).toEqual(
        expect.arrayContaining(['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP']),
      );
    },
  );

  it('lets an APP_ADMIN targeted to one app read custom attributes, which live on the user profile schema', () => {
    const r = evaluate([targeted('APP_ADMIN', [{ kind: 'APP', appName: 'oidc_client', appId: '0oa1' }])]);
    expect(r.capabilities.find((c) => c.name === 'READ_CUSTOM_ATTRIBUTES')).toMatchObject({
      available: true,
      limitedTo: null,
      reason: 'Granted org-wide by APP_ADMIN.',
    });
  });
});

describe('unknown role types and groups', () => {
  it('keeps an unknown role type, which grants nothing: NOT_READY by the missing reads', () => {
    const r = evaluate([assignment('WORKFLOWS_ADMIN')]);
    expect(r.status).toBe('NOT_READY');
    expect(unavailable(r)).toHaveLength(10);
  });

  it('does not let an unknown role type change a READY verdict', () => {
    expect(evaluate([assignment('WORKFLOWS_ADMIN'), assignment('SUPER_ADMIN')]).status).toBe('READY');
  });

  it('evaluates a group as API_TOKEN from its own assignments, without INHERITED_ROLE', () => {
    const groupAssignment = assignment('SUPER_ADMIN', {
      principalKind: 'GROUP',
      principalKey: '00g1',
      assignmentType: 'GROUP',
    });
    const r = evaluateLumosReadiness(
      {
        principal: { kind: 'GROUP', key: '00g1', displayName: 'Lumos admins' },
        assignments: [groupAssignment],
        grantedScopes: null,
        access: 'FULL',
      },
      catalog,
    );
    expect(r).toMatchObject({ status: 'READY', connection: 'API_TOKEN', warnings: [] });
  });

  it('tells a group to assign roles through the group roles API', () => {
    const r = evaluateLumosReadiness(
      {
        principal: { kind: 'GROUP', key: '00g1', displayName: 'Lumos admins' },
        assignments: [],
        grantedScopes: null,
        access: 'FULL',
      },
      catalog,
    );
    expect(r.remediationPlans.at(-1)?.steps).toEqual([
      {
        action: 'ASSIGN_ROLE',
        subject: 'SUPER_ADMIN',
        apiCall: 'POST /api/v1/groups/00g1/roles {"type":"SUPER_ADMIN"}',
        consolePath: 'Security > Administrators > Admins > Add Administrator',
        text: 'Assign SUPER_ADMIN to group Lumos admins org-wide, for every required capability: POST /api/v1/groups/00g1/roles {"type":"SUPER_ADMIN"} (Security > Administrators > Admins > Add Administrator).',
      },
    ]);
  });
});

describe('required capabilities per access level', () => {
  it('requires all ten for FULL and the six reads for READ_ONLY', () => {
    const full = evaluate([])
      .capabilities.filter((c) => c.required)
      .map((c) => c.name);
    const readOnly = evaluate([], 'READ_ONLY')
      .capabilities.filter((c) => c.required)
      .map((c) => c.name);
    expect(full).toHaveLength(10);
    expect(readOnly).toEqual([
      'READ_USERS',
      'READ_GROUPS',
      'READ_APPS',
      'READ_SYSTEM_LOG',
      'READ_ADMIN_ROLES',
      'READ_CUSTOM_ATTRIBUTES',
    ]);
  });

  it('is READY for READ_ONLY with SUPER_ADMIN', () => {
    const r = evaluate([assignment('SUPER_ADMIN')], 'READ_ONLY');
    expect(r.status).toBe('READY');
    expect(r.capabilities.find((c) => c.name === 'READ_USERS')?.limitedTo).toBeNull();
  });
});
