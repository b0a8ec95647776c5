import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LogFollowerMetrics } from '../okta/log-follower.ts';
import type { UpstreamMetrics } from '../okta/metrics.ts';

/** The gateway's Prometheus metrics, in a registry of its own (tests build many gateways). */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** Pass to the Okta client and cache: upstream requests, retries, waits, rate limits, cache hits. */
  readonly upstream: UpstreamMetrics;
  /** Pass to the System Log follower: polls, events, dropped cache entries, whether it reads the log. */
  readonly logFollower: LogFollowerMetrics;
  request(path: string, method: string, status: number, seconds: number): void;
  graphqlError(code: string): void;
  render(): Promise<string>;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests the gateway answered, by path, method and status.',
    labelNames: ['path', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, in seconds.',
    labelNames: ['path'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gateway_graphql_errors_total',
    help: 'GraphQL errors returned to callers, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const upstreamRequests = new Counter({
    name: 'okta_upstream_requests_total',
    help: 'HTTP attempts to Okta, by rate-limit bucket and status (or network).',
    labelNames: ['bucket', 'status'] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'okta_upstream_request_duration_seconds',
    help: 'Duration of one attempt to Okta, in seconds.',
    labelNames: ['bucket'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'okta_upstream_retries_total',
    help: 'Attempts to Okta that were retried, by bucket.',
    labelNames: ['bucket'] as const,
    registers: [registry],
  });
  const waits = new Counter({
    name: 'okta_upstream_wait_seconds_total',
    help: 'Time spent waiting for rate limits or backoff before sending, in seconds.',
    labelNames: ['bucket'] as const,
    registers: [registry],
  });
  const remaining = new Gauge({
    name: 'okta_rate_limit_remaining',
    help: 'X-Rate-Limit-Remaining of the last Okta answer, by bucket.',
    labelNames: ['bucket'] as const,
    registers: [registry],
  });
  const limit = new Gauge({
    name: 'okta_rate_limit_limit',
    help: 'X-Rate-Limit-Limit of the last Okta answer, by bucket.',
    labelNames: ['bucket'] as const,
    registers: [registry],
  });
  const cache = new Counter({
    name: 'okta_cache_requests_total',
    help: 'Catalog cache lookups, by cache and result (hit or miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
  });

  const followerUp = new Gauge({
    name: 'okta_log_follower_up',
    help: 'System Log follower: 1 while it reads the log to the end (long cache TTLs), 0 when it cannot (short TTLs).',
    registers: [registry],
  });
  const followerLastRead = new Gauge({
    name: 'okta_log_follower_last_read_timestamp_seconds',
    help: 'When the System Log follower last read the log to the end, Unix seconds.',
    registers: [registry],
  });
  const followerPolls = new Counter({
    name: 'okta_log_follower_polls_total',
    help: 'Polls of the System Log, by result (ok or error).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const followerPages = new Counter({
    name: 'okta_log_follower_pages_total',
    help: 'Pages of the System Log the follower read.',
    registers: [registry],
  });
  const followerEvents = new Counter({
    name: 'okta_log_follower_events_total',
    help: 'System Log events the follower read (each once).',
    registers: [registry],
  });
  const invalidated = new Counter({
    name: 'okta_cache_invalidated_entries_total',
    help: 'Catalog cache entries dropped because a System Log event changed what they hold.',
    registers: [registry],
  });

  const logFollower: LogFollowerMetrics = {
    poll(ok, pages) {
      followerPolls.inc({ result: ok ? 'ok' : 'error' });
      if (ok) followerPages.inc(pages);
    },
    events: (count) => followerEvents.inc(count),
    invalidated: (entries) => invalidated.inc(entries),
    following(up, lastReadAt) {
      followerUp.set(up ? 1 : 0);
      if (lastReadAt !== null) followerLastRead.set(lastReadAt / 1000);
    },
  };

  const upstream: UpstreamMetrics = {
    request(bucket, status, ms) {
      upstreamRequests.inc({ bucket, status: String(status) });
      upstreamDuration.observe({ bucket }, ms / 1000);
    },
    retry: (bucket) => retries.inc({ bucket }),
    wait: (bucket, ms) => waits.inc({ bucket }, ms / 1000),
    rateLimitRemaining(bucket, left, max) {
      remaining.set({ bucket }, left);
      limit.set({ bucket }, max);
    },
    cache: (name, hit) => cache.inc({ cache: name, result: hit ? 'hit' : 'miss' }),
  };

  return {
    registry,
    upstream,
    logFollower,
    request(path, method, status, seconds) {
      requests.inc({ path, method, status: String(status) });
      duration.observe({ path }, seconds);
    },
    graphqlError: (code) => errors.inc({ code }),
    render: () => registry.metrics(),
  };
}

/** Fans one stream of upstream events out to several sinks (prom metrics and test counters). */
export function teeUpstreamMetrics(...sinks: UpstreamMetrics[]): UpstreamMetrics {
  const each = (call: (sink: UpstreamMetrics) => void) => {
    for (const sink of sinks) call(sink);
  };
  return {
    request: (...a) => each((s) => s.request(...a)),
    retry: (...a) => each((s) => s.retry(...a)),
    wait: (...a) => each((s) => s.wait(...a)),
    rateLimitRemaining: (...a) => each((s) => s.rateLimitRemaining(...a)),
    cache: (...a) => each((s) => s.cache(...a)),
  };
}
