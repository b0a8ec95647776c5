import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogTarget, SystemLogEvent } from '../../src/iam/admin-changes.ts';
import { type CacheEntryRef, createCatalogCache, CACHE_KEYS as K } from '../../src/okta/cache.ts';
import { UpstreamError } from '../../src/okta/errors.ts';
import { createLogFollower, type LogFollowerOptions } from '../../src/okta/log-follower.ts';
import type { LogPage } from '../../src/okta/system-log.ts';

const target = (type: string, id: string): LogTarget => ({
  id,
  type,
  alternateId: type === 'User' ? `${id}@acme.example` : 'unknown',
  displayName: id,
  detailEntry: {},
});

let sequence = 0;
function event(eventType: string, targets: LogTarget[]): SystemLogEvent {
  sequence += 1;
  return {
    uuid: `evt-${sequence}`,
    published: new Date(Date.UTC(2026, 10, 30, 12, 0, sequence)).toISOString(),
    eventType,
    displayMessage: eventType,
    outcome: 'SUCCESS',
    actor: null,
    targets,
    debugData: {},
  };
}

/**
 * An Okta stand-in for /api/v1/logs: honours since, limit and the eventType filter; by default a
 * polling read always has a `next` link (Okta's documented polling behaviour); `endsList` ends the
 * list without one, as the simulator does.
 */
function fakeLog(options: { endsList?: boolean } = {}) {
  const events: SystemLogEvent[] = [];
  const requests: string[] = [];
  let failure: Error | null = null;
  const readPage = async (url: string): Promise<LogPage> => {
    requests.push(url);
    if (failure) throw failure;
    const u = new URL(url, 'https://acme.okta.com');
    const since = Date.parse(u.searchParams.get('since') ?? '');
    const types = [...(u.searchParams.get('filter') ?? '').matchAll(/eventType eq "([^"]+)"/g)].map(
      (m) => m[1],
    );
    const matching = events.filter((e) => Date.parse(e.published) >= since && types.includes(e.eventType));
    const after = Number(u.searchParams.get('after') ?? 0);
    const page = matching.slice(after, after + Number(u.searchParams.get('limit')));
    const next = new URL(u);
    next.searchParams.set('after', String(after + page.length));
    const last = after + page.length >= matching.length;
    return { events: page, nextUrl: options.endsList && last ? null : next.toString() };
  };
  return {
    events,
    requests,
    readPage,
    fail: (error: Error | null) => {
      failure = error;
    },
  };
}

const U1 = target('User', '00uONE');
const U2 = target('User', '00uTWO');
const U3 = target('User', '00uTHREE');
const ADMINS = target('UserGroup', '00gADMINS');
const EVERYONE = target('UserGroup', '00gEVERYONE');

function setup(log: ReturnType<typeof fakeLog>, extra: Partial<LogFollowerOptions> = {}) {
  const cache = createCatalogCache();
  const loads: string[] = [];
  const warm = (ref: CacheEntryRef) =>
    cache.fetch(ref.kind, ref.key, async () => {
      loads.push(`${ref.kind}:${ref.key}`);
      return 'value';
    });
  const follower = createLogFollower({
    readPage: log.readPage,
    cache,
    groupHoldsRoles: async (groupId) => groupId === ADMINS.id,
    since: new Date('2026-11-30T12:00:00.000Z'),
    ...extra,
  });
  return { cache, loads, warm, follower };
}

const HOUR = 3_600_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('the System Log follower', () => {
  it('reads one page per poll when nothing happens, always the link Okta gave', async () => {
    const log = fakeLog();
    const { follower, cache } = setup(log);
    for (let i = 0; i < 5; i++) await follower.poll();
    expect(log.requests).toHaveLength(5);
    expect(new Set(log.requests.slice(1)).size).toBe(1);
    expect(log.requests[1]).toContain('after=0');
    expect(follower.status()).toMatchObject({ state: 'FOLLOWING', polls: 5, pages: 5, events: 0 });
    expect(cache.ttls()).toEqual({ catalog: HOUR, roleAssignment: HOUR, principal: HOUR, grant: 60_000 });
  });

  it('drops exactly the entries each event touches, and nothing for a group that holds no role', async () => {
    const log = fakeLog();
    const { follower, warm, loads } = setup(log);
    const entries = [
      K.userRoles('00uONE'),
      K.userRoles('00uTWO'),
      K.userRoles('00uTHREE'),
      K.userRoles('00uFOUR'),
      K.roleAssignees,
      K.adminGroups,
      K.customRoles,
      K.permissions('cr0R'),
      K.permissions('cr0OTHER'),
      K.grants('0oaA'),
      K.grants('0oaB'),
      K.org,
    ];
    for (const ref of entries) await warm(ref);
    await follower.poll();
    log.events.push(
      event('user.account.privilege.grant', [U1]),
      event('group.user_membership.add', [U2, EVERYONE]),
      event('group.user_membership.add', [U3, ADMINS]),
      event('iam.role.permissions.delete', [
        target('CustomRole', 'cr0R'),
        target('Permission', 'okta.users.read'),
      ]),
      event('app.oauth2.admin.consent.revoke', [target('AppInstance', '0oaA')]),
      event('user.session.start', [U2]),
    );
    loads.length = 0;
    const status = await follower.poll();
    for (const ref of entries) await warm(ref);
    expect(loads.sort()).toEqual([
      'catalog:permissions:cr0R',
      'grant:grants:0oaA',
      'roleAssignment:assignees',
      'roleAssignment:user:00uONE',
      'roleAssignment:user:00uTHREE',
    ]);
    // user.session.start is not asked for: the filter names only the event types that touch the cache.
    expect(status).toMatchObject({ state: 'FOLLOWING', events: 5, entriesDropped: 5 });
  });

  it('reads full pages one after the other, keeps short TTLs while behind, and long ones once caught up', async () => {
    const log = fakeLog();
    const { follower, cache } = setup(log, { pageLimit: 2, maxPagesPerPoll: 2 });
    for (let i = 0; i < 5; i++) log.events.push(event('user.account.privilege.grant', [U1]));
    expect((await follower.poll()).state).toBe('CATCHING_UP');
    expect(log.requests).toHaveLength(2);
    expect(cache.ttls().roleAssignment).toBe(30_000);
    const caughtUp = await follower.poll();
    expect(log.requests).toHaveLength(3);
    expect(caughtUp).toMatchObject({ state: 'FOLLOWING', events: 5, pages: 3 });
    expect(cache.ttls().roleAssignment).toBe(HOUR);
  });

  it("says FAILING with Okta's answer and applies the short TTLs when it cannot read the log, then catches up", async () => {
    const log = fakeLog();
    const changes: string[] = [];
    const { follower, cache, warm, loads } = setup(log, {
      onChange: (status) => changes.push(`${status.state} ${status.problem ?? ''}`.trim()),
    });
    await follower.poll();
    await warm(K.userRoles('00uONE'));
    log.fail(
      new UpstreamError('UPSTREAM_FORBIDDEN', 'GET /api/v1/logs', { status: 403, oktaErrorCode: 'E0000006' }),
    );
    log.events.push(event('user.account.privilege.revoke', [U1]));
    expect(await follower.poll()).toMatchObject({ state: 'FAILING', problem: '403 E0000006' });
    expect(cache.ttls()).toEqual({
      catalog: 300_000,
      roleAssignment: 30_000,
      principal: 30_000,
      grant: 60_000,
    });
    log.fail(null);
    loads.length = 0;
    expect(await follower.poll()).toMatchObject({ state: 'FOLLOWING', problem: null, events: 1 });
    await warm(K.userRoles('00uONE'));
    expect(loads).toEqual(['roleAssignment:user:00uONE']);
    expect(changes).toEqual(['FOLLOWING', 'FAILING 403 E0000006', 'FOLLOWING']);
  });

  it('reads a list that ends without a next link again from the newest event, taking each event once', async () => {
    const log = fakeLog({ endsList: true });
    const { follower } = setup(log);
    log.events.push(event('user.account.privilege.grant', [U1]));
    await follower.poll();
    await follower.poll();
    log.events.push(event('user.account.privilege.grant', [U2]));
    const status = await follower.poll();
    expect(log.requests).toHaveLength(3);
    expect(new URL(log.requests[1]!, 'https://x').searchParams.get('since')).toBe(log.events[0]!.published);
    expect(status).toMatchObject({ state: 'FOLLOWING', events: 2, entriesDropped: 0 });
  });

  it('polls every interval once started, and stops', async () => {
    vi.useFakeTimers();
    const log = fakeLog();
    const { follower, cache } = setup(log, { intervalMs: 15_000 });
    follower.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(log.requests).toHaveLength(5);
    follower.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(log.requests).toHaveLength(5);
    expect(follower.status().state).toBe('STOPPED');
    expect(cache.ttls().roleAssignment).toBe(30_000);
  });
});
