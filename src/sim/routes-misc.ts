/** /api/v1/logs, /api/v1/meta/schemas/user/default, /api/v1/org. */
import { badRequest, notFound } from './errors.ts';
import { linkHeader, listPage, parseLimit } from './paging.ts';
import type { Route, RouteContext } from './router.ts';
import type { SnapshotLogEvent } from './snapshot-format.ts';

function logEventJson(ctx: RouteContext, e: SnapshotLogEvent) {
  const actor = ctx.store.user(e.actorId);
  return {
    uuid: e.uuid,
    published: e.published,
    eventType: e.eventType,
    version: '0',
    severity: e.severity,
    displayMessage: e.displayMessage,
    actor: {
      id: e.actorId,
      type: actor ? 'User' : 'PublicClientApp',
      alternateId: actor?.profile.login ?? e.actorId,
      displayName: actor ? `${actor.profile.firstName} ${actor.profile.lastName}` : e.actorId,
    },
    client: { zone: 'null', device: 'Unknown', ipAddress: '127.0.0.1' },
    outcome: { result: 'SUCCESS' },
    target: structuredClone(e.target ?? []),
    transaction: { type: 'WEB', id: e.uuid, detail: {} },
    debugContext: { debugData: { ...e.debugData } },
    authenticationContext: { authenticationStep: 0, externalSessionId: 'unknown' },
    securityContext: {},
    request: { ipChain: [] },
  };
}

const EVENT_TYPE_CLAUSE = /^eventType eq "([^"]+)"$/;

/**
 * `filter`: the simulator reads only `eventType eq "a"` clauses joined by `or` (what the gateway
 * sends); any other expression is refused rather than ignored.
 */
function eventTypesOf(query: URLSearchParams): Set<string> | null {
  const raw = query.get('filter');
  if (raw === null || raw.trim() === '') return null;
  const types = new Set<string>();
  for (const clause of raw.trim().split(/\s+or\s+/)) {
    const match = EVENT_TYPE_CLAUSE.exec(clause.trim());
    if (!match?.[1]) throw badRequest('filter', [`filter: Invalid filter expression: ${raw.slice(0, 80)}`]);
    types.add(match[1]);
  }
  return types;
}

function parseTime(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw badRequest(name, [`${name}: The date format in your query is not recognized.`]);
  return t;
}

const USER_SCHEMA_BASE_FIELDS: [string, string, boolean][] = [
  ['login', 'Username', true],
  ['firstName', 'First name', true],
  ['lastName', 'Last name', true],
  ['email', 'Primary email', true],
  ['secondEmail', 'Secondary email', false],
  ['mobilePhone', 'Mobile phone', false],
  ['department', 'Department', false],
  ['title', 'Title', false],
];

export const miscRoutes: Route[] = [
  {
    pattern: '/api/v1/logs',
    scope: 'okta.logs.read',
    handler: (ctx) => {
      // Deliberate deviations: without `since`, Okta looks back 7 days; a seeded snapshot's events
      // have fixed dates, so the simulator looks back indefinitely unless `since` is given. And a
      // polling read (no `until`) ends without `next` here, where Okta always gives one: SDK
      // collections drained by the conformance tests would never end (docs/admin-changes.md).
      const since = parseTime(ctx.query, 'since') ?? Number.NEGATIVE_INFINITY;
      const until = parseTime(ctx.query, 'until') ?? Date.now();
      const descending = ctx.query.get('sortOrder') === 'DESCENDING';
      const eventTypes = eventTypesOf(ctx.query);
      const events = (ctx.store.org.systemLog ?? [])
        .filter((e) => {
          const t = Date.parse(e.published);
          return t >= since && t < until && (!eventTypes || eventTypes.has(e.eventType));
        })
        .sort((a, b) => (descending ? -1 : 1) * (Date.parse(a.published) - Date.parse(b.published)));
      const page = listPage(events, (e) => e.uuid, ctx.query.get('after'), parseLimit(ctx.query, 100, 1000));
      return {
        body: page.items.map((e) => logEventJson(ctx, e)),
        link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
      };
    },
  },
  {
    pattern: '/api/v1/meta/schemas/user/:schemaId',
    scope: 'okta.schemas.read',
    handler: (ctx) => {
      if (ctx.params.schemaId !== 'default') throw notFound(ctx.params.schemaId as string);
      const properties = Object.fromEntries(
        USER_SCHEMA_BASE_FIELDS.map(([name, title, required]) => [
          name,
          {
            title,
            type: 'string',
            required,
            mutability: 'READ_WRITE',
            scope: 'NONE',
            permissions: [{ principal: 'SELF', action: 'READ_WRITE' }],
            master: { type: 'PROFILE_MASTER' },
          },
        ]),
      );
      const created = ctx.store.org.users[0]?.created ?? '2020-01-01T00:00:00.000Z';
      return {
        body: {
          id: `${ctx.base}/meta/schemas/user/default`,
          $schema: 'http://json-schema.org/draft-04/schema#',
          name: 'user',
          title: 'User',
          description: 'Okta user profile template',
          lastUpdated: created,
          created,
          definitions: {
            custom: { id: '#custom', type: 'object', properties: {}, required: [] },
            base: {
              id: '#base',
              type: 'object',
              properties,
              required: USER_SCHEMA_BASE_FIELDS.filter((f) => f[2]).map((f) => f[0]),
            },
          },
          type: 'object',
          properties: {
            profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] },
          },
          _links: { self: { href: `${ctx.base}/api/v1/meta/schemas/user/default` } },
        },
      };
    },
  },
  {
    pattern: '/api/v1/org',
    scope: 'okta.orgs.read',
    handler: (ctx) => {
      const org = ctx.store.org.org;
      const created = ctx.store.org.users[0]?.created ?? '2020-01-01T00:00:00.000Z';
      return {
        body: {
          id: org.id,
          subdomain: org.subdomain,
          companyName: org.companyName,
          status: 'ACTIVE',
          created,
          lastUpdated: created,
          website: `https://${org.subdomain}.example.com`,
          phoneNumber: '+1-555-0100',
          endUserSupportHelpURL: `https://${org.subdomain}.example.com/help`,
          supportPhoneNumber: '+1-555-0101',
          address1: '1 Simulated Way',
          city: 'San Francisco',
          state: 'CA',
          country: 'United States',
          postalCode: '94105',
          _links: {
            contacts: { href: `${ctx.base}/api/v1/org/contacts` },
            logo: { href: `${ctx.base}/assets/img/logos/okta-logo-end-user-dashboard.png` },
            oktaCommunication: { href: `${ctx.base}/api/v1/org/privacy/oktaCommunication` },
            oktaSupport: { href: `${ctx.base}/api/v1/org/privacy/oktaSupport` },
            preferences: { href: `${ctx.base}/api/v1/org/preferences` },
            uploadLogo: { href: `${ctx.base}/api/v1/org/logo` },
          },
        },
      };
    },
  },
];
