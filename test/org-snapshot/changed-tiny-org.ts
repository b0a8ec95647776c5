import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';
import { IDS, T, tinyOrg } from '../sim/fixtures/tiny-org.ts';

/** The five: a role gained, a role lost, a target narrowed, a scope revoked, an admin-group member added. */
export function changedTinyOrg(): OrgSnapshot {
  const org = tinyOrg();
  org.roleAssignments.push({
    principalType: 'USER',
    principalId: IDS.noRole,
    type: 'REPORT_ADMIN',
    status: 'ACTIVE',
    created: T,
  });
  org.roleAssignments = org.roleAssignments.filter(
    (ra) => !(ra.principalType === 'CLIENT' && ra.type === 'SUPER_ADMIN'),
  );
  const appAdmin = org.roleAssignments.find(
    (ra) => ra.principalId === IDS.grouped && ra.type === 'APP_ADMIN',
  )!;
  appAdmin.appTargets = [{ name: 'bookmark', appId: IDS.bookmark }];
  org.grants = org.grants.filter((g) => !(g.appId === IDS.svcFull && g.scopeId === 'okta.roles.read'));
  org.memberships.find((m) => m.groupId === IDS.admins)!.userIds.push(IDS.noRole);
  return org;
}
