/**
 * The run picker of the Model and Compare pages, and windowed long tables. The seed (3 models × 4 layers × 60
 * classes) gets a second succeeded run of the first model, newer than the seeded one, whose class mean
 * log-densities are the seeded ones + 1000: by default each layer shows it; picking the older run in the URL shows
 * the seeded numbers, and the same URL opened afresh (a teammate's) shows the same view.
 */
import { claimRun, enqueueRun, finishRun, getModel, insertModel, upsertClassFits, upsertGroupSplits, upsertLayerFit } from '@classfit/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { number } from './support/web-dashboard-page.ts';
import { openDashboard, type Dashboard } from './support/web-fixture.ts';
import type { SeededModel } from './support/web-seed.ts';

const CLASSES = 60;
const SHIFT = 1000;
/** Models without runs added for a long Models table. */
const BULK = 40;

let dash: Dashboard;
let page: Page;
const pageErrors: string[] = [];
let model: SeededModel;
let other: SeededModel;
let third: SeededModel;
let ids: { model: string; layers: Record<string, string> };
let otherIds: { model: string; layers: Record<string, string> };
/** Global ids of the seeded (older) run of the first model and of the newer one. */
let older: string;
let newer: string;

beforeAll(async () => {
  dash = await openDashboard({ models: 3, classes: CLASSES, examplesPerClass: 4 }, { pollMs: 500 });
  [model, other, third] = dash.seed.models;
  const db = dash.api.db;
  const predictiveArtifact = await dash.api.artifacts.put(Buffer.from('{}'), 'json');
  const { run } = await enqueueRun(db, { modelId: model.id, configKey: 'shifted', config: { iterations: 10, burnIn: 4, thin: 2 }, seed: 5 });
  await claimRun(db, 'w', { runId: run.id });
  for (const [s, layerId] of model.layerIds.entries()) {
    await upsertLayerFit(db, { runId: run.id, layerId, reducedDim: 2, classCount: CLASSES, predictiveArtifact });
    await upsertClassFits(db, model.means[s].map((mean, label) => ({
      runId: run.id, layerId, label, n: 10, meanLogDensity: mean + SHIFT, sdLogDensity: 1, relativeEntropy: null, relativeEntropySe: null, meanDistance: null,
      group: null, clusterCountTrace: [2, 2], diagnostics: { rHat: null, logLikelihoods: [-1, -1], alphas: [1, 1] }, predictiveArtifact,
    })));
    await upsertGroupSplits(db, [{ runId: run.id, layerId, threshold: SHIFT, gap: 1, lowCount: 1, highCount: CLASSES - 1 }]);
  }
  await finishRun(db, run.id, { status: 'succeeded' });
  const { id: _id, createdAt: _createdAt, ...row } = (await getModel(db, model.id))!;
  for (let i = 0; i < BULK; i++) await insertModel(db, { ...row, name: `bulk-model-${String(i).padStart(2, '0')}`, notes: null, imagesArtifact: null, imageShape: null });
  ids = await dash.ids(model.name);
  otherIds = await dash.ids(other.name);
  const runs = await dash.query<{ model: { fitRuns: { nodes: { id: string; status: string; config: { iterations?: number } }[] } } }>(
    'query($id: ID!) { model(id: $id) { fitRuns(first: 10) { nodes { id status config } } } }',
    { id: ids.model },
  );
  const succeeded = runs.model.fitRuns.nodes.filter((r) => r.status === 'SUCCEEDED');
  newer = succeeded.find((r) => r.config.iterations === 10)!.id;
  older = succeeded.find((r) => r.id !== newer)!.id;
  page = await newPage();
}, 600_000);

afterAll(async () => {
  await dash?.close();
});

async function newPage(): Promise<Page> {
  const p = await dash.browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
  p.on('pageerror', (error) => pageErrors.push(error.message));
  return p;
}

/** The model heatmap's value at (layer 0, class 0), as the page holds it. */
const firstCell = (p: Page) => p.locator('[data-chart$="-mean-log-density-heatmap"] rect[data-r="0"][data-c="0"]').getAttribute('data-value').then(Number);
/** The mean of the first model at the first aligned depth in the Compare page's aligned table (as shown, rounded). */
const alignedMean = async (p: Page) => number((await p.getByTestId('aligned-table').locator('tbody tr').first().locator('td').nth(1).locator('span.num').innerText()).split('±')[0]);
const meanOf = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('Model page run picker', () => {
  it('shows each layer its newest run by default, the older run when picked, and the same view from the shared URL', async () => {
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}`);
    const shown = page.getByTestId('figures-run');
    await shown.waitFor();
    expect(await shown.getAttribute('data-run')).toBe(newer);
    expect(await shown.innerText()).toMatch(/^Figures from the run queued .*, the newest that fitted each layer\.$/);
    await expect.poll(() => firstCell(page)).toBeCloseTo(model.means[0][0] + SHIFT, 6);

    const options = await page.getByTestId('select-run').locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(options).toEqual(['', newer, older]);
    await page.getByTestId('select-run').selectOption(older);
    await page.waitForURL((url) => url.searchParams.get('run') === older);
    await expect.poll(() => page.getByTestId('figures-run').getAttribute('data-run')).toBe(older);
    await expect.poll(() => firstCell(page)).toBeCloseTo(model.means[0][0], 6);
    // the layer links carry the run, so the layer page shows the same run's figures
    const layerLinks = () => page.getByTestId('layer-table').locator('tbody tr a').evaluateAll((as) => as.map((a) => new URL(a.getAttribute('href')!, location.href).searchParams.get('run')));
    await expect.poll(layerLinks).toEqual(model.layerIds.map(() => older));
    expect(await page.getByTestId('layer-table').count()).toBe(1);

    const teammate = await newPage();
    await teammate.goto(page.url());
    await teammate.getByTestId('figures-run').waitFor();
    expect(await teammate.getByTestId('figures-run').getAttribute('data-run')).toBe(older);
    expect(await firstCell(teammate)).toBeCloseTo(model.means[0][0], 6);
    expect(await teammate.getByTestId('select-run').inputValue()).toBe(older);
    await teammate.close();
  });
});

describe('Compare page run picker', () => {
  it('compares the first model on its newest runs by default, on the older run when picked, and the same from the shared URL', async () => {
    await page.goto(`${dash.web.url}/compare?models=${encodeURIComponent(ids.model)},${encodeURIComponent(otherIds.model)}`);
    const runOf = (p: Page, i: number) => p.getByTestId('compared-run').nth(i).getAttribute('data-run');
    await expect.poll(() => runOf(page, 0)).toBe(newer);
    await expect.poll(() => alignedMean(page)).toBeCloseTo(meanOf(model.means[0]) + SHIFT, 0);
    const otherRun = await runOf(page, 1);
    // the other model has one run: nothing to pick
    expect(await page.getByTestId('select-run-1').count()).toBe(0);

    await page.getByTestId('select-run-0').selectOption(older);
    await page.waitForURL((url) => url.searchParams.get('runs') === older);
    await expect.poll(() => runOf(page, 0)).toBe(older);
    await expect.poll(() => alignedMean(page)).toBeCloseTo(meanOf(model.means[0]), 0);
    expect(await runOf(page, 1)).toBe(otherRun);

    // pinning the other model as baseline keeps the picked run of the first
    await page.getByRole('link', { name: 'pin as baseline' }).click();
    await page.waitForURL(/baseline=/);
    expect(new URL(page.url()).searchParams.get('runs')).toBe(older);
    await expect.poll(() => runOf(page, 1)).toBe(older);

    const teammate = await newPage();
    await teammate.goto(page.url());
    await expect.poll(() => runOf(teammate, 1)).toBe(older);
    expect(await teammate.getByTestId('select-run-1').inputValue()).toBe(older);
    expect(await teammate.getByTestId('compared-model').nth(0).innerText()).toContain(other.name);
    await teammate.close();

    // the model picker keeps the picked run while its model stays compared
    const picker = page.getByTestId('compare-picker');
    await page.getByTestId('change-models').click();
    await picker.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL((url) => !url.searchParams.has('pick') && url.searchParams.get('runs') === older);
    await expect.poll(() => runOf(page, 1)).toBe(older);

    await page.getByTestId('select-run-1').selectOption('');
    await expect.poll(() => runOf(page, 1)).toBe(newer);
    expect(page.url()).not.toContain('runs=');

    // ... and drops it with the model: the run of a model no longer compared is not sent (the API would refuse it)
    await page.getByTestId('select-run-1').selectOption(older);
    await page.waitForURL((url) => url.searchParams.get('runs') === older);
    await page.getByTestId('change-models').click();
    await picker.getByRole('checkbox', { name: new RegExp(model.name) }).uncheck();
    await picker.getByRole('checkbox', { name: new RegExp(third.name) }).check();
    await picker.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(async () => (await page.getByTestId('compared-model').nth(1).innerText()).includes(third.name)).toBe(true);
    expect(await page.getByTestId('compared-model').nth(0).innerText()).toContain(other.name);
    const { model: thirdModel } = await dash.query<{ model: { latestFitRun: { id: string } } }>('query($id: ID!) { model(id: $id) { latestFitRun { id } } }', { id: (await dash.ids(third.name)).model });
    expect(await runOf(page, 1)).toBe(thirdModel.latestFitRun.id);
    expect(await page.locator('.notice.error').count()).toBe(0);
    expect(await page.getByTestId('comparison').count()).toBe(1);
  });
});

describe('windowed long tables', () => {
  it('renders only a window of the Models table; scrolling and End reveal the last model', async () => {
    const total = BULK + dash.seed.models.length;
    const names = [...Array.from({ length: BULK }, (_, i) => `bulk-model-${String(i).padStart(2, '0')}`), ...dash.seed.models.map((m) => m.name)].sort();
    await page.goto(`${dash.web.url}/?sort=name&dir=asc`);
    const rows = page.getByTestId('model-row');
    await rows.first().waitFor();
    expect(await page.getByTestId('models-count').innerText()).toBe(`${total} of ${total} models loaded`);
    expect(await page.locator('.table-window table').getAttribute('aria-rowcount')).toBe(String(total));
    const shown = () => rows.locator('td:nth-child(2)').allInnerTexts();
    expect((await shown())[0]).toBe(names[0]);
    expect(await rows.count()).toBeLessThan(total);
    expect(await shown()).not.toContain(names.at(-1));
    await page.locator('.table-window').evaluate((box) => box.scrollTo(0, box.scrollHeight));
    await expect.poll(async () => (await shown()).at(-1)).toBe(names.at(-1));
    expect(await rows.count()).toBeLessThan(total);
    expect(await shown()).not.toContain(names[0]);
    // keyboard: Home goes back to the first model (scrolled in and focused), End to the last
    await rows.last().focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('td:nth-child(2)')?.textContent)).toBe(names[0]);
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('td:nth-child(2)')?.textContent)).toBe(names.at(-1));
  });

  it('renders only a window of the class-fit table and reveals the last rows on scrolling', async () => {
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/layers/${encodeURIComponent(ids.layers.stage4)}?run=${encodeURIComponent(older)}`);
    const table = page.getByTestId('class-fit-table');
    const rows = table.locator('tbody tr:not([data-spacer])');
    await rows.first().waitFor();
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(CLASSES);
    expect(await table.getAttribute('aria-rowcount')).toBe(String(CLASSES + 1));
    // rows are sorted by mean log-density, highest first: the lowest class is the last row
    const byMean = [...model.means[3].keys()].sort((a, b) => model.means[3][b] - model.means[3][a]);
    const nameOf = (label: number) => dash.seed.classNames[label];
    expect(await rows.first().locator('td').first().innerText()).toBe(nameOf(byMean[0]));
    const names = () => rows.locator('td:first-child').allInnerTexts();
    expect(await names()).not.toContain(nameOf(byMean[CLASSES - 1]));
    await table.locator('xpath=..').evaluate((box) => box.scrollTo(0, box.scrollHeight));
    await expect.poll(async () => (await rows.last().locator('td').first().innerText())).toBe(nameOf(byMean[CLASSES - 1]));
    expect(await rows.count()).toBeLessThan(CLASSES);
    expect(await names()).not.toContain(nameOf(byMean[0]));
    expect(await rows.last().getAttribute('aria-rowindex')).toBe(String(CLASSES + 1));
  });
});

it('raised no uncaught errors in the browser', () => {
  expect(pageErrors).toEqual([]);
});
