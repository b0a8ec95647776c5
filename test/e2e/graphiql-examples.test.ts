/**
 * GraphiQL's saved operations: against the embedded demo org they show its named principals;
 * against any other org they name none of them and use `me` and what the org lists. Each runs
 * with its variables and answers without an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlExampleTabs } from '../../src/http/graphiql-examples.ts';
import type { ExampleOrg } from '../../src/http/graphiql-tabs.ts';
import { DEMO_DOMAIN, DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

describe('GraphiQL saved operations', () => {
  it('name no demo principal for an org other than the demo org, and use `me`', () => {
    const tabs = graphiqlExampleTabs('any');
    const text = tabs.map((t) => `${t.query}\n${t.variables ?? ''}`).join('\n');
    expect(text).not.toContain(DEMO_DOMAIN);
    expect(text).not.toContain('Lumos: all users');
    expect(tabs.some((t) => t.variables?.includes('"me"'))).toBe(true);
    expect(graphiqlExampleTabs()).toEqual(tabs);
  });

  it('show the demo org the named principals of every readiness situation', () => {
    const text = graphiqlExampleTabs('demo')
      .map((t) => `${t.query}\n${t.variables ?? ''}`)
      .join('\n');
    for (const key of [
      'noRole',
      'lumosCustomGap',
      'lumosCustomOutOfScope',
      'inactiveRole',
      'unknownRoleType',
    ] as const)
      expect(text).toContain(DEMO_USERS[key].login);
  });

  it.each(['demo', 'any'] as ExampleOrg[])('run without an error on the demo org (%s tabs)', async (org) => {
    for (const tab of graphiqlExampleTabs(org)) {
      const variables = tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : undefined;
      const result = await gw.fetchGraphQL(tab.query, variables);
      expect(result.errors, tab.query.split('\n')[1]).toBeUndefined();
      expect(result.status).toBe(200);
    }
  });
});
