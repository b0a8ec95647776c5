import { describe, expect, it } from 'vitest';
import {
  type AdminChange,
  classifyAdminChanges,
  type LogTarget,
  membershipGroupIds,
  type SystemLogEvent,
} from '../../src/iam/admin-changes.ts';

const target = (
  type: string,
  id: string,
  displayName = id,
  detailEntry: Record<string, string> = {},
): LogTarget => ({
  id,
  type,
  alternateId: type === 'User' ? `${id}@acme.example` : 'unknown',
  displayName,
  detailEntry,
});

let n = 0;
function event(eventType: string, targets: LogTarget[], extra: Partial<SystemLogEvent> = {}): SystemLogEvent {
  n += 1;
  return {
    uuid: `evt-${String(n).padStart(2, '0')}`,
    published: `2026-11-30T10:${String(n).padStart(2, '0')}:00.000Z`,
    eventType,
    displayMessage: `message ${n}`,
    outcome: 'SUCCESS',
    actor: { id: '00uADMIN', type: 'User', alternateId: 'root@acme.example' },
    targets,
    debugData: {},
    ...extra,
  };
}

const USER = target('User', '00uALICE', 'Alice');
const BOB = target('User', '00uBOB', 'Bob');
const ADMINS = target('UserGroup', '00gADMINS', 'Okta Admins');
const EVERYONE = target('UserGroup', '00gEVERYONE', 'Everyone');
const LATE_ADMINS = target('UserGroup', '00gLATE', 'Granted in the window');
const CLIENT = target('PublicClientApp', '0oaSVC', 'Lumos Connector');
const APP = target('AppInstance', '0oaSVC', 'Lumos Connector');
const RESOURCE_SET = target('ResourceSet', 'iamRS0000001', 'Everything');
const CUSTOM_ROLE = target('CustomRole', 'cr0ROLE00001', 'Custom Reader');

// The corpus: every kind, plus noise that must not appear.
n = 0;
const corpus: SystemLogEvent[] = [
  event('user.session.start', [], {
    actor: { id: '00uALICE', type: 'User', alternateId: 'alice@acme.example' },
  }),
  event('user.account.privilege.grant', [USER], {
    debugData: { privilegeGranted: 'Organization administrator, Application administrator (all)' },
  }),
  event('group.privilege.grant', [LATE_ADMINS], { debugData: { privilegeGranted: 'Super administrator' } }),
  event('app.oauth2.client.privilege.grant', [CLIENT, APP], {
    debugData: { privilegeGranted: 'Super administrator' },
  }),
  event('user.account.privilege.revoke', [BOB], {
    debugData: { privilegeRevoked: 'Read-only Administrator' },
  }),
  event('group.privilege.revoke', [ADMINS], { debugData: { privilegeRevoked: 'Help Desk Administrator' } }),
  event('iam.role.permissions.add', [CUSTOM_ROLE, target('Permission', 'okta.users.manage')]),
  event('iam.resourceset.resources.delete', [
    RESOURCE_SET,
    target('Resource', 'orn:okta:directory:00o1:groups'),
  ]),
  event('iam.resourceset.bindings.add', [RESOURCE_SET, CUSTOM_ROLE, BOB]),
  event('group.user_membership.add', [USER, ADMINS]),
  event('group.user_membership.add', [USER, EVERYONE]),
  event('group.user_membership.remove', [BOB, ADMINS]),
  event('group.user_membership.remove', [BOB, EVERYONE]),
  event('group.user_membership.add', [BOB, LATE_ADMINS]),
  event('app.oauth2.admin.consent.grant', [
    APP,
    target('OAuth2Scope', 'oag1', 'okta.logs.read', { publicclientapp: '0oaSVC' }),
  ]),
  event('app.oauth2.admin.consent.revoke', [
    APP,
    target('OAuth2Scope', 'oag2', 'okta.users.read', { publicclientapp: '0oaSVC' }),
  ]),
  event('user.account.privilege.grant', [USER], { outcome: 'FAILURE' }),
  event('user.lifecycle.create', [BOB]),
];

const change = (
  uuid: string,
  minute: string,
  kind: AdminChange['kind'],
  eventType: string,
  principalKey: string | null,
  subject: string | null,
  message: string,
): AdminChange => ({
  id: uuid,
  published: `2026-11-30T10:${minute}:00.000Z`,
  kind,
  eventType,
  actor: 'root@acme.example',
  principalKey,
  subject,
  message,
});

describe('classifyAdminChanges', () => {
  it('turns every kind of admin-access event into a change, oldest first, and leaves the noise out', () => {
    // 00gADMINS holds a role now; 00gEVERYONE does not; 00gLATE is shown holding one by the log itself.
    const changes = classifyAdminChanges([...corpus].reverse(), new Set(['00gADMINS']));
    expect(changes).toEqual([
      change(
        'evt-02',
        '02',
        'ROLE_GRANTED',
        'user.account.privilege.grant',
        '00uALICE',
        'ORG_ADMIN, APP_ADMIN',
        'message 2',
      ),
      change('evt-03', '03', 'ROLE_GRANTED', 'group.privilege.grant', '00gLATE', 'SUPER_ADMIN', 'message 3'),
      change(
        'evt-04',
        '04',
        'ROLE_GRANTED',
        'app.oauth2.client.privilege.grant',
        '0oaSVC',
        'SUPER_ADMIN',
        'message 4',
      ),
      change(
        'evt-05',
        '05',
        'ROLE_REVOKED',
        'user.account.privilege.revoke',
        '00uBOB',
        'READ_ONLY_ADMIN',
        'message 5',
      ),
      change(
        'evt-06',
        '06',
        'ROLE_REVOKED',
        'group.privilege.revoke',
        '00gADMINS',
        'HELP_DESK_ADMIN',
        'message 6',
      ),
      change('evt-07', '07', 'ROLE_CHANGED', 'iam.role.permissions.add', null, 'cr0ROLE00001', 'message 7'),
      change(
        'evt-08',
        '08',
        'RESOURCE_SET_CHANGED',
        'iam.resourceset.resources.delete',
        null,
        'iamRS0000001',
        'message 8',
      ),
      change(
        'evt-09',
        '09',
        'RESOURCE_SET_CHANGED',
        'iam.resourceset.bindings.add',
        '00uBOB',
        'iamRS0000001',
        'message 9',
      ),
      change(
        'evt-10',
        '10',
        'ADMIN_GROUP_MEMBER_ADDED',
        'group.user_membership.add',
        '00uALICE',
        '00gADMINS',
        'message 10',
      ),
      change(
        'evt-12',
        '12',
        'ADMIN_GROUP_MEMBER_REMOVED',
        'group.user_membership.remove',
        '00uBOB',
        '00gADMINS',
        'message 12',
      ),
      change(
        'evt-14',
        '14',
        'ADMIN_GROUP_MEMBER_ADDED',
        'group.user_membership.add',
        '00uBOB',
        '00gLATE',
        'message 14',
      ),
      change(
        'evt-15',
        '15',
        'SCOPE_GRANTED',
        'app.oauth2.admin.consent.grant',
        '0oaSVC',
        'okta.logs.read',
        'message 15',
      ),
      change(
        'evt-16',
        '16',
        'SCOPE_REVOKED',
        'app.oauth2.admin.consent.revoke',
        '0oaSVC',
        'okta.users.read',
        'message 16',
      ),
    ]);
  });

  it('counts no membership change when no group holds a role', () => {
    const memberships = corpus.filter((e) => e.eventType.startsWith('group.user_membership.'));
    const withoutLate = memberships.filter((e) => !e.targets.some((t) => t.id === '00gLATE'));
    expect(classifyAdminChanges(withoutLate, new Set())).toEqual([]);
  });

  it('names the groups whose membership changed, each once', () => {
    expect(membershipGroupIds(corpus).sort()).toEqual(['00gADMINS', '00gEVERYONE', '00gLATE']);
  });

  it('keeps a privilege label it does not know, and takes the actor id when Okta gives no login', () => {
    const [only] = classifyAdminChanges(
      [
        event('user.account.privilege.grant', [USER], {
          debugData: { privilegeGranted: 'Workflows administrator' },
          actor: { id: '0oaAUTOMATION', type: 'PublicClientApp', alternateId: 'unknown' },
        }),
      ],
      new Set(),
    );
    expect(only).toMatchObject({ subject: 'Workflows administrator', actor: '0oaAUTOMATION' });
  });
});
