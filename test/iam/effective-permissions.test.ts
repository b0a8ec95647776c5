import { describe, expect, it } from 'vitest';
import { effectivePermissions } from '../../src/iam/effective-permissions.ts';
import { PERMISSION_CATALOG } from '../../src/iam/permission-catalog.ts';
import { groupOrn } from '../../src/iam/resource-family.ts';
import {
  ALL_APPS,
  ALL_GROUPS,
  ALL_USERS,
  assignment,
  catalogWith,
  customAssignment,
  customRole,
  inherited,
  ORG,
  targeted,
} from './fixtures.ts';

const byName = (perms: ReturnType<typeof effectivePermissions>) =>
  new Map(perms.map((p) => [p.permission, p]));

describe('effective permissions of standard roles', () => {
  it('gives SUPER_ADMIN every catalog permission, each with its org-wide ORN', () => {
    const sa = assignment('SUPER_ADMIN');
    const perms = effectivePermissions([sa], catalogWith());
    expect(perms.map((p) => p.permission)).toEqual(PERMISSION_CATALOG.map((p) => p.name).sort());
    const map = byName(perms);
    expect(map.get('okta.users.read')?.scope).toEqual([ALL_USERS]);
    expect(map.get('okta.apps.manage')?.scope).toEqual([ALL_APPS]);
    expect(map.get('okta.iam.read')?.scope).toEqual(['orn:okta:iam:00o1acme:contained_resources']);
    expect(map.get('okta.realms.read')?.scope).toEqual([]);
    expect(map.get('okta.users.read')?.grantedBy).toEqual([sa]);
  });

  it('narrows a group-targeted role: users to the group users, groups to the group', () => {
    const uadmin = targeted('USER_ADMIN', [
      { kind: 'GROUP', groupId: '00g2' },
      { kind: 'GROUP', groupId: '00g1' },
    ]);
    const map = byName(effectivePermissions([uadmin], catalogWith()));
    expect(map.get('okta.users.lifecycle.manage')?.scope).toEqual([
      groupOrn(ORG, '00g1', true),
      groupOrn(ORG, '00g2', true),
    ]);
    expect(map.get('okta.groups.read')?.scope).toEqual([groupOrn(ORG, '00g1'), groupOrn(ORG, '00g2')]);
  });

  it('keeps a group-targeted GROUP_MEMBERSHIP_ADMIN reading every user while narrowing membership changes', () => {
    const gma = targeted('GROUP_MEMBERSHIP_ADMIN', [{ kind: 'GROUP', groupId: '00g1' }]);
    const map = byName(effectivePermissions([gma], catalogWith()));
    expect(map.get('okta.users.read')?.scope).toEqual([ALL_USERS]);
    expect(map.get('okta.users.groupMembership.manage')?.scope).toEqual([groupOrn(ORG, '00g1', true)]);
    expect(map.get('okta.groups.members.manage')?.scope).toEqual([groupOrn(ORG, '00g1')]);
  });

  it('narrows an app-targeted APP_ADMIN to the app type or instance, but not its user reads', () => {
    const appAdmin = targeted('APP_ADMIN', [
      { kind: 'APP', appName: 'salesforce', appId: null },
      { kind: 'APP', appName: 'oidc_client', appId: '0oa9' },
    ]);
    const map = byName(effectivePermissions([appAdmin], catalogWith()));
    expect(map.get('okta.apps.manage')?.scope).toEqual([
      'orn:okta:idp:00o1acme:apps:oidc_client:0oa9',
      'orn:okta:idp:00o1acme:apps:salesforce',
    ]);
    expect(map.get('okta.users.read')?.scope).toEqual([ALL_USERS]);
  });

  it('ignores targets on a role the table scopes org-wide', () => {
    const report = targeted('ORG_ADMIN', [{ kind: 'GROUP', groupId: '00g1' }]);
    expect(byName(effectivePermissions([report], catalogWith())).get('okta.users.read')?.scope).toEqual([
      ALL_USERS,
    ]);
  });

  it('grants nothing for inactive assignments, unknown types and REPORT_ADMIN', () => {
    const perms = effectivePermissions(
      [
        assignment('SUPER_ADMIN', { status: 'INACTIVE' }),
        assignment('WORKFLOWS_ADMIN'),
        assignment('REPORT_ADMIN'),
      ],
      catalogWith(),
    );
    expect(perms).toEqual([]);
  });
});

describe('merging', () => {
  it('lets an org-wide grant absorb narrower ORNs and names every contributing assignment', () => {
    const narrow = targeted('HELP_DESK_ADMIN', [{ kind: 'GROUP', groupId: '00g1' }]);
    const wide = inherited('READ_ONLY_ADMIN', '00g7');
    const users = byName(effectivePermissions([narrow, wide], catalogWith())).get('okta.users.read');
    expect(users).toEqual({ permission: 'okta.users.read', scope: [ALL_USERS], grantedBy: [narrow, wide] });
  });

  it('unions narrow scopes of several assignments', () => {
    const a = targeted('HELP_DESK_ADMIN', [{ kind: 'GROUP', groupId: '00g2' }]);
    const b = targeted('USER_ADMIN', [{ kind: 'GROUP', groupId: '00g1' }]);
    const unlock = byName(effectivePermissions([a, b], catalogWith())).get('okta.users.lifecycle.unlock');
    expect(unlock?.scope).toEqual([groupOrn(ORG, '00g1', true), groupOrn(ORG, '00g2', true)]);
    expect(unlock?.grantedBy).toEqual([a, b]);
  });

  it('sorts by permission name, whatever the assignment order', () => {
    const perms = effectivePermissions(
      [assignment('APP_ADMIN'), assignment('HELP_DESK_ADMIN')],
      catalogWith(),
    );
    const names = perms.map((p) => p.permission);
    expect(names).toEqual([...names].sort());
  });
});

describe('effective permissions of custom roles', () => {
  it('scopes the role permissions, expanded, to the resources of its set that fit each family', () => {
    const catalog = catalogWith(
      [customRole('cr0lumos', ['okta.users.manage', 'okta.groups.read', 'okta.apps.read'])],
      {
        iamSet: [groupOrn(ORG, '00g1', true), ALL_GROUPS, 'orn:okta:idp:00o1acme:apps:salesforce:0oa1'],
      },
    );
    const custom = customAssignment('cr0lumos', 'iamSet');
    const map = byName(effectivePermissions([custom], catalog));
    expect(map.get('okta.users.lifecycle.delete')).toEqual({
      permission: 'okta.users.lifecycle.delete',
      scope: [groupOrn(ORG, '00g1', true)],
      grantedBy: [custom],
    });
    expect(map.get('okta.groups.read')?.scope).toEqual([ALL_GROUPS]);
    expect(map.get('okta.apps.read')?.scope).toEqual(['orn:okta:idp:00o1acme:apps:salesforce:0oa1']);
  });

  it('treats an all-users ORN as org-wide and lists nothing for a family the set lacks', () => {
    const catalog = catalogWith([customRole('cr0a', ['okta.users.read', 'okta.apps.read'])], {
      iamSet: [ALL_USERS],
    });
    const perms = effectivePermissions([customAssignment('cr0a', 'iamSet')], catalog);
    expect(perms.map((p) => [p.permission, p.scope])).toEqual([['okta.users.read', [ALL_USERS]]]);
  });

  it('does not count a group ORN as that group users', () => {
    const catalog = catalogWith([customRole('cr0a', ['okta.users.read'])], {
      iamSet: [groupOrn(ORG, '00g1')],
    });
    expect(effectivePermissions([customAssignment('cr0a', 'iamSet')], catalog)).toEqual([]);
  });

  it('grants nothing when the custom role or resource set is unknown, and skips malformed ORNs', () => {
    const catalog = catalogWith([customRole('cr0a', ['okta.users.read'])], {
      iamSet: ['not an orn', ALL_USERS],
    });
    expect(effectivePermissions([customAssignment('cr0missing', 'iamSet')], catalog)).toEqual([]);
    expect(effectivePermissions([customAssignment('cr0a', 'iamMissing')], catalog)).toEqual([]);
    expect(effectivePermissions([customAssignment('cr0a', 'iamSet')], catalog)[0]?.scope).toEqual([
      ALL_USERS,
    ]);
  });

  it('merges a custom role and a standard role on the same permission', () => {
    const catalog = catalogWith([customRole('cr0a', ['okta.users.read'])], {
      iamSet: [groupOrn(ORG, '00g1', true)],
    });
    const custom = customAssignment('cr0a', 'iamSet');
    const helpdesk = targeted('HELP_DESK_ADMIN', [{ kind: 'GROUP', groupId: '00g2' }]);
    const read = byName(effectivePermissions([custom, helpdesk], catalog)).get('okta.users.read');
    expect(read?.scope).toEqual([groupOrn(ORG, '00g1', true), groupOrn(ORG, '00g2', true)]);
    expect(read?.grantedBy).toEqual([custom, helpdesk]);
  });
});

describe('effective permissions of IAM-based roles', () => {
  it('scopes them to their resource set when it is known', () => {
    const catalog = catalogWith([], {
      ACCESS_CERTIFICATIONS_IAM_POLICY: [
        ALL_USERS,
        ALL_GROUPS,
        ALL_APPS,
        'orn:okta:governance:00o1acme:certifications',
      ],
    });
    const a = assignment('ACCESS_CERTIFICATIONS_ADMIN', {
      resourceSetId: 'ACCESS_CERTIFICATIONS_IAM_POLICY',
    });
    expect(effectivePermissions([a], catalog)).toEqual([
      {
        permission: 'okta.governance.accessCertifications.manage',
        scope: ['orn:okta:governance:00o1acme:certifications'],
        grantedBy: [a],
      },
    ]);
  });

  it('falls back to org-wide when the resource set is unknown', () => {
    const a = assignment('ACCESS_REQUESTS_ADMIN', { resourceSetId: 'ACCESS_REQUESTS_IAM_POLICY' });
    expect(effectivePermissions([a], catalogWith())[0]?.scope).toEqual([
      'orn:okta:governance:00o1acme:requests',
    ]);
  });
});
