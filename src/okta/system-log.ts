/**
 * Reads of Okta's System Log (`GET /api/v1/logs`): Okta's LogEvent JSON mapped to SystemLogEvent,
 * the `filter` that narrows a read to some event types, and one page with its `next` link.
 * Bounded reads (since and until) end; polling reads (no until) always have a `next` in Okta.
 */
import type { LogTarget, SystemLogEvent } from '../iam/admin-changes.ts';
import { obj, str, text } from './json.ts';
import { type GetJson, linkPages, readLinkPage } from './pagination.ts';

function strings(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj(value)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function toTarget(value: unknown): LogTarget {
  const t = obj(value);
  return {
    id: text(t.id),
    type: text(t.type),
    alternateId: str(t.alternateId),
    displayName: str(t.displayName),
    detailEntry: strings(t.detailEntry),
  };
}

export function toLogEvent(value: unknown): SystemLogEvent {
  const e = obj(value);
  const actor = obj(e.actor);
  return {
    uuid: text(e.uuid),
    published: text(e.published),
    eventType: text(e.eventType),
    displayMessage: text(e.displayMessage),
    outcome: str(obj(e.outcome).result),
    actor: str(actor.id)
      ? { id: text(actor.id), type: text(actor.type), alternateId: str(actor.alternateId) }
      : null,
    targets: Array.isArray(e.target) ? e.target.map(toTarget) : [],
    debugData: strings(obj(e.debugContext).debugData),
  };
}

/** `eventType eq "a" or eventType eq "b"`: Okta's SCIM filter for a set of event types. */
export function eventTypeFilter(eventTypes: readonly string[]): string {
  return eventTypes.map((type) => `eventType eq "${type}"`).join(' or ');
}

export interface LogQuery {
  /** Lower bound (inclusive). */
  since: Date;
  /** Upper bound (exclusive); absent: a polling read. */
  until?: Date;
  /** Only these event types; absent or empty: every event. */
  eventTypes?: readonly string[];
  /** Events per page, Okta's maximum 1000. Default 1000. */
  limit?: number;
}

/** The first URL of a read, ascending by `published`. */
export function logQueryUrl(query: LogQuery): string {
  const params = new URLSearchParams({ since: query.since.toISOString() });
  if (query.until) params.set('until', query.until.toISOString());
  params.set('sortOrder', 'ASCENDING');
  params.set('limit', String(query.limit ?? 1000));
  if (query.eventTypes?.length) params.set('filter', eventTypeFilter(query.eventTypes));
  return `/api/v1/logs?${params}`;
}

export interface LogPage {
  events: SystemLogEvent[];
  /** Okta's `next` link; null on the last page of a bounded read. */
  nextUrl: string | null;
}

export async function readLogPage(getJson: GetJson, url: string): Promise<LogPage> {
  const page = await readLinkPage(getJson, url);
  return { events: page.items.map(toLogEvent), nextUrl: page.nextUrl };
}

/** Every event of a bounded read (since and until), all pages, up to the first empty one. */
export async function readLogEvents(getJson: GetJson, query: LogQuery): Promise<SystemLogEvent[]> {
  const events: SystemLogEvent[] = [];
  for await (const page of linkPages(getJson, logQueryUrl({ ...query, until: query.until ?? new Date() }))) {
    if (page.items.length === 0) break;
    events.push(...page.items.map(toLogEvent));
  }
  return events;
}
