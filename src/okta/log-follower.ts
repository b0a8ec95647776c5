/**
 * Keeps the catalog cache fresh from Okta's System Log: polls the log (only the event types that
 * can make an entry stale) and drops exactly the entries each event touches. While it reads the
 * log and is caught up, the cache keeps its long TTLs; when it cannot read it (or falls behind),
 * the short TTLs apply again, to every entry by its age.
 *
 * Okta answers a polling read (no `until`) with a `next` link even when nothing is new: the
 * follower keeps that link and reads it once per interval (one request when nothing happens). A
 * list that ends without `next` is read again from the newest `published` seen; events seen twice
 * are dropped by uuid.
 */
import type { SystemLogEvent } from '../iam/admin-changes.ts';
import type { CatalogCache } from './cache.ts';
import { UpstreamError, upstreamReason } from './errors.ts';
import { CACHE_EVENT_TYPES, cacheRefsTouchedBy, membershipGroupOf } from './log-invalidation.ts';
import { type LogPage, logQueryUrl } from './system-log.ts';

export type LogFollowerState = 'STARTING' | 'FOLLOWING' | 'CATCHING_UP' | 'FAILING' | 'STOPPED';

export interface LogFollowerStatus {
  /**
   * STARTING before the first read; FOLLOWING when the last poll read to the end of the log;
   * CATCHING_UP when it read its most pages and more remain; FAILING when the last poll failed.
   */
  state: LogFollowerState;
  /** Okta's answer when FAILING (`403 E0000006`); null otherwise. */
  problem: string | null;
  /** The failure's code when FAILING (UPSTREAM_FORBIDDEN, UPSTREAM_UNAVAILABLE, ...); null otherwise. */
  problemCode: string | null;
  /** When the log was last read to the end, epoch ms; null before. */
  lastReadAt: number | null;
  intervalMs: number;
  polls: number;
  pages: number;
  /** Events read (each once). */
  events: number;
  /** Cache entries dropped because of them. */
  entriesDropped: number;
}

/** Where the follower reports (the server's Prometheus metrics). */
export interface LogFollowerMetrics {
  poll(ok: boolean, pages: number): void;
  events(count: number): void;
  invalidated(entries: number): void;
  following(up: boolean, lastReadAt: number | null): void;
}

export interface LogFollowerOptions {
  /** Reads one page of the log (readLogPage over the Okta client). */
  readPage: (url: string) => Promise<LogPage>;
  cache: CatalogCache;
  /** Whether a group holds an admin role (through the cached directory). */
  groupHoldsRoles: (groupId: string) => Promise<boolean>;
  /** Time between polls, ms. Default 15000. */
  intervalMs?: number;
  /** The first event to read. Default a minute before the follower is created. */
  since?: Date;
  /** Events per page, Okta's maximum 1000. Default 1000. */
  pageLimit?: number;
  /** Pages one poll reads at most when it is behind. Default 10. */
  maxPagesPerPoll?: number;
  metrics?: LogFollowerMetrics;
  /** Called when the state or the problem changes (the server logs it). */
  onChange?: (status: LogFollowerStatus, previous: LogFollowerStatus) => void;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
}

export interface LogFollower {
  /** Reads what is new, drops what it touches; concurrent calls share one poll. */
  poll(): Promise<LogFollowerStatus>;
  /** Polls now, then `intervalMs` after each poll ends, until stop(). */
  start(): void;
  stop(): void;
  status(): LogFollowerStatus;
}

/** How many event uuids are remembered to drop events read twice. */
const REMEMBERED_UUIDS = 5000;

export function createLogFollower(options: LogFollowerOptions): LogFollower {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 15_000;
  const limit = options.pageLimit ?? 1000;
  const maxPages = options.maxPagesPerPoll ?? 10;
  const urlSince = (since: Date) => logQueryUrl({ since, eventTypes: CACHE_EVENT_TYPES, limit });
  let cursor = urlSince(options.since ?? new Date(now() - 60_000));
  let newest: string | null = null;
  const seen = new Set<string>();
  let current: LogFollowerStatus = {
    state: 'STARTING',
    problem: null,
    problemCode: null,
    lastReadAt: null,
    intervalMs,
    polls: 0,
    pages: 0,
    events: 0,
    entriesDropped: 0,
  };
  let running: Promise<LogFollowerStatus> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let stopped = false;

  const update = (next: Partial<LogFollowerStatus>) => {
    const previous = current;
    current = { ...current, ...next };
    if (previous.state !== current.state || previous.problem !== current.problem) {
      options.onChange?.(current, previous);
    }
  };

  const remember = (uuid: string) => {
    seen.add(uuid);
    if (seen.size > REMEMBERED_UUIDS) seen.delete(seen.values().next().value as string);
  };

  async function apply(event: SystemLogEvent): Promise<number> {
    const group = membershipGroupOf(event);
    // Unknown is treated as "holds a role": dropping a fresh entry costs a read, keeping a stale one is wrong.
    const holds = group ? await options.groupHoldsRoles(group).catch(() => true) : true;
    return options.cache.invalidate(cacheRefsTouchedBy(event, () => holds));
  }

  async function readNewEvents(): Promise<{ pages: number; caughtUp: boolean }> {
    let pages = 0;
    while (pages < maxPages) {
      const url = cursor;
      const page = await options.readPage(url);
      pages++;
      let read = 0;
      let dropped = 0;
      for (const event of page.events) {
        if (seen.has(event.uuid)) continue;
        remember(event.uuid);
        read++;
        dropped += await apply(event);
        if (newest === null || Date.parse(event.published) > Date.parse(newest)) newest = event.published;
      }
      options.metrics?.events(read);
      options.metrics?.invalidated(dropped);
      update({ events: current.events + read, entriesDropped: current.entriesDropped + dropped });
      cursor = page.nextUrl ?? (newest ? urlSince(new Date(newest)) : url);
      if (!page.nextUrl || page.nextUrl === url || page.events.length < limit)
        return { pages, caughtUp: true };
    }
    return { pages, caughtUp: false };
  }

  async function pollOnce(): Promise<LogFollowerStatus> {
    try {
      const { pages, caughtUp } = await readNewEvents();
      if (stopped) return current;
      options.cache.setFollowed(caughtUp);
      options.metrics?.poll(true, pages);
      const lastReadAt = caughtUp ? now() : current.lastReadAt;
      options.metrics?.following(caughtUp, lastReadAt);
      update({
        state: caughtUp ? 'FOLLOWING' : 'CATCHING_UP',
        problem: null,
        problemCode: null,
        lastReadAt,
        polls: current.polls + 1,
        pages: current.pages + pages,
      });
    } catch (error) {
      if (stopped) return current;
      options.cache.setFollowed(false);
      options.metrics?.poll(false, 1);
      options.metrics?.following(false, current.lastReadAt);
      const upstream = error instanceof UpstreamError;
      update({
        state: 'FAILING',
        problem: upstream ? upstreamReason(error) : String(error),
        problemCode: upstream ? error.code : 'UPSTREAM_ERROR',
        polls: current.polls + 1,
      });
    }
    return current;
  }

  const poll = () => {
    running ??= pollOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void poll().then(schedule);
    }, intervalMs);
    timer.unref();
  };

  return {
    poll,
    start() {
      if (started) return;
      started = true;
      void poll().then(schedule);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      options.cache.setFollowed(false);
      update({ state: 'STOPPED' });
    },
    status: () => current,
  };
}
