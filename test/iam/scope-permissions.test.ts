import { describe, expect, it } from 'vitest';
import { grantedScopesAllowing, scopesAllowing } from '../../src/iam/scope-permissions.ts';

describe('the OAuth scopes that let a service app use a permission', () => {
  it.each([
    ['okta.users.read', ['okta.users.read', 'okta.users.manage']],
    ['okta.users.lifecycle.manage', ['okta.users.manage']],
    ['okta.users.groupMembership.manage', ['okta.groups.manage']],
    ['okta.users.appAssignment.manage', ['okta.apps.manage']],
    ['okta.groups.members.manage', ['okta.groups.manage']],
    ['okta.apps.read', ['okta.apps.read', 'okta.apps.manage']],
    ['okta.apps.clientCredentials.read', ['okta.apps.read', 'okta.apps.manage']],
    ['okta.iam.read', ['okta.roles.read', 'okta.roles.manage']],
    ['okta.agents.view', ['okta.agentPools.read', 'okta.agentPools.manage']],
    ['okta.workflows.invoke', ['okta.workflows.invoke.manage']],
    ['okta.governance.accessCertifications.manage', ['okta.governance.accessCertifications.manage']],
    ['okta.governance.accessRequests.manage', ['okta.governance.accessRequests.manage']],
    ['okta.support.cases.manage', ['okta.orgs.manage']],
  ])('%s: %j', (permission, scopes) => {
    expect(scopesAllowing(permission)).toEqual(scopes);
  });

  it('knows no scope for a family it does not know, so never claims a token can use it', () => {
    expect(scopesAllowing('okta.somethingNew.manage')).toEqual([]);
    // Okta documents no okta.workflows.manage or okta.governance.manage scope.
    expect(scopesAllowing('okta.workflows.flows.manage')).toEqual([]);
    expect(scopesAllowing('okta.governance.entitlements.manage')).toEqual([]);
    expect(scopesAllowing('not.okta')).toEqual([]);
  });

  it('picks, of the granted scopes, those that allow the permission', () => {
    const granted = ['okta.users.read', 'okta.logs.read', 'okta.groups.manage'];
    expect(grantedScopesAllowing('okta.users.manage', granted)).toEqual([]);
    expect(grantedScopesAllowing('okta.users.read', granted)).toEqual(['okta.users.read']);
    expect(grantedScopesAllowing('okta.groups.members.manage', granted)).toEqual(['okta.groups.manage']);
  });
});
