/**
 * The gateway's own access, checked against Okta (probes.ts) and kept briefly: shared by
 * `gatewayAccess`, /readyz and the server's start-up lines.
 */
import type { GatewayAccessReport } from './probes.ts';

export interface GatewayAccessCheck {
  /** The latest report, probing again once it is older than its ttl; concurrent callers share one probe. */
  current(): Promise<GatewayAccessReport>;
  /** Probes now, whatever the age of the last report. */
  refresh(): Promise<GatewayAccessReport>;
}

export interface AccessCheckOptions {
  /** How long a report of an accepted credential is kept, in ms. Default 60000. */
  ttlMs?: number;
  /** How long a report of an unreachable org or a rejected credential is kept, in ms. Default 5000. */
  failedTtlMs?: number;
}

export function createAccessCheck(
  probe: () => Promise<GatewayAccessReport>,
  options: AccessCheckOptions = {},
): GatewayAccessCheck {
  const ttlMs = options.ttlMs ?? 60_000;
  const failedTtlMs = options.failedTtlMs ?? 5_000;
  let last: GatewayAccessReport | null = null;
  let pending: Promise<GatewayAccessReport> | null = null;
  const refresh = () => {
    pending ??= probe()
      .then((report) => {
        last = report;
        return report;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return {
    refresh,
    current() {
      if (last) {
        const keep = last.credential === 'ACCEPTED' ? ttlMs : failedTtlMs;
        if (Date.now() - last.checkedAt < keep) return Promise.resolve(last);
      }
      return refresh();
    },
  };
}
