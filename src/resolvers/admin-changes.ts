import type { GatewayContext } from '../context.ts';
import { badUserInput } from '../errors.ts';
import {
  ADMIN_CHANGE_EVENT_TYPES,
  type AdminChange,
  classifyAdminChanges,
  membershipGroupIds,
} from '../iam/admin-changes.ts';
import { isNotFound } from '../okta/errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO 8601 instant: a date, a time and a zone (`2026-11-30T12:00:00Z`, `...+02:00`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function instant(name: string, value: string | null | undefined, fallback: Date): Date {
  if (value === null || value === undefined) return fallback;
  const time = Date.parse(value);
  if (!INSTANT.test(value) || Number.isNaN(time)) {
    throw badUserInput(
      `${name}: expected an ISO 8601 instant such as 2026-11-30T12:00:00Z, got "${value.slice(0, 60)}"`,
    );
  }
  return new Date(time);
}

/** Whether a group holds an admin role now; a group Okta no longer knows holds none. */
async function holdsRoles(ctx: GatewayContext, groupId: string): Promise<boolean> {
  try {
    return (await ctx.loaders.groupRoles.load(groupId)).length > 0;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * `adminChanges(since, until)`: the System Log's admin-access changes in [since, until), oldest
 * first. The read asks Okta only for the event types that can be one; a membership change counts
 * when its group holds an admin role now (or the window shows it holding one).
 */
export async function adminChangesOf(
  ctx: GatewayContext,
  args: { since?: string | null; until?: string | null },
  now: Date = new Date(),
): Promise<AdminChange[]> {
  const since = instant('since', args.since, new Date(now.getTime() - DAY_MS));
  const until = instant('until', args.until, now);
  if (since.getTime() >= until.getTime()) throw badUserInput('since: must be before until');
  const events = await ctx.directory.listLogEvents({
    since,
    until,
    eventTypes: Object.keys(ADMIN_CHANGE_EVENT_TYPES),
  });
  const groups = membershipGroupIds(events);
  const held = await Promise.all(groups.map((id) => holdsRoles(ctx, id)));
  return classifyAdminChanges(events, new Set(groups.filter((_, i) => held[i])));
}
