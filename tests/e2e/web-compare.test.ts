/**
 * The Compare page: two architectures side by side with the seeded group contingency, the cross-model CKA (per
 * aligned depth and the layer × layer heatmap, against core's CKA of the seeded activations, with a decoded
 * screenshot), the baseline pin, the model picker.
 * In Chromium against the built app and a seeded API (3 models × 4 layers × 10 classes); screenshots go to tests/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import { linearCka } from '@classfit/core/analysis';
import { decodePng } from '@classfit/api/testing/png-decode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-browser.ts';
import { CLASSES, number, openDashboardPage } from './support/web-dashboard-page.ts';
import type { Dashboard } from './support/web-fixture.ts';
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

  it('shows the CKA of the aligned layers beside group agreement, and the cross-model layer × layer heatmap', async () => {
    const a = seeded('resnet18-cifar100-s0');
    const b = seeded('resnet50-cifar100-s0');
    const c = seeded('resnet18-mini-imagenet-s0');
    const ids = await Promise.all([a, b, c].map(async (m) => (await dash.ids(m.name)).model));
    await page.goto(`${dash.web.url}/compare?models=${ids.map(encodeURIComponent).join(',')}`);
    // core's CKA of the seeded activations, stage s of a against stage s of b (the same relative depth)
    const n = a.activations![0].length / 64;
    const dims = [[64, 128, 256, 512], [256, 512, 1024, 2048]];
    const expected = (s: number, t: number) => linearCka(a.activations![s], b.activations![t], n, dims[0][s], dims[1][t]);
    const cells = page.getByTestId('agreement-table').locator('tbody tr');
    await expect.poll(() => cells.count()).toBe(4);
    for (let s = 0; s < 4; s++) {
      const [withB, withC] = await cells.nth(s).getByTestId('aligned-cka').allInnerTexts();
      expect(number(withB)).toBeCloseTo(expected(s, s), 3);
      // another dataset: no CKA, and the cell says why on hover
      expect(withC).toBe('CKA –');
    }
    expect(await cells.nth(0).getByTestId('aligned-cka').nth(1).getAttribute('title')).toMatch(/is on dataset "cifar100", model "resnet18-mini-imagenet-s0" on "mini-imagenet"/);

    const heatmap = page.locator('[data-chart="resnet18-cifar100-s0-vs-resnet50-cifar100-s0-layer-cka"]');
    await expect.poll(() => heatmap.locator('rect[data-r]').count()).toBe(16);
    for (const [r, col] of [[0, 0], [3, 3], [0, 3], [2, 1]]) {
      expect(Number(await heatmap.locator(`rect[data-r="${r}"][data-c="${col}"]`).getAttribute('data-value'))).toBeCloseTo(expected(r, col), 10);
    }
    // the seeded stages correspond by depth: the aligned stage is the most similar one
    for (let r = 0; r < 4; r++) expect(expected(r, r)).toBe(Math.max(...[0, 1, 2, 3].map((t) => expected(r, t))));
    await expect.poll(() => page.getByTestId('cross-similarity-unavailable').innerText()).toMatch(/^Layer similarity: resnet18-cifar100-s0 × resnet18-mini-imagenet-s0\s+Not computed: model "resnet18-cifar100-s0" is on dataset "cifar100"/);

    // The screenshot is a real picture: a full page of many colours, and the heatmap alone has several distinct ones.
    const shot = decodePng(await readFile(await screenshot(page, 'compare-similarity')));
    expect(shot.width).toBe(1400);
    expect(shot.height).toBeGreaterThan(900);
    expect(distinctColours(shot)).toBeGreaterThan(50);
    const figure = decodePng(await heatmap.locator('svg[role="img"]').screenshot());
    expect(figure.width).toBeGreaterThan(200);
    expect(distinctColours(figure)).toBeGreaterThanOrEqual(8);

    // Procrustes through the URL: for these widths (up to 512 × 2,048) its eigen-decompositions put it past the
    // request budget, and the card says so instead of drawing.
    await page.goto(`${dash.web.url}/compare?models=${ids.slice(0, 2).map(encodeURIComponent).join(',')}&similarity=procrustes`);
    await expect.poll(() => page.getByTestId('cross-similarity-unavailable').innerText()).toMatch(/Not computed: computing this similarity takes [\d.]+e\+9 multiply-adds .* at most 4\.0e\+9 per request/);
    expect(await page.locator('[data-chart$="-layer-procrustes"]').count()).toBe(0);
  });
});

/** Distinct RGB(A) colours of a decoded PNG. */
function distinctColours(png: { data: Uint8Array; channels: number }): number {
  const seen = new Set<number>();
  for (let i = 0; i + png.channels <= png.data.length; i += png.channels) seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  return seen.size;
}

it('raised no uncaught errors in the browser', () => {
  expect(pageErrors).toEqual([]);
});
