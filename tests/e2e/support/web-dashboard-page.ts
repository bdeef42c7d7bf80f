/**
 * The page-by-page dashboard tests' shared setup: the small seed (3 models × 4 layers × 10 classes) behind the
 * built app, one light 1400 × 900 Chromium page that records uncaught errors, and the helpers the tests read
 * numbers with. Each web-<page>.test.ts opens its own (so files run apart) and closes it in afterAll.
 */
import type { Page } from 'playwright-core';
import { openDashboard, type Dashboard } from './web-fixture.ts';
import type { SeededModel } from './web-seed.ts';

/** Classes per seeded model. */
export const CLASSES = 10;

export interface DashboardPage {
  readonly dash: Dashboard;
  readonly page: Page;
  /** Messages of the page's uncaught errors, in order. */
  readonly pageErrors: string[];
  /** A seeded model by name. */
  seeded(name: string): SeededModel;
}

/** Seeds, starts the API, `next start` (polling every 500 ms) and Chromium, and opens the test page. */
export async function openDashboardPage(): Promise<DashboardPage> {
  const dash = await openDashboard({ models: 3, classes: CLASSES, examplesPerClass: 20, activations: true }, { pollMs: 500 });
  const page = await dash.browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { dash, page, pageErrors, seeded: (name) => dash.seed.models.find((m) => m.name === name)! };
}

/** The number a page shows ("−1.5", "42 %", "1,204"), as a number. */
export const number = (text: string | null) => Number((text ?? '').replace('−', '-').replace(/[^\d.eE+-]/g, ''));
