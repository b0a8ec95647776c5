import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoOrg } from '../../src/sim/generate.ts';
import {
  loadSnapshotFile,
  parseSnapshot,
  serializeSnapshot,
  writeSnapshotFile,
} from '../../src/sim/snapshot.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';

const base = generateDemoOrg({ users: 40, groups: 12, apps: 6, serviceApps: 7, resourceSets: 3, admins: 8 });
// biome-ignore lint/suspicious/noExplicitAny: the corpus edits snapshots into shapes the type forbids.
type Json = any;
const copy = (): Json => JSON.parse(JSON.stringify(base));
const firstServiceApp = () => base.apps.findIndex((a) => a.oauthClient?.applicationType === 'service');

function errorOf(snapshot: unknown): string {
  try {
    parseSnapshot(snapshot);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected parseSnapshot to throw');
}

/** [what is wrong, how to break a good snapshot, what the error must say] */
const corpus: [string, (s: Json) => unknown, string][] = [
  [
    'a login of the wrong type',
    (s) => {
      s.users[3].profile.login = 5;
    },
    'snapshot: users[3].profile.login: expected string',
  ],
  [
    'an empty login',
    (s) => {
      s.users[2].profile.login = '';
    },
    'users[2].profile.login: must not be empty',
  ],
  [
    'a missing list',
    (s) => {
      delete s.groups;
    },
    'groups: expected array',
  ],
  [
    'an unknown field',
    (s) => {
      s.users[1].profile.password = 'hunter2';
    },
    'users[1].profile.password: unknown field',
  ],
  [
    'an unknown top-level field',
    (s) => {
      s.apiToken = 'x';
    },
    'apiToken: unknown field',
  ],
  [
    'a client secret on an app',
    (s) => {
      s.apps[0].oauthClient = {
        clientId: s.apps[0].id,
        applicationType: 'web',
        tokenEndpointAuthMethod: 'client_secret_basic',
        client_secret: 'x',
      };
    },
    'apps[0].oauthClient.client_secret: unknown field',
  ],
  [
    'a private JWK member',
    (s) => {
      s.apps[firstServiceApp()].oauthClient.jwks = { keys: [{ kty: 'RSA', n: 'AQ', e: 'AQAB', d: 'x' }] };
    },
    `apps[${firstServiceApp()}].oauthClient.jwks.keys[0].d: private key material`,
  ],
  [
    'a bad status',
    (s) => {
      s.users[5].status = 'GONE';
    },
    'users[5].status: expected one of',
  ],
  [
    'a bad date',
    (s) => {
      s.groups[4].created = 'last Tuesday';
    },
    'groups[4].created: expected an ISO 8601 date-time',
  ],
  [
    'a bad partition',
    (s) => {
      s.org.partition = 'oktadev';
    },
    'org.partition: expected one of',
  ],
  [
    'a role type that is not a type',
    (s) => {
      s.roleAssignments[0].type = 'super admin';
    },
    'roleAssignments[0].type: expected a standard role type',
  ],
  [
    'a resource that is not an ORN',
    (s) => {
      s.resourceSets[0].resources[0] = 'https://x/api/v1/users';
    },
    'resourceSets[0].resources[0]: expected an ORN',
  ],
  [
    'a wrong format',
    (s) => {
      s.format = 'something-else';
    },
    'snapshot: format: expected "okta-iam-graphql/org-snapshot", received "something-else"',
  ],
  [
    'a missing format',
    (s) => {
      delete s.format;
    },
    'format: expected "okta-iam-graphql/org-snapshot", received nothing',
  ],
  [
    'a newer version',
    (s) => {
      s.version = 2;
    },
    'version: expected 1, received 2',
  ],
  [
    'a duplicate user id',
    (s) => {
      s.users[6].id = s.users[4].id;
    },
    'users[6].id: duplicate',
  ],
  [
    'a duplicate login, differing in case',
    (s) => {
      s.users[7].profile.login = s.users[3].profile.login.toUpperCase();
    },
    'users[7].profile.login: duplicate',
  ],
  [
    'a duplicate group id',
    (s) => {
      s.groups[2].id = s.groups[1].id;
    },
    'groups[2].id: duplicate',
  ],
  [
    'a duplicate custom role id',
    (s) => {
      s.customRoles[1].id = s.customRoles[0].id;
    },
    'customRoles[1].id: duplicate',
  ],
  [
    'two membership entries for one group',
    (s) => {
      s.memberships[1].groupId = s.memberships[0].groupId;
    },
    'memberships[1].groupId: duplicate',
  ],
  [
    'membership of an unknown user',
    (s) => {
      s.memberships[0].userIds[2] = '00uNOBODY';
    },
    'memberships[0].userIds[2]: unknown user 00uNOBODY',
  ],
  [
    'membership of an unknown group',
    (s) => {
      s.memberships[1].groupId = '00gNOGROUP';
    },
    'memberships[1].groupId: unknown group 00gNOGROUP',
  ],
  [
    'an assignment to an unknown user',
    (s) => {
      s.roleAssignments[0].principalId = '00uGHOST';
    },
    'roleAssignments[0].principalId: unknown user 00uGHOST',
  ],
  [
    'an assignment to an unknown client',
    (s) => {
      const i = s.roleAssignments.findIndex((a: Json) => a.principalType === 'CLIENT');
      s.roleAssignments[i].principalId = '0oaGHOST';
      return i;
    },
    'principalId: unknown client',
  ],
  [
    'a group target that does not exist',
    (s) => {
      s.roleAssignments[0].groupTargets = ['00gGHOST'];
    },
    'roleAssignments[0].groupTargets[0]: unknown group 00gGHOST',
  ],
  [
    'an app target of the wrong type',
    (s) => {
      s.roleAssignments[0].appTargets = [{ name: 'github', appId: s.apps[0].id }];
    },
    `roleAssignments[0].appTargets[0].appId: app ${base.apps[0]?.id} is a slack, not a github`,
  ],
  [
    'a binding to an unknown custom role',
    (s) => {
      s.resourceSets[0].bindings[0].role = 'cr0GHOST';
    },
    'resourceSets[0].bindings[0].role: unknown custom role cr0GHOST',
  ],
  [
    'a binding member that does not exist',
    (s) => {
      s.resourceSets[0].bindings[1].members[0] = { type: 'GROUP', id: '00gGHOST' };
    },
    'resourceSets[0].bindings[1].members[0].id: unknown group 00gGHOST',
  ],
  [
    'a grant for an unknown app',
    (s) => {
      s.grants[2].appId = '0oaGHOST';
    },
    'grants[2].appId: unknown app 0oaGHOST',
  ],
  [
    'an ORN of another org',
    (s) => {
      s.resourceSets[0].resources[1] = 'orn:okta:directory:00oELSEWHERE:groups';
    },
    'resourceSets[0].resources[1]: ORN orn:okta:directory:00oELSEWHERE:groups is not of this org',
  ],
  [
    'an ORN naming an unknown group',
    (s) => {
      s.resourceSets[0].resources[1] = `orn:okta:directory:${s.org.id}:groups:00gGHOST:contained_resources`;
    },
    'resourceSets[0].resources[1]: unknown group 00gGHOST',
  ],
  [
    'an ORN naming an app under the wrong type',
    (s) => {
      s.resourceSets[0].resources[2] = `orn:okta:idp:${s.org.id}:apps:bookmark:${s.apps[1].id}`;
    },
    `resourceSets[0].resources[2]: app ${base.apps[1]?.id} is a salesforce, not a bookmark`,
  ],
];

describe('parseSnapshot', () => {
  it('accepts a generated org and returns it unchanged', () => {
    expect(parseSnapshot(copy())).toEqual(base);
  });

  it.each(corpus)('rejects %s, naming the field', (_what, breakIt, expected) => {
    const snapshot = copy();
    breakIt(snapshot);
    expect(errorOf(snapshot)).toContain(expected);
  });

  it('rejects what is not an object at all', () => {
    expect(errorOf([])).toBe('snapshot: expected a JSON object, received array');
    expect(errorOf(null)).toBe('snapshot: expected a JSON object, received null');
  });

  it('lists several problems at once, then counts the rest', () => {
    const snapshot = copy();
    for (let i = 0; i < 8; i++) snapshot.users[i].status = 'GONE';
    const message = errorOf(snapshot);
    expect(message).toContain('users[0].status');
    expect(message).toContain('users[4].status');
    expect(message).toContain('(and 3 more)');
  });

  it('accepts the example of docs/snapshot-format.md', async () => {
    const doc = await readFile(new URL('../../docs/snapshot-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    const snapshot = parseSnapshot(JSON.parse(example ?? 'null'));
    expect(snapshot.resourceSets[0]?.bindings.map((b) => b.role)).toEqual([
      'cr01role000000000001',
      'ACCESS_REQUESTS_ADMIN',
    ]);
  });

  it('accepts IAM-based standard roles bound by type and group descriptions of null', () => {
    const snapshot = copy();
    snapshot.resourceSets[0].bindings.push({ role: 'ACCESS_CERTIFICATIONS_ADMIN', members: [] });
    snapshot.groups[3].profile.description = null;
    expect(() => parseSnapshot(snapshot)).not.toThrow();
  });
});

describe('snapshot files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sim-snapshot-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips write then load, byte-identically on a second write', async () => {
    const file = join(dir, 'org.json');
    await writeSnapshotFile(file, base);
    const loaded = await loadSnapshotFile(file);
    expect(loaded).toEqual(base);
    const again = join(dir, 'org-again.json');
    await writeSnapshotFile(again, loaded);
    expect(await readFile(again, 'utf8')).toBe(await readFile(file, 'utf8'));
    expect(
      (await readFile(file, 'utf8')).startsWith(
        '{\n  "format": "okta-iam-graphql/org-snapshot",\n  "version": 1,',
      ),
    ).toBe(true);
  });

  it('writes fields in the format order whatever order the objects were built in', () => {
    const shuffled = JSON.parse(JSON.stringify(base), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as OrgSnapshot;
    expect(serializeSnapshot(shuffled)).toBe(serializeSnapshot(base));
  });

  it('names the file when it is not JSON, and the file and field when it is not a snapshot', async () => {
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{"format": ');
    await expect(loadSnapshotFile(notJson)).rejects.toThrow(`${notJson}: not valid JSON`);
    const bad = join(dir, 'bad.json');
    const snapshot = copy();
    snapshot.users[3].profile.login = 5;
    await writeFile(bad, JSON.stringify(snapshot));
    await expect(loadSnapshotFile(bad)).rejects.toThrow(
      `${bad}: snapshot: users[3].profile.login: expected string`,
    );
    await expect(loadSnapshotFile(join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ['an Okta API token', '00abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123'],
    ['an SSWS header', 'SSWS 00abcdef'],
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIE...'],
    ['a JSON Web Token', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ])('refuses to write %s hidden in a text field, and writes no file', async (kind, secret) => {
    const snapshot = copy();
    snapshot.users[2].profile.title = secret;
    const file = join(dir, 'secret.json');
    await expect(writeSnapshotFile(file, snapshot)).rejects.toThrow(
      `refusing to write: users[2].profile.title looks like ${kind.replace(' header', ' authorization header')}`,
    );
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('refuses to write a private JWK or a secret field, as the format has no place for them', async () => {
    const snapshot = copy();
    snapshot.apps[firstServiceApp()].oauthClient.clientSecret = 'shh';
    await expect(writeSnapshotFile(join(dir, 'x.json'), snapshot)).rejects.toThrow(
      'oauthClient.clientSecret: unknown field',
    );
  });
});
