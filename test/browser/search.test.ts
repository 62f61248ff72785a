import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';
import { ARTIFACTS, launchChromium } from './browser.js';

describe('search page in a browser', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async () => {
    sample = await indexSample('web-dev-browser');
    const app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await sample?.cleanup();
  });

  async function total(): Promise<number> {
    const text = await page.locator('.summary strong').innerText();
    return Number(text.replace(/[^0-9]/g, ''));
  }

  it('searches, filters, follows the histogram, opens an article and comes back', async () => {
    await page.goto(base + '/');
    const everything = await total();
    expect(everything).to.be.greaterThan(20);

    await page.getByRole('combobox', { name: 'Search articles' }).fill('summit');
    await Promise.all([
      page.waitForURL(/q=summit/),
      page.getByRole('button', { name: 'Search', exact: true }).click(),
    ]);
    const summit = await total();
    expect(summit).to.be.greaterThan(0).and.lessThan(everything);
    expect(await page.locator('.snippet mark, .hit-title mark').count()).to.be.greaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'browser-1-query.png'), fullPage: true });

    // Ticking a facet submits the form (script) and narrows the hits; the chip appears.
    const box = page.locator('#facet-agency input[type=checkbox]').first();
    const agency = await box.getAttribute('value');
    await Promise.all([page.waitForURL(/agency=/), box.check()]);
    const filtered = await total();
    expect(filtered).to.be.greaterThan(0).and.at.most(summit);
    expect(await page.locator('.chip').first().innerText()).to.include(String(agency));
    expect(await page.locator('#facet-agency input[type=checkbox]:checked').count()).to.equal(1);
    await page.screenshot({ path: join(ARTIFACTS, 'browser-2-facet.png'), fullPage: true });

    // A histogram bar narrows to its period.
    const bar = page
      .locator('.histogram a.bar-link')
      .filter({ has: page.locator('rect.bar[height]:not([height="0"])') })
      .first();
    await Promise.all([page.waitForURL(/from=.*to=/), bar.click()]);
    expect(await total())
      .to.be.greaterThan(0)
      .and.at.most(filtered);
    expect(await page.locator('.chip', { hasText: 'Dates' }).count()).to.equal(1);
    await page.screenshot({ path: join(ARTIFACTS, 'browser-3-histogram.png'), fullPage: true });
    const resultsUrl = page.url();

    // The article page keeps the search for highlighting and the way back.
    await Promise.all([
      page.waitForURL(/\/article\//),
      page.locator('.hit-title a').first().click(),
    ]);
    expect(await page.locator('h1').innerText()).to.not.equal('');
    expect(await page.locator('.article mark').count()).to.be.greaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'browser-4-article.png'), fullPage: true });
    await page.goBack();
    expect(page.url()).to.equal(resultsUrl);
    await Promise.all([
      page.waitForURL(/\/article\//),
      page.locator('.hit-title a').first().click(),
    ]);
    await Promise.all([
      page.waitForURL(/\/search\?/),
      page.getByRole('link', { name: /Back to results/ }).click(),
    ]);
    expect(page.url()).to.equal(resultsUrl);
  });

  it('works without JavaScript through the form buttons', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const p = await context.newPage();
    await p.goto(base + '/search?q=summit');
    await p.locator('#facet-agency input[type=checkbox]').first().check();
    await Promise.all([
      p.waitForURL(/agency=/),
      p.getByRole('button', { name: 'Apply filters' }).click(),
    ]);
    expect(await p.locator('.chip').count()).to.equal(1);
    await context.close();
  });
});
