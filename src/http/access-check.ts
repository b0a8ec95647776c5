/**
 * What the server does with the access check (src/okta/access-check.ts): its start-up lines, /readyz,
 * and re-probing in the background, with backoff, while Okta does not answer or refuses the credential.
 */
import type { Logger } from 'pino';
import type { GatewayAccessCheck } from '../okta/access-check.ts';
import type { GatewayAccessReport } from '../okta/probes.ts';
import { describeNeeds, oktaRead } from '../okta/reads.ts';
import type { LogFollowerReadiness } from './log-following.ts';
import type { SharedReadiness } from './replicas.ts';

/** One line per read the credential cannot make: `cannot read app grants (403 E0000006; needs ...): ...`. */
export function cannotReadLines(report: GatewayAccessReport): string[] {
  if (report.credential !== 'ACCEPTED') return [];
  return report.reads
    .filter((r) => !r.allowed)
    .map((r) => {
      const read = oktaRead(r.name);
      const needs = describeNeeds(r.needs);
      return `cannot read ${read.label} (${r.reason}${needs ? `; needs ${needs}` : ''}): ${read.without}`;
    });
}

/**
 * GET /readyz: 200 when Okta answers and accepts the credential, 503 otherwise; the refused reads
 * either way, and the System Log follower's state (a failing follower leaves the gateway ready,
 * with short cache TTLs). Beside other replicas, whether it shares through Redis: a replica that
 * cannot (`degraded`) still answers, alone, and stays ready.
 */
export function readyzResponse(
  report: GatewayAccessReport,
  logFollower: LogFollowerReadiness | null = null,
  sharedState: SharedReadiness | null = null,
): Response {
  const ready = report.credential === 'ACCEPTED';
  const body = {
    ready,
    credential: report.credential,
    ...(report.problem ? { problem: report.problem } : {}),
    connection: report.connection,
    checkedAt: new Date(report.checkedAt).toISOString(),
    cannotRead: report.reads
      .filter((r) => !r.allowed)
      .map((r) => ({ read: r.name, reason: r.reason, needs: [...r.needs.scopes, ...r.needs.adminRoles] })),
    ...(logFollower ? { logFollower } : {}),
    ...(sharedState ? { degraded: sharedState.degraded, sharedState } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: ready ? 200 : 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function logReport(logger: Logger, report: GatewayAccessReport): void {
  if (report.problem) {
    logger.error(`${report.problem}; /readyz answers 503 and the gateway retries in the background`);
    return;
  }
  for (const line of cannotReadLines(report)) logger.warn(line);
}

export interface AccessMonitor {
  /** The first check, logged when it lands. */
  first: Promise<GatewayAccessReport>;
  stop(): void;
}

/**
 * Checks once and logs what the credential cannot read; while Okta does not answer or refuses the
 * credential, checks again after 1, 2, 4 ... 60 s and logs only when the answer changes.
 */
export function startAccessMonitor(check: GatewayAccessCheck, logger: Logger): AccessMonitor {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let delayMs = 1_000;
  // undefined until the first report: that one is always logged.
  let lastProblem: string | null | undefined;
  const retryLater = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      check.refresh().then(settle, () => retryLater());
    }, delayMs);
    timer.unref();
    delayMs = Math.min(delayMs * 2, 60_000);
  };
  const settle = (report: GatewayAccessReport) => {
    if (stopped) return report;
    if (report.problem !== lastProblem) {
      if (report.problem === null && lastProblem !== undefined)
        logger.info("Okta answers and accepts the gateway's credential again");
      logReport(logger, report);
      lastProblem = report.problem;
    }
    if (report.credential !== 'ACCEPTED') retryLater();
    return report;
  };
  const first = check.current().then(settle);
  first.catch((error: unknown) => {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'access check failed');
    retryLater();
  });
  return {
    first,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
