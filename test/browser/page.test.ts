import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { Express } from 'express';
import { createCompatClient } from '../../src/engine/client.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';
import { ARTIFACTS, launchChromium } from './browser.js';

// "The page, for everyone": accessibility, phones, dark mode, print, favicon and OpenSearch,
// on real pages over the real engine and data/sample.

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

function listen(app: Express): Promise<{ server: Server; base: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

// Page-side code is passed as strings: the project compiles without the DOM library.

/** What has focus: enough to tell one control from another. */
function focused(
  page: Page,
): Promise<{ tag: string; id: string; name: string; value: string; checked: boolean }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    return {
      tag: el ? el.tagName.toLowerCase() : '',
      id: (el && el.id) || '',
      name: (el && el.name) || '',
      value: (el && el.value) || '',
      checked: Boolean(el && el.checked),
    };
  })()`);
}

describe('the page, for everyone (browser)', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async () => {
    sample = await indexSample('web-page-browser');
    const app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
    ({ server, base } = await listen(app));
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await sample?.cleanup();
  });

  const consoleErrors = new WeakMap<Page, string[]>();

  /** A fresh page in its own context (own viewport, colour scheme, script setting). */
  async function open(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, ...options });
    const page = await context.newPage();
    const errors: string[] = [];
    consoleErrors.set(page, errors);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    return page;
  }

  /** Closes the page's context; script errors and CSP refusals would have been logged. */
  async function close(page: Page): Promise<void> {
    await page.context().close();
    expect(consoleErrors.get(page), 'console errors').to.deep.equal([]);
  }

  it('has one h1 on every search page and autofocuses the box only on the bare landing page', async () => {
    const page = await open();
    await page.goto(base + '/search?q=summit');
    const h1 = page.locator('h1');
    expect(await h1.count()).to.equal(1);
    expect(await h1.textContent()).to.include('summit');
    expect(await page.locator('#q').getAttribute('autofocus')).to.equal(null);
    expect((await focused(page)).tag).to.equal('body');

    await page.goto(base + '/');
    expect(await page.locator('h1').count()).to.equal(1);
    expect(await page.locator('h1').textContent()).to.equal('Latest articles');
    expect((await focused(page)).id).to.equal('q');
    await close(page);
  });

  it('gives focus back to the facet checkbox or select that reloaded the page', async () => {
    const page = await open();
    await page.goto(base + '/search?q=summit');
    // Not the first value: after the reload the checked one may move, and ids are by position.
    const box = page.locator('#facet-dateline input[type=checkbox]').nth(2);
    const value = String(await box.getAttribute('value'));
    await Promise.all([page.waitForURL(/dateline=/), box.check()]);
    expect(await focused(page)).to.include({
      tag: 'input',
      name: 'dateline',
      value,
      checked: true,
    });

    // Unticking it comes back to the same control too.
    const again = page.locator('#facet-dateline input[type=checkbox]:checked');
    // click, not uncheck: uncheck checks the box's state after the click, and the box it clicked
    // is gone with the page the click reloaded (a race the slower engine loses now and then).
    await Promise.all([page.waitForURL((u) => !u.search.includes('dateline=')), again.click()]);
    expect(await focused(page)).to.include({ name: 'dateline', value, checked: false });

    // A select changed without the keyboard (here: set by the test) applies at once.
    await Promise.all([page.waitForURL(/size=20/), page.locator('#size').selectOption('20')]);
    expect((await focused(page)).id).to.equal('size');
    await close(page);
  });

  it('does not reload while a keyboard user arrows through a select; Enter applies', async () => {
    const page = await open();
    await page.goto(base + '/search?q=summit');
    const before = page.url();
    const sort = page.locator('#sort');
    const apply = page.locator('.options .apply-options');
    expect(await apply.isVisible()).to.equal(false);
    await sort.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(1000);
    expect(page.url()).to.equal(before);
    expect(await sort.inputValue()).to.equal('newest');
    // The change waits, and the Apply button says so.
    expect(await apply.isVisible()).to.equal(true);
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(500);
    expect(page.url()).to.equal(before);
    expect(await sort.inputValue()).to.equal('oldest');

    await Promise.all([page.waitForURL(/sort=oldest/), page.keyboard.press('Enter')]);
    expect((await focused(page)).id).to.equal('sort');
    expect(await page.locator('#sort').inputValue()).to.equal('oldest');
    await close(page);
  });

  it('lists the selected filters in a labelled navigation landmark', async () => {
    const page = await open();
    await page.goto(base + '/search?q=summit');
    expect(await page.getByRole('navigation', { name: 'Selected filters' }).count()).to.equal(0);
    const agency = String(
      await page.locator('#facet-agency input[type=checkbox]').first().getAttribute('value'),
    );
    await page.goto(`${base}/search?q=summit&agency=${encodeURIComponent(agency)}&from=2000-01-01`);
    const nav = page.getByRole('navigation', { name: 'Selected filters' });
    expect(await nav.count()).to.equal(1);
    const items = nav.getByRole('list').getByRole('listitem');
    expect(await items.count()).to.equal(2);
    const chip = items.first().getByRole('link');
    expect(await chip.getAttribute('href')).to.not.include('agency=');
    expect((await chip.textContent())?.replace(/\s+/g, ' ')).to.include(`Agency: ${agency}`);
    expect(await nav.getByRole('link', { name: 'Clear all' }).count()).to.equal(1);
    await close(page);
  });

  it('on a phone (390 × 844): results first, filters folded into "Filters (n)", nothing wider than the screen', async () => {
    const page = await open({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(base + '/search?q=summit');
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth'),
      'horizontal overflow',
    ).to.be.at.most(PHONE.width);

    const summary = page.locator('summary', { hasText: /^Filters \(\d+\)$/ });
    expect(await summary.textContent()).to.equal('Filters (0)');
    const hits = (await page.locator('ol.hits').boundingBox())!;
    const filters = (await page.locator('aside.sidebar').boundingBox())!;
    const firstHit = (await page.locator('.hit').first().boundingBox())!;
    expect(firstHit.y, 'first hit above the filters').to.be.below(filters.y);
    expect(hits.y + hits.height, 'all hits above the filters').to.be.at.most(filters.y);
    // One column: both span the width, less the shrunk padding.
    expect(filters.x).to.be.below(24);
    expect(filters.width).to.be.above(PHONE.width - 48);
    expect(firstHit.width).to.be.above(PHONE.width - 48);

    // The histogram keeps its viewBox's proportions.
    const svg = page.locator('.histogram svg');
    const box = (await svg.boundingBox())!;
    const [, , vw, vh] = String(await svg.getAttribute('viewBox'))
      .split(' ')
      .map(Number);
    expect(box.width / box.height).to.be.closeTo(vw! / vh!, 0.1);

    const firstBox = page.locator('#facet-agency input[type=checkbox]').first();
    expect(await firstBox.isVisible()).to.equal(false);
    await page.screenshot({ path: join(ARTIFACTS, 'mobile-search.png'), fullPage: true });

    await summary.tap();
    expect(await firstBox.isVisible()).to.equal(true);
    const agency = String(await firstBox.getAttribute('value'));
    await Promise.all([page.waitForURL(/agency=/), firstBox.tap()]);
    // The reload keeps the user in the filters: open, focus on the value just ticked.
    expect(await page.locator('summary.filters-summary').textContent()).to.equal('Filters (1)');
    expect(await page.locator('details.filters').getAttribute('open')).to.not.equal(null);
    expect(await focused(page)).to.include({ name: 'agency', value: agency });
    await page.screenshot({ path: join(ARTIFACTS, 'mobile-filters-open.png') });

    // Folding it again hides the values.
    await page.locator('summary.filters-summary').tap();
    expect(await page.locator('#facet-agency input[type=checkbox]').first().isVisible()).to.equal(
      false,
    );
    await close(page);
  });

  it('on a phone without JavaScript, the disclosure still opens and closes', async () => {
    const page = await open({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto(base + '/search?q=summit');
    const values = page.locator('#facet-year input[type=checkbox]').first();
    expect(await values.isVisible()).to.equal(false);
    await page.locator('summary.filters-summary').click();
    expect(await values.isVisible()).to.equal(true);
    await page.locator('summary.filters-summary').click();
    expect(await values.isVisible()).to.equal(false);
    await close(page);
  });

  it('follows the system dark mode', async () => {
    const colours: Record<string, { bg: string; ink: string; field: string }> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open({ colorScheme });
      await page.goto(base + '/search?q=summit');
      colours[colorScheme] = await page.evaluate(`({
        bg: getComputedStyle(document.body).backgroundColor,
        ink: getComputedStyle(document.body).color,
        field: getComputedStyle(document.getElementById('q')).backgroundColor,
      })`);
      if (colorScheme === 'dark') {
        await page.screenshot({ path: join(ARTIFACTS, 'dark-search.png') });
      }
      await close(page);
    }
    expect(colours['light']!.bg).to.equal('rgb(255, 255, 255)');
    expect(colours['dark']!.bg).to.not.equal(colours['light']!.bg);
    expect(colours['dark']!.ink).to.not.equal(colours['light']!.ink);
    // The search box follows too, rather than staying a white slab.
    expect(colours['dark']!.field).to.equal(colours['dark']!.bg);
  });

  it('prints the results without the form, filters or pagination', async () => {
    const page = await open();
    await page.goto(base + '/search?q=summit');
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.search-form .top', 'aside.sidebar', 'nav.pagination']) {
      expect(await page.locator(selector).isVisible(), selector).to.equal(false);
    }
    expect(await page.locator('.hit').first().isVisible()).to.equal(true);
    const hits = (await page.locator('ol.hits').boundingBox())!;
    expect(hits.x, 'results start at the page margin').to.be.below(20);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('aside.sidebar').isVisible()).to.equal(true);
    await close(page);
  });

  it('has a favicon (and /favicon.ico is not a 404 page) and an OpenSearch description', async () => {
    const page = await open();
    await page.goto(base + '/search?q=summit');
    const icon = String(await page.locator('link[rel=icon]').getAttribute('href'));
    const linked = await page.request.get(new URL(icon, base).href);
    expect(linked.status()).to.equal(200);
    expect(linked.headers()['content-type']).to.include('image/svg+xml');
    const ico = await page.request.get(base + '/favicon.ico');
    expect(ico.status()).to.equal(200);
    expect(ico.headers()['content-type']).to.include('image/svg+xml');
    expect(await ico.text()).to.include('<svg');

    const link = page.locator('link[rel=search]');
    expect(await link.getAttribute('type')).to.equal('application/opensearchdescription+xml');
    const res = await page.request.get(new URL(String(await link.getAttribute('href')), base).href);
    expect(res.status()).to.equal(200);
    expect(res.headers()['content-type']).to.match(/^application\/opensearchdescription\+xml/);
    const xml = await res.text();
    // Parsed by the browser's XML parser: a well-formedness error gives a <parsererror>.
    const parsed = await page.evaluate<{ template: string | null }>(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
      const ns = 'http://a9.com/-/spec/opensearch/1.1/';
      const html = [...doc.getElementsByTagNameNS(ns, 'Url')].find(
        (u) => u.getAttribute('type') === 'text/html',
      );
      const name = doc.getElementsByTagNameNS(ns, 'ShortName')[0];
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        root: doc.documentElement.localName,
        rootNs: doc.documentElement.namespaceURI,
        shortName: name ? name.textContent : null,
        template: html ? html.getAttribute('template') : null,
      };
    })()`);
    expect(parsed).to.deep.equal({
      error: false,
      root: 'OpenSearchDescription',
      rootNs: 'http://a9.com/-/spec/opensearch/1.1/',
      shortName: 'Ireum',
      template: `${base}/search?q={searchTerms}`,
    });
    // The template is a working search.
    await page.goto(parsed.template!.replace('{searchTerms}', 'summit'));
    expect(await page.locator('.hit').count()).to.be.greaterThan(0);
    expect(await page.locator('#q').inputValue()).to.equal('summit');
    await close(page);
  });

  it('keeps the search box and the query on the 503 page', async () => {
    const dead = createCompatClient({
      url: 'http://127.0.0.1:9',
      maxRetries: 0,
      requestTimeoutMs: 2_000,
    });
    const down = await listen(
      createApp({ search: createEngineSearchService({ client: dead, alias: 'x' }), env: 'test' }),
    );
    try {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      const res = await page.goto(down.base + '/search?q=kim+jong+un&agency=AP');
      expect(res?.status()).to.equal(503);
      expect(await page.locator('h1').textContent()).to.include('temporarily unavailable');
      const box = page.getByRole('combobox', { name: 'Search articles' });
      expect(await box.inputValue()).to.equal('kim jong un');
      expect(await page.getByRole('search').count()).to.equal(1);
      const retry = page.getByRole('link', { name: 'Try again' });
      expect(await retry.getAttribute('href')).to.equal('/search?q=kim+jong+un&agency=AP');
      await page.screenshot({ path: join(ARTIFACTS, 'error-503.png') });
      // The form searches again (still down here: the same page, with the new query).
      await box.fill('moon jae-in');
      await Promise.all([
        page.waitForURL(/q=moon/),
        page.getByRole('button', { name: 'Search', exact: true }).click(),
      ]);
      expect(await page.getByRole('combobox').inputValue()).to.equal('moon jae-in');
      await context.close();
    } finally {
      await new Promise((resolve) => down.server.close(resolve));
      await dead.close();
    }
  });
});
