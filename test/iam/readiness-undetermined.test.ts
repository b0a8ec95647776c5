import { describe, expect, it } from 'vitest';
import { evaluateLumosReadiness } from '../../src/iam/readiness/evaluate.ts';
import type { ReadinessInput, UnreadInput } from '../../src/iam/readiness/types.ts';
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
  userInput,
} from './fixtures.ts';

const ROLE_READERS = { scopes: [], adminRoles: ['SUPER_ADMIN', 'okta.iam.read'] };

const userRoles: UnreadInput = {
  kind: 'ROLE_ASSIGNMENTS',
  input: 'role assignments of user 00u1lumos',
  reason: '403 E0000006',
  needs: ROLE_READERS,
};
const appRoles: UnreadInput = {
  kind: 'ROLE_ASSIGNMENTS',
  input: 'role assignments of service app 0oa1lumos',
  reason: '403 E0000006',
  needs: { scopes: ['okta.roles.read'], adminRoles: ['SUPER_ADMIN', 'okta.iam.read'] },
};
const grants: UnreadInput = {
  kind: 'SCOPE_GRANTS',
  input: 'scope grants of app 0oa1lumos',
  reason: '403 E0000006',
  needs: { scopes: [], adminRoles: ['SUPER_ADMIN'] },
};
const customPermissions: UnreadInput = {
  kind: 'CUSTOM_ROLE_PERMISSIONS',
  customRoleId: 'cr1',
  input: 'permissions of custom role cr1',
  reason: '503 E0000009',
  needs: { scopes: [], adminRoles: [] },
};
const setResources: UnreadInput = {
  kind: 'RESOURCE_SET_RESOURCES',
  resourceSetId: 'iam1',
  input: 'resources of resource set iam1',
  reason: '403 E0000006',
  needs: ROLE_READERS,
};

const USER_ROLES_STEP =
  'The gateway could not read role assignments of user 00u1lumos (403 E0000006): give its credential SUPER_ADMIN or a custom role with okta.iam.read, then check again.';
const GRANTS_STEP =
  'The gateway could not read scope grants of app 0oa1lumos (403 E0000006): give its credential SUPER_ADMIN, then check again.';
const APP_ROLES_STEP =
  'The gateway could not read role assignments of service app 0oa1lumos (403 E0000006): give its credential the scope okta.roles.read and SUPER_ADMIN or a custom role with okta.iam.read, then check again.';

const publicOf = (u: UnreadInput) => ({ input: u.input, reason: u.reason, needs: u.needs });
const withUnread = (input: ReadinessInput, ...unread: UnreadInput[]): ReadinessInput => ({
  ...input,
  unread,
});

describe('a verdict that nothing unread could change stands, with nothing undetermined', () => {
  const cases: [string, ReadinessInput, ReturnType<typeof catalogWith>, string][] = [
    [
      'a direct SUPER_ADMIN, whatever a custom role the user also holds grants',
      withUnread(userInput([assignment('SUPER_ADMIN'), customAssignment('cr1', 'iam1')]), customPermissions),
      catalogWith([], { iam1: [ALL_USERS] }),
      'READY',
    ],
    [
      'a direct SUPER_ADMIN, whatever the user inherits through groups',
      withUnread(userInput([assignment('SUPER_ADMIN')]), userRoles),
      catalogWith(),
      'READY',
    ],
    [
      // Scopes come after the UNSUPPORTED rule: more scopes cannot lift a Read-Only Administrator.
      'a service app holding only READ_ONLY_ADMIN, whatever its grants',
      withUnread(serviceAppInput([assignment('READ_ONLY_ADMIN')], []), grants),
      catalogWith(),
      'UNSUPPORTED',
    ],
    [
      // No okta.* permission grants READ_ADMIN_ROLES: only SUPER_ADMIN does.
      'APP_ADMIN + REPORT_ADMIN and a custom role: PARTIAL whatever the custom role holds',
      withUnread(
        userInput([assignment('APP_ADMIN'), assignment('REPORT_ADMIN'), customAssignment('cr1', 'iam1')]),
        customPermissions,
      ),
      catalogWith([], { iam1: [ALL_USERS, ALL_GROUPS, ALL_APPS] }),
      'PARTIAL',
    ],
  ];

  it.each(cases)('%s: %s', (_name, input, catalog, status) => {
    const r = evaluateLumosReadiness(input, catalog);
    expect(r.status).toBe(status);
    expect(r.undetermined).toEqual([]);
  });
});

describe('a verdict that stands claims only what no unread input could make false', () => {
  it('APP_ADMIN + REPORT_ADMIN + an unread custom role: PARTIAL, SUPER_ADMIN certainly missing', () => {
    const r = evaluateLumosReadiness(
      withUnread(
        userInput([assignment('APP_ADMIN'), assignment('REPORT_ADMIN'), customAssignment('cr1', 'iam1')]),
        customPermissions,
      ),
      catalogWith([], { iam1: [ALL_USERS, ALL_GROUPS, ALL_APPS] }),
    );
    expect(r.status).toBe('PARTIAL');
    expect(r.undetermined).toEqual([]);
    const unavailable = r.capabilities.filter((c) => !c.available).map((c) => [c.name, c.missing]);
    expect(unavailable).toEqual([
      // The custom role may grant these: nothing is claimed missing.
      ['MANAGE_USER_LIFECYCLE', []],
      ['MANAGE_GROUP_MEMBERSHIP', []],
      // No custom role grants these.
      ['READ_ADMIN_ROLES', ['SUPER_ADMIN']],
      ['MANAGE_SUPER_ADMIN_MEMBERSHIP', ['SUPER_ADMIN']],
    ]);
    expect(r.capabilities.find((c) => c.name === 'MANAGE_USER_LIFECYCLE')?.reason).toBe(
      'Undetermined: it depends on what the gateway could not read: permissions of custom role cr1.',
    );
    expect(r.missingRoles).toEqual(['SUPER_ADMIN']);
    expect(r.missingPermissions).toEqual([]);
  });
});

describe('a verdict that something unread could change is UNKNOWN, never NOT_READY', () => {
  it('a user whose role list Okta refused: UNKNOWN, naming what the credential needs', () => {
    const r = evaluateLumosReadiness(withUnread(userInput([]), userRoles), catalogWith());
    expect(r.status).toBe('UNKNOWN');
    expect(r.undetermined).toEqual([publicOf(userRoles)]);
    // Nothing is known to be available, nothing known to be missing.
    expect(r.capabilities.filter((c) => c.available)).toEqual([]);
    expect(r.capabilities.every((c) => c.missing.length === 0)).toBe(true);
    expect(r.capabilities[0]?.reason).toBe(
      'Undetermined: it depends on what the gateway could not read: role assignments of user 00u1lumos.',
    );
    expect(r).toMatchObject({
      missingRoles: [],
      missingPermissions: [],
      missingScopes: [],
      warnings: [],
      remediation: [USER_ROLES_STEP],
    });
  });

  it('a Read-Only Administrator whose group roles are unread: UNKNOWN (more roles undo UNSUPPORTED)', () => {
    const r = evaluateLumosReadiness(
      withUnread(userInput([assignment('READ_ONLY_ADMIN')]), userRoles),
      catalogWith(),
    );
    expect(r.status).toBe('UNKNOWN');
    expect(r.undetermined).toEqual([publicOf(userRoles)]);
  });

  it('the Lumos standard combination with unread inherited roles: what it holds stays known', () => {
    const r = evaluateLumosReadiness(
      withUnread(
        userInput([
          assignment('GROUP_MEMBERSHIP_ADMIN'),
          assignment('APP_ADMIN'),
          inherited('REPORT_ADMIN', '00g1'),
        ]),
        userRoles,
      ),
      catalogWith(),
    );
    expect(r.status).toBe('UNKNOWN');
    const byName = Object.fromEntries(r.capabilities.map((c) => [c.name, c]));
    // Certain: granted org-wide by what was read.
    for (const name of [
      'READ_USERS',
      'READ_GROUPS',
      'READ_APPS',
      'MANAGE_GROUP_MEMBERSHIP',
      'READ_SYSTEM_LOG',
    ])
      expect(byName[name]?.available, name).toBe(true);
    // Only SUPER_ADMIN grants these; the unread list may hold it.
    for (const name of ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP']) {
      expect(byName[name]).toMatchObject({ available: false, missing: [] });
      expect(byName[name]?.reason).toMatch(/^Undetermined: /);
    }
    expect(r.missingRoles).toEqual([]);
    expect(r.remediation).toEqual([USER_ROLES_STEP]);
    // INHERITED_ROLE holds only without a direct REPORT_ADMIN, which the unread list may hold.
    expect(r.warnings).toEqual([]);
  });

  it('a SUPER_ADMIN service app whose grants are unread: UNKNOWN, no scope claimed missing', () => {
    const r = evaluateLumosReadiness(
      withUnread(serviceAppInput([assignment('SUPER_ADMIN')], []), grants),
      catalogWith(),
    );
    expect(r.status).toBe('UNKNOWN');
    expect(r.connection).toBe('OAUTH_SERVICE_APP');
    expect(r.undetermined).toEqual([publicOf(grants)]);
    expect(r.missingScopes).toEqual([]);
    expect(r.remediation).toEqual([GRANTS_STEP]);
  });

  it('a service app whose roles and grants are both unread: both could change it', () => {
    const r = evaluateLumosReadiness(withUnread(serviceAppInput([], []), appRoles, grants), catalogWith());
    expect(r.status).toBe('UNKNOWN');
    expect(r.undetermined).toEqual([publicOf(appRoles), publicOf(grants)]);
    // NO_ADMIN_ROLE is not claimed: the unread role list may hold one.
    expect(r.warnings).toEqual([]);
    expect(r.remediation).toEqual([APP_ROLES_STEP, GRANTS_STEP]);
  });

  it('a known missing scope stays missing when the roles are unread', () => {
    const r = evaluateLumosReadiness(
      withUnread(
        serviceAppInput(
          [],
          ALL_SCOPES_FULL.filter((s) => s !== 'okta.logs.read'),
        ),
        appRoles,
      ),
      catalogWith(),
    );
    // No role: NOT_READY; SUPER_ADMIN: NOT_READY (the scope); READ_ONLY_ADMIN alone: UNSUPPORTED.
    expect(r.status).toBe('UNKNOWN');
    expect(r.missingScopes).toEqual(['okta.logs.read']);
    expect(r.remediation).toEqual([
      APP_ROLES_STEP,
      'Grant the Okta API scope okta.logs.read to Lumos connector: POST /api/v1/apps/0oa1lumos/grants {"scopeId":"okta.logs.read","issuer":"https://acme.okta.com"} (Applications > Lumos connector > Okta API Scopes).',
    ]);
  });

  it('a custom role whose resource set is unread: NOT_READY with no resources, PARTIAL with all', () => {
    const r = evaluateLumosReadiness(
      withUnread(userInput([customAssignment('cr1', 'iam1')]), setResources),
      catalogWith([customRole('cr1', LUMOS_CUSTOM_PERMISSIONS)]),
    );
    expect(r.status).toBe('UNKNOWN');
    expect(r.undetermined).toEqual([publicOf(setResources)]);
  });

  it('lists only the unread inputs that can change the verdict', () => {
    const r = evaluateLumosReadiness(
      withUnread(
        serviceAppInput([assignment('SUPER_ADMIN'), customAssignment('cr1', 'iam1')], []),
        grants,
        customPermissions,
      ),
      catalogWith([], { iam1: [ALL_USERS] }),
    );
    // SUPER_ADMIN grants all a custom role could: only the grants decide.
    expect(r.status).toBe('UNKNOWN');
    expect(r.undetermined).toEqual([publicOf(grants)]);
  });

  it('says what each failure needs, and nothing for Okta failing', () => {
    const r = evaluateLumosReadiness(
      withUnread(userInput([customAssignment('cr1', 'iam1')]), customPermissions),
      catalogWith([], { iam1: [ALL_USERS, ALL_GROUPS, ALL_APPS] }),
    );
    expect(r.status).toBe('UNKNOWN');
    expect(r.remediation[0]).toBe(
      'The gateway could not read permissions of custom role cr1 (503 E0000009): check again later.',
    );
  });
});
