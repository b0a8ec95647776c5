import { describe, expect, it } from 'vitest';
import { diffOrgSnapshots } from '../../src/cli/diff/org-diff.ts';
import { changedTinyOrg } from '../org-snapshot/changed-tiny-org.ts';
import { IDS, T, tinyOrg } from '../sim/fixtures/tiny-org.ts';

const user = (id: string, name: string) => ({ type: 'USER' as const, id, name });
const NOROLE = user(IDS.noRole, 'norole@tiny.example');
const GROUPED = user(IDS.grouped, 'grouped@tiny.example');
const CUSTOM = user(IDS.custom, 'custom@tiny.example');
const SVC_FULL = { type: 'CLIENT' as const, id: IDS.svcFull, name: 'Service Full' };
const ADMINS = { type: 'GROUP' as const, id: IDS.admins, name: 'Admins' };

describe('diffOrgSnapshots', () => {
  it('finds nothing between a snapshot and itself', () => {
    expect(diffOrgSnapshots(tinyOrg(), tinyOrg())).toEqual({ changes: [], principals: [] });
  });

  it('finds a role gained, a role lost, a target narrowed, a scope revoked and an admin-group member added', () => {
    const diff = diffOrgSnapshots(tinyOrg(), changedTinyOrg());
    const none = { resourceSet: null, items: [] };
    expect(diff.changes).toEqual([
      {
        kind: 'ROLE_GAINED',
        principal: NOROLE,
        subject: 'REPORT_ADMIN',
        targets: { before: null, after: null, direction: null },
        ...none,
      },
      {
        kind: 'ROLE_LOST',
        principal: SVC_FULL,
        subject: 'SUPER_ADMIN',
        targets: { before: null, after: null, direction: null },
        ...none,
      },
      {
        kind: 'TARGETS_CHANGED',
        principal: GROUPED,
        subject: 'APP_ADMIN',
        targets: {
          before: [`app:bookmark/${IDS.bookmark}`, 'app:salesforce'],
          after: [`app:bookmark/${IDS.bookmark}`],
          direction: 'NARROWED',
        },
        ...none,
      },
      { kind: 'ADMIN_GROUP_MEMBER_ADDED', principal: NOROLE, subject: IDS.admins, targets: null, ...none },
      { kind: 'SCOPE_REVOKED', principal: SVC_FULL, subject: 'okta.roles.read', targets: null, ...none },
    ]);
    expect(diff.principals).toEqual([GROUPED, NOROLE, SVC_FULL]);
  });

  it("names a custom role's permissions, a resource set's resources and a binding, and everyone they reach", () => {
    const newer = tinyOrg();
    newer.customRoles[0]!.permissions.push('okta.apps.read');
    const set = newer.resourceSets[0]!;
    set.resources = set.resources.filter((orn) => !orn.endsWith(':groups'));
    set.bindings[0]!.members.push({ type: 'USER', id: IDS.noRole });
    newer.memberships.find((m) => m.groupId === IDS.admins)!.userIds = [];
    const diff = diffOrgSnapshots(tinyOrg(), newer);
    expect(diff.changes).toEqual([
      {
        kind: 'ROLE_GAINED',
        principal: NOROLE,
        subject: IDS.role,
        resourceSet: IDS.resourceSet,
        targets: { before: null, after: null, direction: null },
        items: [],
      },
      {
        kind: 'PERMISSIONS_ADDED',
        principal: null,
        subject: IDS.role,
        resourceSet: null,
        targets: null,
        items: ['okta.apps.read'],
      },
      {
        kind: 'RESOURCES_REMOVED',
        principal: null,
        subject: IDS.resourceSet,
        resourceSet: null,
        targets: null,
        items: ['orn:okta:directory:00otiny0000000000001:groups'],
      },
      {
        kind: 'ADMIN_GROUP_MEMBER_REMOVED',
        principal: GROUPED,
        subject: IDS.admins,
        resourceSet: null,
        targets: null,
        items: [],
      },
    ]);
    // The role's and the set's holders (Cas, the Admins group and its old member Greg) and Nora.
    expect(diff.principals).toEqual([CUSTOM, GROUPED, NOROLE, ADMINS]);
  });

  it('counts a member added to a group that holds no role as nothing, and an INACTIVE role as not held', () => {
    const newer = tinyOrg();
    newer.memberships.find((m) => m.groupId === IDS.support)!.userIds.push(IDS.admin);
    newer.roleAssignments.push({
      principalType: 'USER',
      principalId: IDS.noRole,
      type: 'ORG_ADMIN',
      status: 'INACTIVE',
      created: T,
    });
    expect(diffOrgSnapshots(tinyOrg(), newer)).toEqual({ changes: [], principals: [] });
  });
});
