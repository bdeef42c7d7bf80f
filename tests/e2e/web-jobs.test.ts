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

  it('adds a job queued after the page opened, without a reload', async () => {
    await page.goto(`${dash.web.url}/jobs`);
    await expect.poll(() => page.getByTestId('live-mode').getAttribute('data-mode')).toMatch(/^(live|idle)$/);
    const marker = await page.evaluate(() => ((window as unknown as { jobsMarker: number }).jobsMarker = Math.random()));
    const { enqueueRun } = await import('@classfit/db');
    const model = dash.seed.models[1];
    const { run } = await enqueueRun(dash.api.db, { modelId: model.id, configKey: 'queued-while-watching', config: { iterations: 10 }, seed: 4 });
    const { fitRuns } = await dash.query<{ fitRuns: { nodes: { id: string }[] } }>('{ fitRuns(first: 1) { nodes { id } } }');
    const row = page.locator(`[data-testid="job-row"][data-job="${fitRuns.nodes[0].id}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getAttribute('data-status')).toMatch(/^(QUEUED|RUNNING)$/);
    expect(await row.innerText()).toContain(model.name);
    // the same document: the list re-rendered in place, the page was not reloaded
    expect(await page.evaluate(() => (window as unknown as { jobsMarker?: number }).jobsMarker)).toBe(marker);
    const { getRun } = await import('@classfit/db');
    expect((await getRun(dash.api.db, run.id))?.id).toBe(run.id);
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

  // Last: its run is left running, and the tests above expect exactly one running job.
  it('shows per-layer jobs of a run spread over workers: host, backend, attempts and why a layer failed', async () => {
    const { claimLayerJob, enqueueRun, finishLayerJob, prepareLayerJobs, updateLayerJob } = await import('@classfit/db');
    const db = dash.api.db;
    const { run } = await enqueueRun(db, { modelId: dash.seed.models[2].id, configKey: 'layers-on-workers', config: { iterations: 10 }, seed: 5 });
    await prepareLayerJobs(db, run.id, ['stage1', 'stage2', 'stage3']);
    await claimLayerJob(db, run.id, 'stage1', { workerId: 'gpu-box:4242:a1', host: 'gpu-box', jobId: 'job-1' });
    await updateLayerJob(db, run.id, 'stage1', { backend: 'webgpu' });
    await finishLayerJob(db, run.id, 'stage1', 'succeeded');
    for (let attempt = 0; attempt < 3; attempt++) await claimLayerJob(db, run.id, 'stage2', { workerId: `laptop:${attempt}:b2`, host: 'laptop', jobId: `job-2-${attempt}` });
    const reason = 'its worker laptop:2:b2 stopped beating during attempt 3 (killed or crashed)';
    await finishLayerJob(db, run.id, 'stage2', 'failed', reason);
    const { fitRuns } = await dash.query<{ fitRuns: { nodes: { id: string }[] } }>('{ fitRuns(first: 1) { nodes { id } } }');

    await page.goto(`${dash.web.url}/jobs`);
    const row = page.locator(`[data-testid="job-row"][data-job="${fitRuns.nodes[0].id}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    const layers = row.getByTestId('layer-jobs');
    expect(await layers.locator('summary').innerText()).toBe('layers 1/3 done · 2 hosts');
    await layers.locator('summary').click();
    const cells = (layer: string) => layers.locator(`[data-testid="layer-job"][data-layer="${layer}"] td`).allInnerTexts();
    expect(await cells('stage1')).toEqual(['stage1', 'succeeded', '1', 'gpu-box', 'webgpu', '']);
    expect(await cells('stage2')).toEqual(['stage2', 'failed', '3', 'laptop', '–', reason]);
    expect(await cells('stage3')).toEqual(['stage3', 'queued', '0', '–', '–', '']);
    // An in-process run has no layer jobs, so no disclosure.
    expect(await page.locator(`[data-testid="job-row"][data-job="${fitRuns.nodes[0].id}"] ~ [data-testid="job-row"] [data-testid="layer-jobs"]`).count()).toBe(0);
    await screenshot(page, 'jobs-layer-jobs');
  });
});

it('raised no uncaught errors in the browser', () => {
  expect(pageErrors).toEqual([]);
});
