/**
 * The dashboard in Chromium against the built app and a seeded API (3 models × 4 layers × 10 classes):
 * every page shows the seeded numbers, filters and selections live in the URL, Compare shows two
 * architectures, a running job's progress advances live. Screenshots go to tests/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp } from './support/web-app.ts';
import { seedImagePixel } from './support/web-seed-data.ts';
import { screenshot } from './support/web-browser.ts';
import { openDashboard, type Dashboard } from './support/web-fixture.ts';

const CLASSES = 10;
let dash: Dashboard;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dash = await openDashboard({ models: 3, classes: CLASSES, examplesPerClass: 20 }, { pollMs: 500 });
  page = await dash.browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 600_000);

afterAll(async () => {
  await dash?.close();
});

const seeded = (name: string) => dash.seed.models.find((m) => m.name === name)!;
const number = (text: string | null) => Number((text ?? '').replace('−', '-').replace(/[^\d.eE+-]/g, ''));

describe('Models page', () => {
  it('lists every seeded model with its facts', async () => {
    await page.goto(`${dash.web.url}/`);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(3);
    const text = await page.locator('.table-window').innerText();
    for (const model of dash.seed.models) expect(text).toContain(model.name);
    expect(text).toContain('resnet50');
    expect(text).toContain('mini-imagenet');
    expect(text).toMatch(/running/);
    await screenshot(page, 'models');
  });

  it('filters through the URL: architecture "in", then OR with a dataset', async () => {
    await page.getByTestId('model-filters').getByRole('checkbox', { name: /resnet50/ }).check();
    await page.waitForURL(/arch=resnet50/);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(1);
    expect(await page.getByTestId('model-row').innerText()).toContain('resnet50-cifar100-s0');

    await page.getByTestId('model-filters').getByRole('checkbox', { name: 'mini-imagenet' }).check();
    await page.waitForURL(/dataset=mini-imagenet/);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(0);
    await page.getByTestId('match-mode').selectOption('any');
    await page.waitForURL(/match=any/);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(2);
    await screenshot(page, 'models-filtered');
  });

  it('sorts by accuracy through the URL and opens a model from the keyboard', async () => {
    await page.goto(`${dash.web.url}/?sort=accuracy&dir=desc`);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(3);
    const { models } = await dash.query<{ models: { nodes: { name: string }[] } }>('{ models(first: 10, orderBy: { field: ACCURACY, direction: DESC }) { nodes { name } } }');
    const names = await page.getByTestId('model-row').locator('td:nth-child(2)').allInnerTexts();
    expect(names).toEqual(models.nodes.map((m) => m.name));

    await page.getByRole('link', { name: /Accuracy/ }).click();
    await page.waitForURL(/dir=asc/);
    await expect.poll(async () => (await page.getByTestId('model-row').locator('td:nth-child(2)').allInnerTexts())[0]).toBe(models.nodes[2].name);

    await page.getByTestId('model-row').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/models\/[^/]+$/);
    await expect(page.getByTestId('model-name').innerText()).resolves.toBe(models.nodes[1].name);
  });

  it('pages through the API connection: the first page, then more on demand', async () => {
    await page.goto(`${dash.web.url}/?first=2&sort=name&dir=asc`);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(2);
    expect(await page.getByTestId('models-count').innerText()).toBe('2 of 3 models loaded');
    await page.getByTestId('load-more').click();
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(3);
    const names = await page.getByTestId('model-row').locator('td:nth-child(2)').allInnerTexts();
    expect(names).toEqual([...dash.seed.models.map((m) => m.name)].sort());
    expect(await page.getByTestId('load-more').count()).toBe(0);
  });

  it('sorts by a column the API sorts server-side (latest run status), changing the URL and the row order', async () => {
    await page.goto(`${dash.web.url}/`);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(3);
    const order = async (direction: string) =>
      (await dash.query<{ models: { nodes: { name: string }[] } }>(`{ models(first: 10, orderBy: { field: STATUS, direction: ${direction} }) { nodes { name } } }`)).models.nodes.map((m) => m.name);
    const names = () => page.getByTestId('model-row').locator('td:nth-child(2)').allInnerTexts();
    await page.getByRole('link', { name: /Latest run/ }).click();
    await page.waitForURL(/sort=status&dir=desc/);
    const desc = await order('DESC');
    await expect.poll(names).toEqual(desc);
    // The running re-analysis ranks before "succeeded" in the lifecycle, so it comes last when descending.
    expect(desc.at(-1)).toBe(dash.seed.runningJob.modelName);
    await page.getByRole('link', { name: /Latest run/ }).click();
    await page.waitForURL(/sort=status&dir=asc/);
    await expect.poll(names).toEqual(await order('ASC'));
    expect((await names())[0]).toBe(dash.seed.runningJob.modelName);
  });

  it('filters by a tag checkbox from the API\'s tag list', async () => {
    await page.goto(`${dash.web.url}/`);
    const tags = page.getByTestId('tag-filters');
    const { tags: listed } = await dash.query<{ tags: { name: string; modelCount: number }[] }>('{ tags { name modelCount } }');
    expect(listed.find((t) => t.name === 'rn50')?.modelCount).toBe(1);
    await expect.poll(() => tags.getByRole('checkbox').count()).toBe(listed.length);
    expect(await tags.getByRole('checkbox', { name: 'rn50 (1)' }).count()).toBe(1);
    await tags.getByRole('checkbox', { name: /rn50/ }).check();
    await page.waitForURL(/tag=rn50/);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(1);
    expect(await page.getByTestId('model-row').innerText()).toContain('resnet50-cifar100-s0');
    await page.getByTestId('tag-filters').getByRole('checkbox', { name: /baseline/ }).check();
    await page.waitForURL(/tag=rn50%2Cbaseline|tag=baseline%2Crn50/);
    await expect.poll(() => page.getByTestId('model-row').count()).toBe(2);
  });

  it('goes to the next page and back with cursors in the URL', async () => {
    await page.goto(`${dash.web.url}/?first=2&sort=name&dir=asc`);
    const sorted = [...dash.seed.models.map((m) => m.name)].sort();
    const names = () => page.getByTestId('model-row').locator('td:nth-child(2)').allInnerTexts();
    await expect.poll(names).toEqual(sorted.slice(0, 2));
    expect(await page.getByTestId('previous-page').count()).toBe(0);
    await page.getByTestId('next-page').click();
    await page.waitForURL(/after=/);
    await expect.poll(names).toEqual(sorted.slice(2));
    expect(await page.getByTestId('next-page').count()).toBe(0);
    await page.getByTestId('previous-page').click();
    await page.waitForURL(/before=/);
    expect(page.url()).not.toMatch(/after=/);
    await expect.poll(names).toEqual(sorted.slice(0, 2));
    expect(await page.getByTestId('previous-page').count()).toBe(0);
    expect(await page.getByTestId('next-page').count()).toBe(1);
  });

  it('fits a phone-sized screen', async () => {
    const phone = await dash.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await phone.goto(`${dash.web.url}/`);
    await expect.poll(() => phone.getByTestId('model-row').count()).toBe(3);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'models-phone-dark');
    await phone.close();
  });
});

describe('Missing things', () => {
  it('answers unknown models, layers and classes with the not-found pages', async () => {
    await page.goto(`${dash.web.url}/models/bm9wZQ==`);
    await expect.poll(() => page.getByRole('heading', { name: 'No such model' }).count()).toBe(1);
    const ids = await dash.ids(dash.seed.models[0].name);
    const other = await dash.ids(dash.seed.models[1].name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/layers/${encodeURIComponent(other.layers.stage1)}`);
    await expect.poll(() => page.getByRole('heading', { name: 'No such layer' }).count()).toBe(1);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/classes/${CLASSES}`);
    await expect.poll(() => page.getByRole('heading', { name: 'No such class' }).count()).toBe(1);
  });
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

describe('Compare page', () => {
  it('shows two architectures side by side with the group contingency of the seed', async () => {
    const a = seeded('resnet18-cifar100-s0');
    const b = seeded('resnet50-cifar100-s0');
    const [idA, idB] = [(await dash.ids(a.name)).model, (await dash.ids(b.name)).model];
    await page.goto(`${dash.web.url}/compare?models=${encodeURIComponent(idA)},${encodeURIComponent(idB)}`);
    const chips = page.getByTestId('compared-model');
    await expect.poll(() => chips.count()).toBe(2);
    expect(await chips.nth(0).innerText()).toContain('resnet18');
    expect(await chips.nth(1).innerText()).toContain('resnet50');
    await expect.poll(() => page.locator('[data-chart$="-profile"] .recharts-scatter-symbol').count()).toBe(16);

    const high = (m: typeof a) => new Set(m.highLabels[3]);
    const bothHigh = [...high(a)].filter((l) => high(b).has(l)).length;
    const bothLow = Array.from({ length: CLASSES }, (_, l) => l).filter((l) => !high(a).has(l) && !high(b).has(l)).length;
    const table = page.getByTestId('contingency');
    expect(number(await table.locator('[data-cell="high-high"] strong').innerText())).toBe(bothHigh);
    expect(number(await table.locator('[data-cell="low-low"] strong').innerText())).toBe(bothLow);
    expect(number(await page.getByTestId('agreement').innerText())).toBeCloseTo(((bothHigh + bothLow) / CLASSES) * 100, 1);
    await screenshot(page, 'compare');

    await page.getByRole('link', { name: 'pin as baseline' }).click();
    await page.waitForURL(/baseline=/);
    await expect.poll(async () => (await chips.nth(0).innerText()).includes('resnet50')).toBe(true);
    expect(await chips.nth(0).innerText()).toContain('baseline');
  });

  it('changes the compared models in the picker, starting from the current ones', async () => {
    await page.getByTestId('change-models').click();
    const picker = page.getByTestId('compare-picker');
    await expect.poll(() => picker.locator('input[type=checkbox]').count()).toBe(3);
    expect(await picker.locator('input[type=checkbox]:checked').count()).toBe(2);
    await picker.locator('input[type=checkbox]:not(:checked)').check();
    await picker.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => page.getByTestId('compared-model').count()).toBe(3);
    expect(await page.getByTestId('compared-model').nth(0).innerText()).toContain('resnet50-cifar100-s0');
    await expect.poll(() => page.locator('[data-chart$="mean-log-density-profile"] .recharts-scatter-symbol').count()).toBe(12);
  });

  it('offers a picker when fewer than two models are chosen', async () => {
    await page.goto(`${dash.web.url}/compare`);
    await expect.poll(() => page.getByTestId('compare-picker').locator('input[type=checkbox]').count()).toBe(3);
  });
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

  it('raised no uncaught errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
