/**
 * The Compare page: two architectures side by side with the seeded group contingency, the baseline pin, the model picker.
 * In Chromium against the built app and a seeded API (3 models × 4 layers × 10 classes); screenshots go to tests/screenshots/.
 */
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
});

it('raised no uncaught errors in the browser', () => {
  expect(pageErrors).toEqual([]);
});
