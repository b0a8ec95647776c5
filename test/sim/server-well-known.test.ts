import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';

describe('GET /.well-known/okta-organization', () => {
  let sim: Simulator;
  let preview: Simulator;

  beforeAll(async () => {
    [sim, preview] = await Promise.all([startSimulator(), startSimulator({ variants: ['preview'] })]);
  });

  afterAll(async () => {
    await Promise.all([sim?.close(), preview?.close()]);
  });

  it('answers without a credential with the org id and its Okta domain', async () => {
    const res = await fetch(`${sim.url}/.well-known/okta-organization`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: sim.org.org.id,
      pipeline: 'idx',
      _links: { organization: { href: 'https://demo.okta.com' } },
    });
  });

  it('names an oktapreview.com domain for a preview org', async () => {
    const body = (await (await fetch(`${preview.url}/.well-known/okta-organization`)).json()) as {
      _links: { organization: { href: string } };
    };
    expect(body._links.organization.href).toBe('https://demo.oktapreview.com');
  });
});
