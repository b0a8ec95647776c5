import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOrn, OrnError, ornFromRestUrl, ornRestUrl, parseOrn } from '../../src/iam/orn.ts';
import { PERMISSION_CATALOG } from '../../src/iam/permission-catalog.ts';
import {
  appOrn,
  groupOrn,
  orgWideOrn,
  permissionFamily,
  type ResourceFamily,
} from '../../src/iam/resource-family.ts';
import { ORG, SEED_DIR } from './fixtures.ts';

const seedPath = new URL('okta-roles-permissions-resources.txt', SEED_DIR);
const API = 'https://acme.okta.com/api/v1';

/** Fills the seed's placeholders with concrete values. */
function concrete(template: string): string {
  return template
    .replaceAll('{partition}', 'okta')
    .replaceAll('{yourOrgId}', '00o1acme')
    .replaceAll('{orgId}', '00o1acme')
    .replaceAll('{groupId}', '00g1admins')
    .replaceAll('{appType}', 'salesforce')
    .replaceAll('{targetAppType}', 'salesforce')
    .replaceAll('{appId}', '0oa1sfdc')
    .replaceAll('{authorizationServerId}', 'aus1default')
    .replaceAll('{flowId}', 'flo1')
    .replaceAll('{yourOktaDomain}', 'acme.okta.com');
}

describe.skipIf(!existsSync(seedPath))('ORNs of the seed "Supported resources" table', () => {
  const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : '';
  const table = seed.slice(seed.indexOf('Supported resources'));
  const rows = [...table.matchAll(/(orn:\S+)(?:\s+(https:\/\/\S+))?/g)].map((m) => ({
    orn: concrete(m[1]!),
    rest: m[2] ? concrete(m[2]) : null,
  }));

  it('finds every example of the table', () => {
    expect(rows.length).toBe(18);
  });

  it('parses and formats every example back to itself', () => {
    for (const { orn } of rows) expect(formatOrn(parseOrn(orn))).toBe(orn);
  });

  it('maps every example to the REST URL the seed gives, or null where it gives none', () => {
    for (const { orn, rest } of rows) expect(ornRestUrl(parseOrn(orn), ORG.url), orn).toBe(rest);
  });

  it('maps every REST URL of the seed back to its ORN', () => {
    for (const { orn, rest } of rows) {
      if (rest === null) continue;
      expect(
        ornFromRestUrl(rest, ORG, (id) => (id === '0oa1sfdc' ? 'salesforce' : null)),
        rest,
      ).toBe(orn);
    }
  });

  it('parses the three general forms the seed describes', () => {
    expect(parseOrn('orn:okta:directory:00o1acme:groups:00g1:contained_resources')).toEqual({
      partition: 'okta',
      service: 'directory',
      orgId: '00o1acme',
      objectType: 'groups',
      objectId: '00g1',
      appName: null,
      containedResources: true,
    });
    expect(parseOrn('orn:oktapreview:idp:00o1acme:apps:salesforce:0oa1')).toEqual({
      partition: 'oktapreview',
      service: 'idp',
      orgId: '00o1acme',
      objectType: 'apps',
      objectId: '0oa1',
      appName: 'salesforce',
      containedResources: false,
    });
    expect(parseOrn('orn:okta:iam:00o1acme:contained_resources')).toEqual({
      partition: 'okta',
      service: 'iam',
      orgId: '00o1acme',
      objectType: null,
      objectId: null,
      appName: null,
      containedResources: true,
    });
  });
});

describe('parseOrn rejects malformed ORNs with a precise message', () => {
  const corpus: [string, string, string][] = [
    ['empty', '', 'it is empty'],
    [
      'oversize (> 1 KB)',
      `orn:okta:directory:00o1:groups:${'x'.repeat(1100)}`,
      'characters long; the limit is 1024',
    ],
    ['a wrong prefix', 'urn:okta:directory:00o1:users', 'it must start with "orn:", not "urn:"'],
    ['an upper-case prefix', 'ORN:okta:directory:00o1:users', 'it must start with "orn:"'],
    ['too few parts', 'orn:okta:directory:00o1', 'it has 4 parts; expected at least 5'],
    ['too many parts', 'orn:okta:idp:00o1:apps:salesforce:0oa1:extra', 'it has 8 parts; expected at most 7'],
    ['an empty partition', 'orn::directory:00o1:users', 'part 2 (partition) is empty'],
    ['an empty org id', 'orn:okta:directory::users', 'part 4 (orgId) is empty'],
    ['an empty trailing segment', 'orn:okta:directory:00o1:groups:', 'part 6 (objectId) is empty'],
    ['a bad partition', 'orn:aws:directory:00o1:users', 'partition "aws" is not an Okta partition'],
    ['an upper-case partition', 'orn:OKTA:directory:00o1:users', 'partition "OKTA" is not an Okta partition'],
    ['an unknown service', 'orn:okta:directry:00o1:users', 'service "directry" is unknown'],
    ['a space inside', 'orn:okta:directory:00o1:users ', 'it contains whitespace at position 29'],
    ['a leading space', ' orn:okta:directory:00o1:users', 'whitespace at position 0'],
    ['a tab', 'orn:okta:directory:00o1:\tusers', 'whitespace at position 24'],
    [
      'an org id with symbols',
      'orn:okta:directory:00o-1:users',
      'orgId "00o-1" must be letters and digits only',
    ],
    [
      'contained_resources right after the org id outside iam',
      'orn:okta:directory:00o1:contained_resources',
      'contained_resources right after the org id is only valid for the iam service',
    ],
    [
      'contained_resources in the middle',
      'orn:okta:directory:00o1:groups:contained_resources:00g1',
      'contained_resources must be the last part',
    ],
    [
      'contained_resources without a group id',
      'orn:okta:directory:00o1:groups:contained_resources',
      'contained_resources needs an object id before it',
    ],
    [
      'contained_resources on users',
      'orn:okta:directory:00o1:users:contained_resources',
      'contained_resources is not supported for users',
    ],
    [
      'contained_resources on an app',
      'orn:okta:idp:00o1:apps:salesforce:contained_resources',
      'contained_resources is not supported for apps',
    ],
    [
      'contained_resources on an authorization server',
      'orn:okta:idp:00o1:authorization_servers:aus1:contained_resources',
      'authorization_servers takes one object id',
    ],
    ['an id on all users', 'orn:okta:directory:00o1:users:00u1', 'users takes no object id, got "00u1"'],
    ['an iam object type', 'orn:okta:iam:00o1:roles', 'the iam service names only contained_resources'],
    [
      'a third part after a group that is not contained_resources',
      'orn:okta:directory:00o1:groups:00g1:users',
      'after groups:{id} only contained_resources may follow, got "users"',
    ],
    ['an upper-case object type', 'orn:okta:directory:00o1:Users', 'objectType "Users" must be lower-case'],
  ];

  it.each(corpus)('rejects %s', (_what, input, message) => {
    expect(() => parseOrn(input)).toThrow(OrnError);
    expect(() => parseOrn(input)).toThrow(message);
  });

  it('does not echo a whole oversize input in the message', () => {
    try {
      parseOrn(`orn:okta:directory:00o1:groups:${'x'.repeat(5000)}`);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message.length).toBeLessThan(200);
    }
  });

  it('rejects a non-string input', () => {
    expect(() => parseOrn(undefined as unknown as string)).toThrow(OrnError);
  });

  it('accepts exactly 1024 characters', () => {
    const base = 'orn:okta:directory:00o1:groups:';
    expect(parseOrn(base + 'g'.repeat(1024 - base.length)).objectId).toHaveLength(1024 - base.length);
  });

  it('keeps an object type it does not know, with an id, for a known service', () => {
    expect(parseOrn('orn:okta:directory:00o1:realms:guo1')).toMatchObject({
      objectType: 'realms',
      objectId: 'guo1',
    });
  });
});

describe('ORN builders', () => {
  const families: [ResourceFamily, string][] = [
    ['users', 'orn:okta:directory:00o1acme:users'],
    ['groups', 'orn:okta:directory:00o1acme:groups'],
    ['apps', 'orn:okta:idp:00o1acme:apps'],
    ['devices', 'orn:okta:directory:00o1acme:devices'],
    ['identity_provider', 'orn:okta:idp:00o1acme:identity_provider'],
    ['authorization_servers', 'orn:okta:idp:00o1acme:authorization_servers'],
    ['customizations', 'orn:okta:idp:00o1acme:customizations'],
    ['flows', 'orn:okta:workflow:00o1acme:flows'],
    ['certifications', 'orn:okta:governance:00o1acme:certifications'],
    ['requests', 'orn:okta:governance:00o1acme:requests'],
    ['iam', 'orn:okta:iam:00o1acme:contained_resources'],
    ['cases', 'orn:okta:support:00o1acme:cases'],
  ];

  it.each(families)('builds the org-wide ORN of %s, which parses', (family, orn) => {
    expect(orgWideOrn(family, ORG)).toBe(orn);
    expect(formatOrn(parseOrn(orn))).toBe(orn);
  });

  it('uses the org partition', () => {
    expect(orgWideOrn('users', { ...ORG, partition: 'oktapreview' })).toBe(
      'orn:oktapreview:directory:00o1acme:users',
    );
  });

  it('builds group and app ORNs', () => {
    expect(groupOrn(ORG, '00g1')).toBe('orn:okta:directory:00o1acme:groups:00g1');
    expect(groupOrn(ORG, '00g1', true)).toBe('orn:okta:directory:00o1acme:groups:00g1:contained_resources');
    expect(appOrn(ORG, 'salesforce')).toBe('orn:okta:idp:00o1acme:apps:salesforce');
    expect(appOrn(ORG, 'salesforce', null)).toBe('orn:okta:idp:00o1acme:apps:salesforce');
    expect(appOrn(ORG, 'salesforce', '0oa1')).toBe('orn:okta:idp:00o1acme:apps:salesforce:0oa1');
  });

  it.each([
    ['okta.users.read', 'users'],
    ['okta.users.lifecycle.manage', 'users'],
    ['okta.groups.members.manage', 'groups'],
    ['okta.apps.manage', 'apps'],
    ['okta.profilesources.import.run', 'apps'],
    ['okta.devices.read', 'devices'],
    ['okta.identityProviders.manage', 'identity_provider'],
    ['okta.authzServers.read', 'authorization_servers'],
    ['okta.customizations.manage', 'customizations'],
    ['okta.workflows.invoke', 'flows'],
    ['okta.governance.accessCertifications.manage', 'certifications'],
    ['okta.governance.accessRequests.manage', 'requests'],
    ['okta.iam.read', 'iam'],
    ['okta.support.cases.manage', 'cases'],
    ['okta.realms.read', null],
    ['okta.agents.view', null],
    ['okta.directories.read', null],
  ])('puts %s in family %s', (permission, family) => {
    expect(permissionFamily(permission)).toBe(family);
  });

  it('gives a family to every catalog permission except agents, directories and realms', () => {
    const familyless = PERMISSION_CATALOG.map((p) => p.name).filter((n) => permissionFamily(n) === null);
    expect(familyless.every((n) => /^okta\.(agents|directories|realms)\./.test(n))).toBe(true);
  });
});

describe('REST URL mapping', () => {
  it.each([
    ['orn:okta:directory:00o1acme:groups:00g%2F1', `${API}/groups/00g%252F1`],
    ['orn:okta:workflow:00o1acme:flows:flo1', null],
    ['orn:okta:idp:00o1acme:customizations', null],
    ['orn:okta:directory:00o1acme:realms', null],
  ])('maps %s to %s', (orn, url) => {
    expect(ornRestUrl(parseOrn(orn), ORG.url)).toBe(url);
  });

  it('ignores a trailing slash on the org URL', () => {
    expect(ornRestUrl(parseOrn('orn:okta:directory:00o1acme:users'), 'https://acme.okta.com/')).toBe(
      `${API}/users`,
    );
  });

  it.each([
    [`${API}/users/`, 'orn:okta:directory:00o1acme:users'],
    ['/api/v1/groups/00g1/users', 'orn:okta:directory:00o1acme:groups:00g1:contained_resources'],
    [`${API}/apps?filter=name%20eq%20%22okta_org2org%22`, 'orn:okta:idp:00o1acme:apps:okta_org2org'],
    [`${API}/users?limit=200`, 'orn:okta:directory:00o1acme:users'],
  ])('maps %s back to %s', (url, orn) => {
    expect(ornFromRestUrl(url, ORG)).toBe(orn);
  });

  it.each([
    ['another origin', 'https://evil.example.com/api/v1/users'],
    ['a filtered user list', `${API}/users?filter=status%20eq%20%22ACTIVE%22`],
    ['an app filter that is not by name', `${API}/apps?filter=status%20eq%20%22ACTIVE%22`],
    ['one app without a way to learn its name', `${API}/apps/0oa1`],
    ['one user', `${API}/users/00u1`],
    ['a group sub-resource other than users', `${API}/groups/00g1/roles`],
    ['not the management API', 'https://acme.okta.com/oauth2/v1/clients'],
    ['garbage', 'http://[::1'],
  ])('gives null for %s', (_what, url) => {
    expect(ornFromRestUrl(url, ORG)).toBeNull();
  });

  it('works on a local simulator org URL', () => {
    const sim = { ...ORG, url: 'http://127.0.0.1:8080' };
    expect(ornFromRestUrl('http://127.0.0.1:8080/api/v1/groups/00g1', sim)).toBe(
      'orn:okta:directory:00o1acme:groups:00g1',
    );
    expect(ornRestUrl(parseOrn('orn:okta:directory:00o1acme:groups:00g1'), sim.url)).toBe(
      'http://127.0.0.1:8080/api/v1/groups/00g1',
    );
  });
});
