/**
 * The Jobs page: jobs newest first, a running job's log and progress advancing live (and by polling without the socket), cancelling it.
 * In Chromium against the built app and a seeded API (3 models × 4 layers × 10 classes); screenshots go to tests/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp } from './support/web-app.ts';
import { screenshot } from './support/web-browser.ts';
import { number, openDashboardPage } from './support/web-dashboard-page.ts';
import type { Dashboard } from './support/web-fixture.ts';

let dash: Dashboard;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  ({ dash, page, pageErrors } = await openDashboardPage());
}, 600_000);

afterAll(async () => {
  await dash?.close();
});

describe('Jobs page', () => {
  it('lists jobs newest first and shows a running job\'s log tail, growing live', async () => {
    await page.goto(`${dash.web.url}/jobs`);
    const { fitRuns } = await dash.query<{ fitRuns: { nodes: { id: string; createdAt: string }[] } }>('{ fitRuns(first: 50) { nodes { id createdAt } } }');
    await expect.poll(() => page.getByTestId('job-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job')))).toEqual(fitRuns.nodes.map((n) => n.id));
    const created = fitRuns.nodes.map((n) => Date.parse(n.createdAt));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    const running = page.locator('[data-testid="job-row"][data-status="RUNNING"]');
    await expect.poll(() => page.getByTestId('live-mode').getAttribute('data-mode')).toBe('live');
    await running.getByTestId('job-log').locator('summary').click();
    const lines = running.getByTestId('job-log-lines').locator('li');
    await expect.poll(() => lines.count()).toBe(3);
    expect(await lines.first().innerText()).toMatch(/^\d\d:\d\d:\d\d claimed by /);
    const last = await lines.last().innerText();
    const done = Number(/(\d+)\/10 classes/.exec(last)![1]);
    await dash.seed.runningJob.advance(1);
    await expect.poll(() => lines.count(), { timeout: 15_000 }).toBe(4);
    expect(await lines.last().innerText()).toContain(`${done + 1}/10 classes`);
    await screenshot(page, 'jobs-log');
  });

  it('shows the running analysis advancing live, and cancels it', async () => {
    await page.goto(`${dash.web.url}/jobs`);
    const running = page.locator('[data-testid="job-row"][data-status="RUNNING"]');
    await expect.poll(() => running.count()).toBe(1);
    await expect.poll(() => page.getByTestId('live-mode').getAttribute('data-mode')).toBe('live');
    const before = number(await running.getByTestId('job-fraction').innerText());
    await dash.seed.runningJob.advance(3);
    await expect.poll(async () => number(await running.getByTestId('job-fraction').innerText()), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await running.innerText()).toMatch(/sweeps\/s/);
    await screenshot(page, 'jobs');

    page.once('dialog', (dialog) => dialog.accept());
    await running.getByTestId('cancel-job').click();
    await expect
      .poll(async () => (await dash.query<{ fitRuns: { nodes: { status: string }[] } }>('{ fitRuns(first: 10, filter: { status: [RUNNING, CANCELLED] }) { nodes { status } } }')).fitRuns.nodes.length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const { getRun } = await import('@classfit/db');
    await expect.poll(async () => (await getRun(dash.api.db, dash.seed.runningJob.runId))?.cancelRequested, { timeout: 10_000 }).toBe(true);
  });

  it('falls back to polling when the subscription socket is unreachable', async () => {
    const web = await startWebApp({ url: dash.api.url, wsUrl: 'ws://127.0.0.1:9/graphql' }, { pollMs: 500 });
    const polling = await dash.browser.newPage();
    try {
      await polling.goto(`${web.url}/jobs`);
      const row = polling.locator('[data-testid="job-row"][data-status="RUNNING"]');
      await expect.poll(() => row.count()).toBe(1);
      await expect.poll(() => polling.getByTestId('live-mode').getAttribute('data-mode'), { timeout: 10_000 }).toBe('polling');
      const before = number(await row.getByTestId('job-fraction').innerText());
      await dash.seed.runningJob.advance(2);
      await expect.poll(async () => number(await row.getByTestId('job-fraction').innerText()), { timeout: 15_000 }).toBeGreaterThan(before);
    } finally {
      await polling.close();
      await web.close();
    }
  });

});

it('raised no uncaught errors in the browser', () => {
  expect(pageErrors).toEqual([]);
});
