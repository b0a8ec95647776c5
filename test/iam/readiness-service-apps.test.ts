import { describe, expect, it } from 'vitest';
import { evaluateLumosReadiness } from '../../src/iam/readiness/evaluate.ts';
import type { LumosReadinessResult } from '../../src/iam/readiness/types.ts';
import { ALL_SCOPES_FULL, assignment, catalogWith, serviceAppInput } from './fixtures.ts';

const catalog = catalogWith();
const unavailable = (r: LumosReadinessResult) =>
  r.capabilities.filter((c) => !c.available).map((c) => c.name);
const READ_SCOPES = [
  'okta.users.read',
  'okta.apps.manage',
  'okta.groups.read',
  'okta.roles.read',
  'okta.logs.read',
  'okta.schemas.read',
];

describe('a service app with SUPER_ADMIN', () => {
  it('is READY over OAuth with all six scopes', () => {
    const r = evaluateLumosReadiness(serviceAppInput([assignment('SUPER_ADMIN')], ALL_SCOPES_FULL), catalog);
    expect(r).toMatchObject({
      status: 'READY',
      connection: 'OAUTH_SERVICE_APP',
      missingScopes: [],
      warnings: [],
    });
  });

  const fullLoss: [string, string[]][] = [
    [
      'okta.users.manage',
      ['READ_USERS', 'MANAGE_USER_LIFECYCLE', 'MANAGE_GROUP_MEMBERSHIP', 'MANAGE_APP_ASSIGNMENTS'],
    ],
    ['okta.apps.manage', ['READ_APPS', 'MANAGE_APP_ASSIGNMENTS']],
    ['okta.groups.manage', ['READ_GROUPS', 'MANAGE_GROUP_MEMBERSHIP', 'MANAGE_SUPER_ADMIN_MEMBERSHIP']],
    ['okta.roles.read', ['READ_ADMIN_ROLES']],
    ['okta.logs.read', ['READ_SYSTEM_LOG']],
    ['okta.schemas.read', ['READ_CUSTOM_ATTRIBUTES']],
  ];

  it.each(fullLoss)('is NOT_READY for FULL without %s, losing %j', (scope, lost) => {
    const r = evaluateLumosReadiness(
      serviceAppInput(
        [assignment('SUPER_ADMIN')],
        ALL_SCOPES_FULL.filter((s) => s !== scope),
      ),
      catalog,
    );
    expect(r.status).toBe('NOT_READY');
    expect(r.missingScopes).toEqual([scope]);
    expect(r.missingRoles).toEqual([]);
    expect(unavailable(r)).toEqual(lost);
    for (const name of lost) {
      // Each capability names the scope Lumos requests in FULL, as missingScopes does (not a read substitute).
      expect(r.capabilities.find((c) => c.name === name)?.missing).toEqual([scope]);
    }
    expect(r.remediation).toEqual([
      `Grant the Okta API scope ${scope} to Lumos connector: POST /api/v1/apps/0oa1lumos/grants {"scopeId":"${scope}","issuer":"https://acme.okta.com"} (Applications > Lumos connector > Okta API Scopes).`,
    ]);
    expect(r.remediationPlans).toEqual([
      {
        reaches: 'READY',
        leavesMissing: [],
        steps: [
          {
            action: 'GRANT_SCOPE',
            subject: scope,
            apiCall: `POST /api/v1/apps/0oa1lumos/grants {"scopeId":"${scope}","issuer":"https://acme.okta.com"}`,
            consolePath: 'Applications > Lumos connector > Okta API Scopes',
            text: r.remediation[0],
          },
        ],
      },
    ]);
  });

  it('is READY for READ_ONLY with the read substitutes', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput([assignment('SUPER_ADMIN')], READ_SCOPES, 'READ_ONLY'),
      catalog,
    );
    expect(r.status).toBe('READY');
  });

  it('is READY for READ_ONLY with the manage scopes as well', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput([assignment('SUPER_ADMIN')], ALL_SCOPES_FULL, 'READ_ONLY'),
      catalog,
    );
    expect(r.status).toBe('READY');
  });

  it('is NOT_READY for FULL with the read substitutes, missing the two manage scopes', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput([assignment('SUPER_ADMIN')], READ_SCOPES, 'FULL'),
      catalog,
    );
    expect(r.status).toBe('NOT_READY');
    expect(r.missingScopes).toEqual(['okta.users.manage', 'okta.groups.manage']);
    expect(r.capabilities.find((c) => c.name === 'READ_USERS')?.available).toBe(true);
  });

  it.each([
    ['okta.users.read', 'okta.users.read'],
    ['okta.apps.manage', 'okta.apps.manage'],
    ['okta.groups.read', 'okta.groups.read'],
    ['okta.roles.read', 'okta.roles.read'],
    ['okta.logs.read', 'okta.logs.read'],
    ['okta.schemas.read', 'okta.schemas.read'],
  ])('is NOT_READY for READ_ONLY without %s, missing %s', (removed, missing) => {
    const r = evaluateLumosReadiness(
      serviceAppInput(
        [assignment('SUPER_ADMIN')],
        READ_SCOPES.filter((s) => s !== removed),
        'READ_ONLY',
      ),
      catalog,
    );
    expect(r.status).toBe('NOT_READY');
    expect(r.missingScopes).toEqual([missing]);
  });

  it('says to re-grant a revoked scope', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput(
        [assignment('SUPER_ADMIN')],
        ALL_SCOPES_FULL.filter((s) => s !== 'okta.logs.read'),
        'FULL',
        ['okta.logs.read'],
      ),
      catalog,
    );
    expect(r.missingScopes).toEqual(['okta.logs.read']);
    expect(r.remediation[0]).toMatch(
      /^Re-grant the revoked Okta API scope okta\.logs\.read to Lumos connector: POST/,
    );
  });

  it('treats a revoked read substitute as revoked when READ_ONLY asks for it', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput(
        [assignment('SUPER_ADMIN')],
        READ_SCOPES.filter((s) => s !== 'okta.users.read'),
        'READ_ONLY',
        ['okta.users.manage'],
      ),
      catalog,
    );
    expect(r.remediation[0]).toContain('Re-grant the revoked Okta API scope okta.users.read');
  });
});

describe('a service app without a usable role', () => {
  it('is NOT_READY with NO_ADMIN_ROLE when it has scopes but no role', () => {
    const r = evaluateLumosReadiness(serviceAppInput([], ALL_SCOPES_FULL), catalog);
    expect(r.status).toBe('NOT_READY');
    expect(r.warnings.map((w) => w.code)).toEqual(['NO_ADMIN_ROLE']);
    expect(r.missingRoles).toEqual(['SUPER_ADMIN']);
    expect(r.remediationPlans.map((p) => [p.reaches, p.steps.map((s) => s.subject)])).toEqual([
      ['PARTIAL', ['REPORT_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN']],
      ['READY', ['SUPER_ADMIN']],
    ]);
    // An app's roles are under the app, not Security > Administrators.
    expect(r.remediationPlans[1]?.steps[0]).toEqual({
      action: 'ASSIGN_ROLE',
      subject: 'SUPER_ADMIN',
      apiCall: 'POST /oauth2/v1/clients/0oa1lumos/roles {"type":"SUPER_ADMIN"}',
      consolePath: 'Applications > Lumos connector > Admin roles',
      text: 'Assign SUPER_ADMIN to service app Lumos connector org-wide, for every required capability: POST /oauth2/v1/clients/0oa1lumos/roles {"type":"SUPER_ADMIN"} (Applications > Lumos connector > Admin roles).',
    });
  });

  it('raises NO_ADMIN_ROLE and INACTIVE_ROLE when its only role is inactive, and says to reactivate it', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput([assignment('SUPER_ADMIN', { status: 'INACTIVE' })], ALL_SCOPES_FULL),
      catalog,
    );
    expect(r.warnings.map((w) => w.code)).toEqual(['NO_ADMIN_ROLE', 'INACTIVE_ROLE']);
    expect(r.warnings[0]?.message).toContain('has no active admin role');
    expect(r.remediationPlans.at(-1)?.steps.map((s) => [s.action, s.subject, s.consolePath])).toEqual([
      ['REACTIVATE_ROLE', 'SUPER_ADMIN', 'Applications > Lumos connector > Admin roles'],
    ]);
  });

  it('does not raise NO_ADMIN_ROLE for an unknown role type, which still grants nothing, but warns it is unknown', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput([assignment('WORKFLOWS_ADMIN')], ALL_SCOPES_FULL),
      catalog,
    );
    expect(r.status).toBe('NOT_READY');
    expect(r.warnings.map((w) => w.code)).toEqual(['UNKNOWN_ROLE_TYPE']);
    expect(unavailable(r)).toHaveLength(10);
  });

  it('is UNSUPPORTED with only READ_ONLY_ADMIN, before any scope check', () => {
    expect(evaluateLumosReadiness(serviceAppInput([assignment('READ_ONLY_ADMIN')], []), catalog).status).toBe(
      'UNSUPPORTED',
    );
  });

  it('needs both sides: the standard combination with every scope is PARTIAL', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput(
        [assignment('GROUP_MEMBERSHIP_ADMIN'), assignment('APP_ADMIN'), assignment('REPORT_ADMIN')],
        ALL_SCOPES_FULL,
      ),
      catalog,
    );
    expect(r.status).toBe('PARTIAL');
    expect(unavailable(r)).toEqual(['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP']);
    expect(r.capabilities.find((c) => c.name === 'READ_ADMIN_ROLES')?.missing).toEqual(['SUPER_ADMIN']);
  });

  it('lists both the role and the scope a capability lacks', () => {
    const r = evaluateLumosReadiness(
      serviceAppInput([assignment('APP_ADMIN')], ['okta.apps.manage']),
      catalog,
    );
    expect(r.capabilities.find((c) => c.name === 'READ_SYSTEM_LOG')).toMatchObject({
      available: false,
      missing: ['REPORT_ADMIN', 'READ_ONLY_ADMIN', 'ORG_ADMIN', 'SUPER_ADMIN', 'okta.logs.read'],
      reason:
        'It needs one of the roles REPORT_ADMIN, READ_ONLY_ADMIN, ORG_ADMIN, SUPER_ADMIN; the service app lacks the scope okta.logs.read.',
    });
  });
});
