import { describe, expect, it } from 'vitest';
import type { LogTarget, SystemLogEvent } from '../../src/iam/admin-changes.ts';
import { createCatalogCache, CACHE_KEYS as K } from '../../src/okta/cache.ts';
import { cacheRefsTouchedBy } from '../../src/okta/log-invalidation.ts';

const target = (type: string, id: string): LogTarget => ({
  id,
  type,
  alternateId: 'unknown',
  displayName: id,
  detailEntry: {},
});

const event = (eventType: string, targets: LogTarget[], outcome = 'SUCCESS'): SystemLogEvent => ({
  uuid: 'e',
  published: '2026-11-30T12:00:00.000Z',
  eventType,
  displayMessage: '',
  outcome,
  actor: null,
  targets,
  debugData: {},
});

describe('catalog cache invalidation', () => {
  it('drops one entry by key, or every entry of a kind under a prefix, and says how many', async () => {
    const cache = createCatalogCache();
    for (const key of ['user:a', 'user:b', 'group:g', 'assignees']) {
      await cache.fetch('roleAssignment', key, async () => key);
    }
    await cache.fetch('principal', 'user:a', async () => 'record');
    expect(cache.invalidate([K.userRoles('a')])).toBe(1);
    expect(cache.invalidate([K.userRoles('a')])).toBe(0);
    expect(cache.invalidate([K.everyUserRoles])).toBe(1);
    let loads = 0;
    await cache.fetch('principal', 'user:a', async () => ++loads);
    await cache.fetch('roleAssignment', 'group:g', async () => ++loads);
    expect(loads).toBe(0);
  });

  it('keeps a load that was in flight when its entry was dropped from storing its answer', async () => {
    const cache = createCatalogCache();
    let release: (value: string) => void = () => {};
    const inFlight = cache.fetch('roleAssignment', 'user:a', () => new Promise<string>((r) => (release = r)));
    cache.invalidate([K.userRoles('a')]);
    const fresh = cache.fetch('roleAssignment', 'user:a', async () => 'after the change');
    release('before the change');
    expect(await inFlight).toBe('before the change');
    expect(await fresh).toBe('after the change');
    expect(await cache.fetch('roleAssignment', 'user:a', async () => 'not read')).toBe('after the change');
  });

  it('applies the long TTLs while followed and the short ones otherwise, to entries already stored', async () => {
    let now = 0;
    const cache = createCatalogCache({ now: () => now, followedTtlMs: 3_600_000 });
    await cache.fetch('roleAssignment', 'user:a', async () => 'first');
    now = 40_000;
    cache.setFollowed(true);
    expect(await cache.fetch('roleAssignment', 'user:a', async () => 'reread')).toBe('first');
    cache.setFollowed(false);
    expect(await cache.fetch('roleAssignment', 'user:a', async () => 'reread')).toBe('reread');
    expect(cache.ttls()).toEqual({
      catalog: 300_000,
      roleAssignment: 30_000,
      principal: 30_000,
      grant: 60_000,
    });
  });
});

describe('what a System Log event touches', () => {
  it("drops a group's roles, the admin groups, the assignees and every user's role list for a group privilege", () => {
    expect(
      cacheRefsTouchedBy(event('group.privilege.grant', [target('UserGroup', '00gG')]), () => true),
    ).toEqual([K.groupRoles('00gG'), K.adminGroups, K.roleAssignees, K.everyUserRoles]);
  });

  it("drops a member's roles only when the group holds a role", () => {
    const add = event('group.user_membership.add', [target('User', '00uU'), target('UserGroup', '00gG')]);
    expect(cacheRefsTouchedBy(add, () => false)).toEqual([]);
    expect(cacheRefsTouchedBy(add, () => true)).toEqual([K.userRoles('00uU'), K.roleAssignees]);
  });

  it("drops a resource set's bindings and the bound member's roles for a binding change", () => {
    const bind = event('iam.resourceset.bindings.delete', [
      target('ResourceSet', 'iamRS00000001'),
      target('CustomRole', 'cr0ROLE'),
      target('PublicClientApp', '0oaSVC'),
    ]);
    expect(cacheRefsTouchedBy(bind, () => true)).toEqual([
      K.bindings('iamRS00000001'),
      K.clientRoles('0oaSVC'),
    ]);
  });

  it('drops nothing for a failed attempt or an event type that changes no cached read', () => {
    expect(
      cacheRefsTouchedBy(
        event('user.account.privilege.grant', [target('User', '00uU')], 'FAILURE'),
        () => true,
      ),
    ).toEqual([]);
    expect(cacheRefsTouchedBy(event('user.session.start', []), () => true)).toEqual([]);
  });
});
