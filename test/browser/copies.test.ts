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

// A collapsed wire story in Chromium: data/sample carries the Singapore summit three times
// (Reuters, AFP, Yonhap). One hit, "also from" the other two, its copies a click away, and the
// "Show every copy" control bringing them back as hits, by mouse and with the keyboard.

describe('wire copies in a browser', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async () => {
    sample = await indexSample('copies-browser');
    const app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await sample?.cleanup();
  });

  const hits = () => page.locator('ol.hits > li.hit');

  it('shows one hit for the story, with the other copies behind "also from"', async () => {
    await page.goto(`${base}/search?q=Singapore+Sentosa`);
    expect(await hits().count()).to.equal(1);
    const summary = page.locator('.hit-copies summary');
    expect(await summary.innerText()).to.match(/^Also from \w+, \w+ · 2 other copies$/);
    expect(await page.locator('.summary').innerText()).to.match(
      /^3 articles for “Singapore Sentosa”\s+in 1 story/,
    );
    const copies = page.locator('.hit-copies li a');
    expect(await copies.first().isVisible()).to.equal(false);
    await summary.click();
    expect(await copies.count()).to.equal(2);
    expect(await copies.first().isVisible()).to.equal(true);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'copies-collapsed.png'), fullPage: true });
    // A copy opens as an article of its own.
    const title = await copies.first().innerText();
    await copies.first().click();
    await page.waitForURL(/\/article\//);
    expect(await page.locator('h1').first().innerText()).to.equal(title);
  });

  it('"Show every copy" lists each copy as a hit and the checkbox undoes it', async () => {
    await page.goto(`${base}/search?q=Singapore+Sentosa`);
    await page.getByRole('link', { name: 'Show every copy' }).click();
    await page.waitForURL(/dup=all/);
    expect(await hits().count()).to.equal(3);
    expect(await page.locator('.hit-copies').count()).to.equal(0);
    const box = page.getByRole('checkbox', { name: 'Show every copy' });
    expect(await box.isChecked()).to.equal(true);
    await page.screenshot({ path: join(ARTIFACTS, 'copies-all.png'), fullPage: true });
    // From the keyboard: focus the checkbox, Space unticks it, and the page groups again.
    await box.focus();
    await Promise.all([
      page.waitForURL((u) => !u.search.includes('dup=all')),
      page.keyboard.press('Space'),
    ]);
    expect(await hits().count()).to.equal(1);
  });
});
