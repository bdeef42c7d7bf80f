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
/** A value as the dashboard's tables show it (3 significant digits, `formatNumber`). */
const shown = (value: number) => Number(value.toPrecision(3));

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
    // Where along depth the modes appear: the seeded significance passes at stages 3–4 only, with the s.d.
    // contrast beside the gap (filled dots for passing layers in the chart, "yes (p …)" in the table).
    expect(await page.getByTestId('mode-layers').innerText()).toBe('Two modes appear at stage3, stage4 (Silverman modes test p < 0.05); 2 of 4 layers do not pass.');
    expect(await page.locator('[data-chart$="-group-splits"] .gap-dot').evaluateAll((dots) => dots.map((d) => d.getAttribute('data-passes')))).toEqual(['false', 'false', 'true', 'true']);
    const passes = await page.getByTestId('layer-passes').allInnerTexts();
    model.significance.forEach((sig, st) => {
      expect(passes[st]).toMatch(sig.passes ? /^yes \(p / : /^no \(p /);
      expect(number(passes[st].replace(/^\w+ \(p /, ''))).toBe(Number(sig.modesPValue.toPrecision(2)));
    });
    const ratios = page.getByTestId('layer-sd-ratio');
    expect((await ratios.allInnerTexts()).map(number)).toEqual(model.significance.map((sig) => shown(sig.sdRatio)));
    const interval = /^95 % interval \[([\d.]+), ([\d.]+)\]$/.exec((await ratios.nth(3).getAttribute('title'))!)!;
    expect([Number(interval[1]), Number(interval[2])]).toEqual([shown(model.significance[3].sdRatioLow), shown(model.significance[3].sdRatioHigh)]);
    expect(await page.getByTestId('run-backend').innerText()).toBe('tensorflow');
    expect((await page.getByTestId('model-tags').locator('.chip').allInnerTexts()).sort()).toEqual(['baseline', 'paper', 'rn18']);
    expect(await page.getByTestId('model-notes').innerText()).toBe('Trained from scratch, OneCycle, 100 epochs (METHOD.md A.2).');
    await screenshot(page, 'model-overview');
  });

  it('draws the layer × layer similarity (CKA, and Procrustes through the URL) of the stored matrices', async () => {
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}`);
    const cells = page.locator('[data-chart$="-layer-cka"] rect[data-r]');
    await expect.poll(() => cells.count()).toBe(4 * 4);
    const cka = (r: number, c: number) => page.locator(`[data-chart$="-layer-cka"] rect[data-r="${r}"][data-c="${c}"]`).getAttribute('data-value');
    expect(Number(await cka(0, 0))).toBe(1);
    expect(Number(await cka(0, 2))).toBeCloseTo(model.similarity.cka[0][2], 12);
    // the seeded representations drift with depth: neighbours are more alike than the ends
    expect(model.similarity.cka[0][1]).toBeGreaterThan(model.similarity.cka[0][3]);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}?similarity=procrustes`);
    const distance = page.locator('[data-chart$="-layer-procrustes"] rect[data-r="1"][data-c="3"]');
    await expect.poll(() => distance.count()).toBe(1);
    expect(Number(await distance.getAttribute('data-value'))).toBeCloseTo(model.similarity.procrustes[1][3], 12);
  });

  it('switches the heatmap to the class groups through the URL', async () => {
    await page.locator('[data-option="group"]').click();
    await page.waitForURL(/stat=group/);
    const model = seeded('resnet18-cifar100-s0');
    const high = model.highLabels[3][0];
    const cell = page.locator(`[data-chart$="group-heatmap"] rect[data-r="3"][data-c="${high}"]`);
    await expect.poll(() => cell.getAttribute('data-value')).toBe('1');
  });

  it('shows the held-out gap per layer and class, empty where a layer has none, linked to method §G.1', async () => {
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}?stat=held-out-gap`);
    const cell = (r: number, c: number) => page.locator(`[data-chart$="held-out-gap-heatmap"] rect[data-r="${r}"][data-c="${c}"]`);
    await expect.poll(() => cell(3, 4).count()).toBe(1);
    const seededHeldOut = model.heldOut[3][4]!;
    expect(Number(await cell(3, 4).getAttribute('data-value'))).toBeCloseTo(seededHeldOut.inSample - seededHeldOut.heldOut, 9);
    expect(await cell(0, 4).getAttribute('data-value')).toBe('');
    expect(await page.locator('[data-chart$="held-out-gap-heatmap"] a.method-link').getAttribute('href')).toBe('/method#G.1');
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
    // The first Layer page of the file renders its charts after hydration on a cold server: poll past the 1 s default.
    await expect.poll(() => fig1.locator('.recharts-scatter-symbol').count(), { timeout: 20_000 }).toBe(CLASSES);
    const summary = await page.getByTestId('split-summary').innerText();
    expect(summary).toContain(`${CLASSES - model.highLabels[3].length} / ${model.highLabels[3].length}`);
    const { layer } = await dash.query('query($id: ID!) { layer(id: $id) { groupSplit { threshold } } }', { id: ids.layers.stage4 });
    expect(await fig1.locator('.recharts-wrapper > svg').textContent()).toContain(`split ${layer.groupSplit.threshold.toFixed(1)}`);
    // Error bars from chains: every class has its examples' s.d. bar and its between-chain s.d. bar (2 chains seeded).
    expect(await fig1.locator('.recharts-errorBar').count()).toBe(2 * CLASSES);
    expect(await fig1.innerText()).toContain('between-chain s.d. of the class mean (2 chains)');
    // The split's evidence: stage 4 passes; s.d. ratio with its interval; both chains find the split.
    const sig = model.significance[3];
    const evidence = await page.getByTestId('split-significance').innerText();
    expect(evidence).toMatch(/yes\s+p = /);
    expect(number(/p = ([\d.]+)/.exec(evidence)![1])).toBeCloseTo(sig.modesPValue, 4);
    expect(number(await page.getByTestId('split-sd-ratio').locator('strong').innerText())).toBe(shown(sig.sdRatio));
    expect(await page.getByTestId('split-chains').locator('strong').innerText()).toBe('2 / 2');
    // R-hat is shown (not "–"), with the cluster count's, and each class's between-chain s.d. and chain agreement.
    const table = page.getByTestId('class-fit-table');
    const byMean = [...model.means[3].keys()].sort((a, b) => model.means[3][b] - model.means[3][a]);
    const chainSds = (await table.getByTestId('chain-sd').allInnerTexts()).map(number);
    byMean.forEach((label, row) => expect(chainSds[row]).toBe(shown(model.chains[3].meanLogDensitySd[label])));
    expect(await table.getByTestId('chain-agreement').allInnerTexts()).toEqual(byMean.map((label) => `${model.chains[3].groupAgreement[label]}/2`));
    for (const text of [...await table.getByTestId('r-hat').allInnerTexts(), ...await table.getByTestId('r-hat-clusters').allInnerTexts()]) {
      expect(number(text)).toBeGreaterThanOrEqual(1);
    }
    expect(await page.getByTestId('trace-r-hat').innerText()).toMatch(/^R-hat log-likelihood 1\.\d+ · cluster count 1\.\d+ · 2 chains × 100 sweeps$/);

    expect(await page.locator('[data-chart$="entropy-vs-distance"] .recharts-scatter-symbol').count()).toBe(CLASSES);
    expect(await page.locator('[data-chart$="density-bins"] .recharts-line-dot').count()).toBe(50);
    // certified robustness per bin on the secondary axis: one dot per bin with certified examples, the seeded mean
    const certified = model.certifiedBin!;
    const radius = page.locator('[data-chart$="density-bins"] .radius-dot');
    expect(await radius.count()).toBe(1);
    expect(await radius.getAttribute('data-bin')).toBe(String(certified.bin));
    expect(Number(await radius.getAttribute('data-value'))).toBeCloseTo(certified.meanRadius, 12);
    expect(Number(await page.locator('[data-chart$="density-bins"] .abstain-dot').getAttribute('data-value'))).toBeCloseTo(certified.abstainRate, 12);
    // small multiples: one panel (own y-axis) per quantity, the certified radius among them
    expect(await page.locator('[data-chart$="density-bins"] [data-panel]').evaluateAll((panels) => panels.map((p) => p.getAttribute('data-panel')))).toEqual(['logDensity', 'memorization', 'share', 'radius', 'abstain']);
    expect(await page.locator('[data-chart$="density-bins"] [data-panel="radius"]').innerText()).toContain('certified radius');
    expect(await page.locator('[data-chart$="density-bins"] .recharts-yAxis').count()).toBe(5);
    expect(await page.locator('[data-chart*="-kl-"] rect[data-r]').count()).toBe(CLASSES * CLASSES);
    expect(await page.locator('[data-chart$="genclass-by-layer"] .recharts-bar-rectangle').count()).toBe(12);
    expect(await page.locator('[data-chart$="kl-by-layer"] .recharts-line-curve').count()).toBe(3);
    // One trace curve per chain (two seeded).
    expect(await page.locator('[data-chart$="-clusters"] .recharts-line-curve').count()).toBe(2);
    expect(await page.getByTestId('class-fit-table').locator('tbody tr').count()).toBe(CLASSES);
    // Held-out densities: the gap column (gap and held-out count, rows by mean), paired dots per class, a caption
    // computed from the seeded gaps, and the link to the method section.
    const seededGap = (label: number) => model.heldOut[3][label]!.inSample - model.heldOut[3][label]!.heldOut;
    const gapCells = await table.getByTestId('held-out-gap').allInnerTexts();
    byMean.forEach((label, row) => {
      expect(number(gapCells[row].split(' ')[0])).toBe(shown(seededGap(label)));
      expect(gapCells[row]).toMatch(new RegExp(` \\(${model.heldOut[3][label]!.count}\\)$`));
    });
    const heldOutChart = page.locator('[data-chart$="-held-out"]');
    expect(await heldOutChart.locator('.recharts-scatter-symbol').count()).toBe(2 * CLASSES);
    expect(await heldOutChart.locator('a.method-link').getAttribute('href')).toBe('/method#G.1');
    const gaps = [...model.means[3].keys()].map(seededGap);
    const caption = await page.getByTestId('held-out-caption').innerText();
    const captionMean = /^Mean gap (\S+) nats over (\d+) classes /.exec(caption);
    expect(captionMean && [number(captionMean[1]), Number(captionMean[2])]).toEqual([shown(gaps.reduce((a, b) => a + b, 0) / CLASSES), CLASSES]);
    expect(caption).toContain(`training points score higher than held-out examples in ${CLASSES} of ${CLASSES}.`);
    await screenshot(page, 'layer');
  });

  it('shows a layer that does not pass, and the class one chain puts in the other group', async () => {
    const back = page.url();
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/layers/${encodeURIComponent(ids.layers.stage1)}`);
    const significance = page.getByTestId('split-significance');
    await significance.waitFor();
    expect(await significance.locator('strong').innerText()).toBe('not shown');
    expect(await page.getByTestId('split-chains').locator('strong').innerText()).toBe('1 / 2');
    const agreement = await page.getByTestId('class-fit-table').getByTestId('chain-agreement').allInnerTexts();
    expect(agreement.filter((a) => a === '1/2')).toHaveLength(model.chains[0].groupAgreement.filter((a) => a === 1).length);
    expect(agreement.filter((a) => a === '1/2')).toHaveLength(1);
    // No held-out densities stored at this stage (as in a run stored before them): "–" and a caption saying so, not 0.
    expect(new Set(await page.getByTestId('class-fit-table').getByTestId('held-out-gap').allInnerTexts())).toEqual(new Set(['–']));
    expect(await page.locator('[data-chart$="-held-out"] .recharts-scatter-symbol').count()).toBe(0);
    expect(await page.getByTestId('held-out-caption').innerText()).toMatch(/^No held-out examples in this run/);
    await page.goto(back);
    await page.locator('[data-chart$="log-density-sorted"] .recharts-scatter-symbol').first().waitFor();
  });

  it('links each figure to the section of docs/method.md that defines it', async () => {
    const link = page.locator('[data-chart$="log-density-sorted"] a.method-link');
    expect(await link.getAttribute('href')).toBe('/method#H.1');
    expect(await page.locator('[data-chart$="entropy-vs-distance"] a.method-link').getAttribute('href')).toBe('/method#E');
    await link.click();
    await page.waitForURL(/\/method#H\.1$/);
    const heading = page.locator('[id="H.1"]');
    expect(await heading.innerText()).toMatch(/^H\.1 The split/);
    expect(await page.locator('.method-doc h3').count()).toBeGreaterThan(10);
    await page.goBack();
    await expect.poll(() => page.locator('[data-chart*="-kl-"] [data-option="most"]').count()).toBe(1);
    await page.waitForURL(/\/layers\//);
  });

  it('keeps the KL subset and the traced class in the URL', async () => {
    await page.locator('[data-chart*="-kl-"] [data-option="most"]').click();
    await page.waitForURL(/kl=most/);
    await expect.poll(() => page.locator('[data-chart$="-kl-most"] rect[data-r]').count()).toBe(CLASSES * CLASSES);
    await page.getByTestId('select-trace').selectOption('5');
    await page.waitForURL(/trace=5/);
    await expect.poll(() => page.locator('[data-chart*="class5-clusters"] .recharts-line-curve').count()).toBe(2);
  });

  it('says when the requested KL subset is absent, and why, instead of silently showing another', async () => {
    const back = page.url();
    const model = dash.seed.models.find((m) => m.absentKlSubset)!;
    const ids = await dash.ids(model.name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/layers/${encodeURIComponent(ids.layers.stage4)}?kl=most`);
    const notice = page.getByTestId('kl-absent');
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain('No KL divergences of the “most” examples at this layer');
    expect(text).toContain('no class met its rule (classes with more than 100 examples with memorization ≥ 0.7');
    expect(text).toContain('Showing “least” instead.');
    expect(await page.locator('[data-chart$="-kl-least"] rect[data-r]').count()).toBe(CLASSES * CLASSES);
    // a subset that is there shows no notice
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/layers/${encodeURIComponent(ids.layers.stage4)}?kl=random`);
    await page.locator('[data-chart$="-kl-random"] rect[data-r]').first().waitFor();
    expect(await page.getByTestId('kl-absent').count()).toBe(0);
    await page.goto(back);
    await page.locator('[data-chart$="log-density-sorted"] .recharts-scatter-symbol').first().waitFor();
  });

  it('hints that the class-fit table scrolls when rows are hidden below its box', async () => {
    const box = page.getByTestId('class-fit-table').locator('xpath=..');
    const { scrollHeight, clientHeight } = await box.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
    expect(scrollHeight).toBeGreaterThan(clientHeight); // 10 classes do not fit in the 320-px box
    expect(await page.getByTestId('class-fit-scroll-hint').innerText()).toBe(`${CLASSES} classes — the table scrolls for the rest; CSV exports them all.`);
  });

  it('says which run the figures come from and picks another through the URL', async () => {
    const back = page.url();
    const model = seeded('resnet18-cifar100-s0');
    const ids = await dash.ids(model.name);
    const { layer } = await dash.query('query($id: ID!) { layer(id: $id) { fitRun { id } } }', { id: ids.layers.stage4 });
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(ids.model)}/layers/${encodeURIComponent(ids.layers.stage4)}`);
    const shown = page.getByTestId('figures-run');
    expect(await shown.getAttribute('data-run')).toBe(layer.fitRun.id);
    expect(await shown.innerText()).toMatch(/^Figures from the run queued .*, the newest that fitted this layer\.$/);
    const options = await page.getByTestId('select-run').locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(options[0]).toBe('');
    expect(options).toContain(layer.fitRun.id);
    await page.getByTestId('select-run').selectOption(layer.fitRun.id);
    await page.waitForURL((url) => url.searchParams.get('run') === layer.fitRun.id);
    await expect.poll(async () => (await page.getByTestId('figures-run').innerText()).endsWith('this layer.')).toBe(false);
    expect(await page.getByTestId('figures-run').getAttribute('data-run')).toBe(layer.fitRun.id);
    await expect.poll(() => page.locator('[data-chart$="log-density-sorted"] .recharts-scatter-symbol').count()).toBe(CLASSES);
    await page.goto(back);
    await page.locator('[data-chart$="log-density-sorted"] .recharts-scatter-symbol').first().waitFor();
  });

  it('exports a chart as CSV, SVG and PNG', async () => {
    const fig1 = page.locator('[data-chart$="log-density-sorted"]');
    const [csv] = await Promise.all([page.waitForEvent('download'), fig1.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/log-density-sorted\.csv$/);
    const lines = (await readFile(await csv.path())).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toContain('mean');
    expect(lines).toHaveLength(CLASSES + 1);
    const columns = lines[0].split(',');
    const seededModel = seeded('resnet18-cifar100-s0');
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const label = Number(cells[columns.indexOf('label')]);
      expect(Number(cells[columns.indexOf('chainSd')])).toBeCloseTo(seededModel.chains[3].meanLogDensitySd[label], 9);
    }
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
    // The between-chain spread of its mean log-density and relative entropy, per layer, as seeded.
    const chainSds = (await page.getByTestId('class-chain-sd').allInnerTexts()).map(number);
    const entropyChainSds = (await page.getByTestId('class-entropy-chain-sd').allInnerTexts()).map(number);
    for (let s = 0; s < 4; s++) {
      expect(chainSds[s]).toBe(shown(model.chains[s].meanLogDensitySd[3]));
      expect(entropyChainSds[s]).toBe(shown(model.chains[s].relativeEntropySd[3]));
    }
    expect(await page.locator('[data-chart$="-path"]').innerText()).toContain('between-chain s.d.');
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
