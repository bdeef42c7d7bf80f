/**
 * The Models page: the seeded models with their facts, filters, sorting and paging in the URL, a phone-sized screen; and the not-found pages of unknown models, layers and classes.
 * In Chromium against the built app and a seeded API (3 models × 4 layers × 10 classes); screenshots go to tests/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-browser.ts';
import { CLASSES, openDashboardPage } from './support/web-dashboard-page.ts';
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
    await page.waitForURL(/sort=status$/); // descending is the default, left out of the URL
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
    await page.waitForURL(/tag=(rn50(%2C|,)baseline|baseline(%2C|,)rn50)/);
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

it('raised no uncaught errors in the browser', () => {
  expect(pageErrors).toEqual([]);
});
