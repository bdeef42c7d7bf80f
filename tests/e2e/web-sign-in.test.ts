/**
 * Signing in to a dashboard whose API requires tokens (a server with users), in Chromium against the built app:
 * a page asked for without a token sends the reader to the sign-in page and back to the same view afterwards; the
 * token lives in an httpOnly, SameSite=Strict cookie (never in a URL, not readable by scripts); the header names
 * the user; a viewer sees no Cancel buttons, an editor does; sign-out forgets the token. (The open demo — no
 * users — shows "local owner · open" and no sign-in: web-jobs.test.ts and the other page tests run that way.)
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-browser.ts';
import { openDashboard, type Dashboard } from './support/web-fixture.ts';

let dash: Dashboard;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dash = await openDashboard({ models: 3, classes: 10, examplesPerClass: 20 }, {
    pollMs: 500,
    users: {
      viewer: { login: 'vera', grants: [{ role: 'viewer', project: 'modes-of-class-fitting' }] },
      editor: { login: 'ed', grants: [{ role: 'editor', project: 'modes-of-class-fitting' }] },
    },
  });
  context = await dash.browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 600_000);

afterAll(async () => {
  await context?.close();
  await dash?.close();
});

const signIn = async (token: string) => {
  await page.getByTestId('sign-in-token').fill(token);
  await page.getByTestId('sign-in-submit').click();
};

describe('Sign-in', () => {
  it('sends a reader without a token to the sign-in page, refusing what is not a valid token with the reason', async () => {
    const { model } = await dash.ids(dash.seed.models[0].name);
    await page.goto(`${dash.web.url}/models/${encodeURIComponent(model)}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/models/${encodeURIComponent(model)}`);
    expect(await page.getByTestId('viewer-badge').getAttribute('data-kind')).toBe('ANONYMOUS');
    await signIn('not-a-token');
    await expect.poll(() => page.getByTestId('sign-in-error').innerText()).toMatch(/not a classfit API token/);
    await signIn(`cft_${'A'.repeat(43)}`);
    await expect.poll(() => page.getByTestId('sign-in-error').innerText()).toMatch(/The API refused this token: unknown API token/);
    await screenshot(page, 'sign-in-refused');
  });

  it('signs a viewer in, back to the same view, with the token in an httpOnly SameSite=Strict cookie only', async () => {
    const { model } = await dash.ids(dash.seed.models[0].name);
    const token = dash.identities.viewer.token;
    await signIn(token);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/models/${encodeURIComponent(model)}`);
    await expect.poll(() => page.getByTestId('viewer-login').innerText()).toBe('vera');
    expect(await page.getByTestId('viewer-badge').innerText()).toMatch(/viewer in modes-of-class-fitting/);
    expect(page.url()).not.toContain(token);
    const cookies = await context.cookies();
    expect(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path }))).toEqual([
      { name: 'classfit_token', httpOnly: true, sameSite: 'Strict', path: '/' },
    ]);
    expect(await page.evaluate(() => document.cookie)).not.toContain('cft_');
    expect(await page.content()).not.toContain(token);
    await screenshot(page, 'signed-in-viewer');
  });

  it('hides mutation controls from a viewer and shows them to an editor; sign-out forgets the token', async () => {
    await page.goto(`${dash.web.url}/jobs`);
    await expect.poll(() => page.locator('[data-testid="job-row"][data-status="RUNNING"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('cancel-job').count()).toBe(0);

    await page.getByTestId('sign-out').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(await context.cookies()).toEqual([]);
    await page.goto(`${dash.web.url}/jobs`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/jobs');

    await signIn(dash.identities.editor.token);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/jobs');
    await expect.poll(() => page.getByTestId('viewer-login').innerText()).toBe('ed');
    await expect.poll(() => page.getByTestId('cancel-job').count()).toBeGreaterThan(0);
    // The browser's own graphql-ws connection carries no token (the cookie is httpOnly): refused, the page polls.
    await expect.poll(() => page.getByTestId('live-mode').getAttribute('data-mode')).toBe('polling');
    await screenshot(page, 'signed-in-editor-jobs');
    expect(pageErrors).toEqual([]);
  });
});
