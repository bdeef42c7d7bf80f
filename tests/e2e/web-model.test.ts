/**
 * A model's own pages: its overview (the layer × class heatmap of the seeded means, group and per-layer colourings,
 * the run configuration), a layer's page (Figs. 1–4, A.11, traces, URL state, chart exports, the dark theme) and a
 * class's page (its path through the layers, nearest and farthest classes, its examples as thumbnails or a list).
 * In Chromium against the built app and a seeded API (3 models × 4 layers × 10 classes); screenshots go to tests/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-browser.ts';
import { CLASSES, number, openDashboardPage } from './support/web-dashboard-page.ts';
import type { Dashboard } from './support/web-fixture.ts';
import { seedImagePixel } from './support/web-seed-data.ts';
import type { SeededModel } from './support/web-seed.ts';

let dash: Dashboard;
let page: Page;
let pageErrors: string[];
let seeded: (name: string) => SeededModel;

beforeAll(async () => {
  ({ dash, page, pageErrors, seeded } = await openDashboardPage());
}, 600_000);

afterAll(async () => {
  await dash?.close();
});

describe('Model overview', () => {
  it('draws the layer × class heatmap of the seeded means and the depth of the split', async () => {
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}`);
    const cells = page.locator('[data-chart$="-heatmap"] rect[data-r]');
    await expect.poll(() => cells.count()).toBe(4 * CLASSES);
    const cell = page.locator('[data-chart$="-heatmap"] rect[data-r="3"][data-c="7"]');
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(model.means[3][7], 6);
    await cell.hover();
    expect(number(await page.getByTestId('heatmap-tooltip-value').innerText())).toBeCloseTo(model.means[3][7], 2);

    const layerTable = await page.getByTestId('layer-table').innerText();
    expect(layerTable).toContain(`${CLASSES - model.highLabels[3].length} / ${model.highLabels[3].length}`);
    await expect.poll(() => page.locator('[data-chart$="-group-splits"] .recharts-bar-rectangle').count()).toBe(8);
    expect(await page.getByTestId('run-backend').innerText()).toBe('tensorflow');
    expect((await page.getByTestId('model-tags').locator('.chip').allInnerTexts()).sort()).toEqual(['baseline', 'paper', 'rn18']);
    expect(await page.getByTestId('model-notes').innerText()).toBe('Trained from scratch, OneCycle, 100 epochs (METHOD.md A.2).');
    await screenshot(page, 'model-overview');
  });

  it('switches the heatmap to the class groups through the URL', async () => {
    await page.locator('[data-option="group"]').click();
    await page.waitForURL(/stat=group/);
    const model = seeded('resnet18-cifar100-s0');
    const high = model.highLabels[3][0];
    const cell = page.locator(`[data-chart$="group-heatmap"] rect[data-r="3"][data-c="${high}"]`);
    await expect.poll(() => cell.getAttribute('data-value')).toBe('1');
  });

  it('colours each layer over its own range with scale=row, keeping the raw values', async () => {
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}`);
    const row0 = page.locator('[data-chart$="-heatmap"] rect[data-r="0"]');
    await expect.poll(() => row0.count()).toBe(CLASSES);
    const fills = () => row0.evaluateAll((cells) => cells.map((c) => c.getAttribute('fill')));
    // one shared scale: the deepest layers span it, so stage1 uses neither end of viridis
    const shared = await fills();
    expect(shared).not.toContain('rgb(68, 1, 84)');
    expect(shared).not.toContain('rgb(253, 231, 37)');

    await page.locator('[data-option="row"]').click();
    await page.waitForURL(/scale=row/);
    await expect.poll(fills).toContain('rgb(68, 1, 84)');
    const perLayer = await fills();
    const low = model.means[0].indexOf(Math.min(...model.means[0]));
    const high = model.means[0].indexOf(Math.max(...model.means[0]));
    expect(perLayer[low]).toBe('rgb(68, 1, 84)');
    expect(perLayer[high]).toBe('rgb(253, 231, 37)');
    expect(new Set(perLayer).size).toBeGreaterThan(new Set(shared).size);
    // raw values in the cells and the tooltip; the legend says the colours are per layer
    const cell = page.locator('[data-chart$="-heatmap"] rect[data-r="0"][data-c="7"]');
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(model.means[0][7], 6);
    await cell.hover();
    expect(number(await page.getByTestId('heatmap-tooltip-value').innerText())).toBeCloseTo(model.means[0][7], 2);
    expect(await page.locator('[data-chart$="-heatmap"] .heatmap-legend[data-per-row]').textContent()).toContain('colours per layer');

    // the Run configuration card wraps the long layer list within the card, with the whole list as its title
    const config = page.getByTestId('run-config');
    const layers = config.locator('dd[title]');
    expect(JSON.parse((await layers.getAttribute('title'))!)).toHaveLength(5);
    expect(await config.evaluate((dl) => dl.scrollWidth <= dl.clientWidth)).toBe(true);
    await screenshot(page, 'model-overview-per-layer');
  });
});

describe('Layer page', () => {
  it('reproduces Figs. 1–4, A.11 and the traces from the seeded layer', async () => {
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/layers/${encodeURIComponent(ids.layers.stage4)}`);
    const fig1 = page.locator('[data-chart$="log-density-sorted"]');
    await expect.poll(() => fig1.locator('.recharts-scatter-symbol').count()).toBe(CLASSES);
    const summary = await page.getByTestId('split-summary').innerText();
    expect(summary).toContain(`${CLASSES - model.highLabels[3].length} / ${model.highLabels[3].length}`);
    const { layer } = await dash.query('query($id: ID!) { layer(id: $id) { groupSplit { threshold } } }', { id: ids.layers.stage4 });
    expect(await fig1.locator('.recharts-wrapper > svg').textContent()).toContain(`split ${layer.groupSplit.threshold.toFixed(1)}`);

    expect(await page.locator('[data-chart$="entropy-vs-distance"] .recharts-scatter-symbol').count()).toBe(CLASSES);
    expect(await page.locator('[data-chart$="density-bins"] .recharts-line-dot').count()).toBe(50);
    // certified robustness per bin on the secondary axis: one dot per bin with certified examples, the seeded mean
    const certified = model.certifiedBin!;
    const radius = page.locator('[data-chart$="density-bins"] .radius-dot');
    expect(await radius.count()).toBe(1);
    expect(await radius.getAttribute('data-bin')).toBe(String(certified.bin));
    expect(Number(await radius.getAttribute('data-value'))).toBeCloseTo(certified.meanRadius, 12);
    expect(Number(await page.locator('[data-chart$="density-bins"] .abstain-dot').getAttribute('data-value'))).toBeCloseTo(certified.abstainRate, 12);
    expect(await page.locator('[data-chart$="density-bins"] .recharts-wrapper > svg').textContent()).toContain('certified radius');
    expect(await page.locator('[data-chart*="-kl-"] rect[data-r]').count()).toBe(CLASSES * CLASSES);
    expect(await page.locator('[data-chart$="genclass-by-layer"] .recharts-bar-rectangle').count()).toBe(12);
    expect(await page.locator('[data-chart$="kl-by-layer"] .recharts-line-curve').count()).toBe(3);
    expect(await page.locator('[data-chart$="-clusters"] .recharts-line-curve').count()).toBe(1);
    expect(await page.getByTestId('class-fit-table').locator('tbody tr').count()).toBe(CLASSES);
    await screenshot(page, 'layer');
  });

  it('keeps the KL subset and the traced class in the URL', async () => {
    await page.locator('[data-chart*="-kl-"] [data-option="most"]').click();
    await page.waitForURL(/kl=most/);
    await expect.poll(() => page.locator('[data-chart$="-kl-most"] rect[data-r]').count()).toBe(CLASSES * CLASSES);
    await page.getByTestId('select-trace').selectOption('5');
    await page.waitForURL(/trace=5/);
    await expect.poll(() => page.locator('[data-chart*="class5-clusters"] .recharts-line-curve').count()).toBe(1);
  });

  it('exports a chart as CSV, SVG and PNG', async () => {
    const fig1 = page.locator('[data-chart$="log-density-sorted"]');
    const [csv] = await Promise.all([page.waitForEvent('download'), fig1.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/log-density-sorted\.csv$/);
    const lines = (await readFile(await csv.path())).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toContain('mean');
    expect(lines).toHaveLength(CLASSES + 1);
    const bins = page.locator('[data-chart$="density-bins"]');
    const [binsCsv] = await Promise.all([page.waitForEvent('download'), bins.getByRole('button', { name: 'CSV' }).click()]);
    const binLines = (await readFile(await binsCsv.path())).toString('utf8').trim().split('\r\n');
    const header = binLines[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['certifiedCount', 'meanRadius', 'sdRadius', 'abstainRate', 'smoothedAccuracy']));
    const bin0 = binLines[1].split(',');
    expect(Number(bin0[header.indexOf('meanRadius')])).toBeCloseTo(0.5, 12);
    expect(Number(bin0[header.indexOf('certifiedCount')])).toBe(3);
    expect(binLines[2].split(',')[header.indexOf('meanRadius')]).toBe(''); // bin 1: no certified examples
    const [svg] = await Promise.all([page.waitForEvent('download'), fig1.getByRole('button', { name: 'SVG' }).click()]);

    const text = (await readFile(await svg.path())).toString('utf8');
    expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text.match(/.{80}var\(--.{40}/g) ?? []).toEqual([]);
    expect(text).toContain('recharts-scatter-symbol');
    const [png] = await Promise.all([page.waitForEvent('download'), fig1.getByRole('button', { name: 'PNG' }).click()]);
    const bytes = await readFile(await png.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(5000);
  });

  it('switches to the dark theme', async () => {
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 17, 21)');
    await screenshot(page, 'layer-dark');
    await page.getByTestId('theme-toggle').click();
  });
});

describe('Class page', () => {
  it('follows one class through the layers with its neighbours and examples', async () => {
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/classes/3`);
    expect(await page.getByTestId('class-name').innerText()).toContain(dash.seed.classNames[3]);
    const rows = page.getByTestId('class-path-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    for (let s = 0; s < 4; s++) expect(number(await rows.nth(s).locator('td').nth(1).innerText())).toBeCloseTo(model.means[s][3], 1);
    expect(await rows.nth(3).innerText()).toContain(model.highLabels[3].includes(3) ? 'high-density' : 'low-density');
    await expect.poll(() => page.getByTestId('nearest-classes').locator('tbody tr').count()).toBe(8);
    // The most distinct classes: farthest first, the first at least as far as any of the nearest.
    const farthest = (await page.getByTestId('farthest-classes').locator('tbody tr td:nth-child(2) .num').allInnerTexts()).map(number);
    expect(farthest).toHaveLength(8);
    expect([...farthest].sort((a, b) => b - a)).toEqual(farthest);
    const nearest = (await page.getByTestId('nearest-classes').locator('tbody tr td:nth-child(2) .num').allInnerTexts()).map(number);
    expect(farthest[0]).toBeGreaterThanOrEqual(Math.max(...nearest));
    // The seed gives this model 8×8 RGB images and stage-4 log-densities: thumbnails, not the table.
    expect(model.hasImages).toBe(true);
    const grids = page.getByTestId('example-grid');
    await expect.poll(() => grids.count()).toBe(2);
    expect(await page.getByTestId('example-list').count()).toBe(0);
    const most = (await grids.first().getByTestId('example-memorization').allInnerTexts()).map(number);
    expect(most).toHaveLength(8);
    expect([...most].sort((a, b) => b - a)).toEqual(most);
    const least = (await grids.nth(1).getByTestId('example-memorization').allInnerTexts()).map(number);
    expect([...least].sort((a, b) => a - b)).toEqual(least);
    const images = page.locator('[data-testid="example-grid"] img');
    await expect.poll(() => images.count()).toBe(16);
    // Every thumbnail decodes to the requested 56 px, and its pixels are the seeded image of the example it names.
    const drawn = await images.evaluateAll((elements) =>
      (elements as HTMLImageElement[]).map((img) => {
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
        const context = canvas.getContext('2d')!;
        context.drawImage(img, 0, 0);
        const pixel = (x: number, y: number) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
        return { alt: img.alt, complete: img.complete, width: img.naturalWidth, height: img.naturalHeight, topLeft: pixel(0, 0), bottomRight: pixel(55, 55) };
      }),
    );
    for (const image of drawn) {
      const index = Number(/#(\d+)$/.exec(image.alt)![1]);
      expect(image).toMatchObject({ complete: true, width: 56, height: 56 });
      expect(image.topLeft).toEqual([0, 1, 2].map((k) => seedImagePixel(index, 0, 0, k)));
      expect(image.bottomRight).toEqual([0, 1, 2].map((k) => seedImagePixel(index, 7, 7, k)));
    }
    // log p at stage 4 (the default layer), shown to 3 significant digits.
    const captions = await grids.first().getByRole('listitem').all();
    for (const item of captions) {
      const index = Number(/#(\d+)$/.exec((await item.locator('img').getAttribute('alt'))!)![1]);
      const want = model.exampleLogDensities.get(index)!;
      const shown = number(await item.getByTestId('example-log-density').innerText());
      expect(Math.abs(shown - want)).toBeLessThanOrEqual(0.51 * 10 ** (Math.floor(Math.log10(Math.abs(want))) - 2));
    }
    await screenshot(page, 'class');
  });

  it('lists the examples when the model has no images', async () => {
    const model = seeded('resnet50-cifar100-s0');
    expect(model.hasImages).toBe(false);
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/classes/3`);
    const lists = page.getByTestId('example-list');
    await expect.poll(() => lists.count()).toBe(2);
    expect(await page.getByTestId('example-grid').count()).toBe(0);
    const most = (await lists.first().locator('tbody tr td:nth-child(3)').allInnerTexts()).map(number);
    expect(most).toHaveLength(8);
    expect([...most].sort((a, b) => b - a)).toEqual(most);
    // Not scored at any layer: log p is shown as missing.
    expect(await lists.first().locator('tbody tr td:nth-child(6)').allInnerTexts()).toEqual(Array(8).fill('–'));
  });
});

it('raised no uncaught errors in the browser', () => {
  expect(pageErrors).toEqual([]);
});
