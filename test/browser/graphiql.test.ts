import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningGateway, startGatewayServer } from '../../src/http/start.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
const SCREENSHOT = join(process.cwd(), 'test-results', 'graphiql.png');

describe.skipIf(!existsSync(CHROMIUM))('GraphiQL in Chromium (skipped: /usr/bin/chromium is absent)', () => {
  let running: RunningGateway;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    running = await startGatewayServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
    profile = await mkdtemp(join(tmpdir(), 'chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await running?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('opens the page under its CSP: the inline bootstrap runs, nothing is refused by the policy', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(running.url, { waitUntil: 'domcontentloaded' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain('worker-src');
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    expect(await page.title()).toBe('okta-iam-graphql');
    // The inline script ran (CSP allowed it): it set up Monaco's environment.
    expect(
      await page.evaluate(
        () => typeof (self as unknown as { MonacoEnvironment?: unknown }).MonacoEnvironment,
      ),
    ).toBe('object');
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('runs the default saved operation and renders data in the result pane, with no network', async () => {
    const page = await context.newPage();
    // GraphiQL keeps its tabs in localStorage; start from the saved operations, not the last page's state.
    await page.addInitScript(() => localStorage.clear());
    await page.goto(running.url, { waitUntil: 'load' });
    // The saved operation is in the editor once GraphiQL has booted and read the schema.
    await expect
      .poll(
        async () => (await page.locator('.graphiql-editor').first().innerText()).includes('AdminReport'),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    const result = page.locator('.graphiql-response');
    await expect
      .poll(
        async () => {
          if ((await result.first().innerText()).includes('"admins"')) return true;
          await page.locator('.graphiql-execute-button').click();
          return false;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    const text = await result.first().innerText();
    expect(text).toMatch(/SUPER_ADMIN|@demo\.example/);
    await mkdir(join(process.cwd(), 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  }, 90_000);
});
