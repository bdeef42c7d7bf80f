/**
 * One dashboard under test: the seeded in-process API, `next start` against it, and Chromium — started
 * together, closed together, with a small GraphQL helper to look up the opaque ids the pages use.
 */
import type { Browser } from 'playwright-core';
import { startWebTestApi, type WebTestApi } from './web-api.ts';
import { startWebApp, type WebApp } from './web-app.ts';
import { createIdentities, type TestIdentity, type TestUser } from '@classfit/api/testing/identities';
import { launchBrowser } from './web-browser.ts';
import { seedDashboard, type DashboardSeed, type SeedSize } from './web-seed.ts';

export interface Dashboard {
  readonly api: WebTestApi;
  readonly web: WebApp;
  readonly browser: Browser;
  readonly seed: DashboardSeed;
  /** The users made for `users` (with their tokens), by key; empty for an open API. */
  readonly identities: Record<string, TestIdentity>;
  /** Runs a query against the API; throws on errors. */
  query<T = any>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** The global id of a seeded model and its layers, by model name. */
  ids(modelName: string): Promise<{ model: string; layers: Record<string, string> }>;
  close(): Promise<void>;
}

/**
 * Seeds and starts everything; with `users`, the API requires tokens (as a server with users does) and `query`
 * runs as an admin of every project, made for the purpose.
 */
export async function openDashboard(size: SeedSize, options: { pollMs?: number; users?: Record<string, TestUser> } = {}): Promise<Dashboard> {
  const api = await startWebTestApi({ tokens: options.users !== undefined });
  let web: WebApp | undefined;
  try {
    const seed = await seedDashboard(api.db, api.artifacts, size);
    const identities: Record<string, TestIdentity> = options.users ? await createIdentities(api.db, { ...options.users, fixtureAdmin: { login: 'fixture-admin', grants: [{ role: 'admin' }] } }) : {};
    const authorization: Record<string, string> = identities.fixtureAdmin ? { authorization: `Bearer ${identities.fixtureAdmin.token}` } : {};
    web = await startWebApp(api, options);
    const browser = await launchBrowser();
    const query = async <T>(document: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...authorization }, body: JSON.stringify({ query: document, variables }) });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
      return body.data as T;
    };
    return {
      api,
      web,
      browser,
      seed,
      identities,
      query,
      async ids(modelName) {
        const data = await query<{ models: { nodes: { id: string; layers: { nodes: { id: string; name: string }[] } }[] } }>(
          'query($name: String!) { models(first: 1, filter: { name: { eq: $name } }) { nodes { id layers(first: 100) { nodes { id name } } } } }',
          { name: modelName },
        );
        const model = data.models.nodes[0];
        if (!model) throw new Error(`no seeded model named ${modelName}`);
        return { model: model.id, layers: Object.fromEntries(model.layers.nodes.map((l) => [l.name, l.id])) };
      },
      async close() {
        await browser.close();
        await web!.close();
        await api.close();
      },
    };
  } catch (error) {
    await web?.close();
    await api.close();
    throw error;
  }
}
