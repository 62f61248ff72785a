import type { Client } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createEnginePeopleService } from '../../src/engine/peopleService.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';
import { ARTIFACTS, launchChromium } from './browser.js';

// A person's page in Chromium: reached from the people facet, it shows the spellings, the
// timeline picture and related people, whose links lead to their own pages.

describe('person pages (browser)', function () {
  this.timeout(120_000);
  let client: Client;
  let sample: SampleIndex;
  let alias: string;
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async () => {
    client = testClient();
    sample = await indexSample('ireum-test-person-browser', { people: true });
    alias = sample.alias;
    const app = createApp({
      search: createEngineSearchService({ client, alias }),
      people: createEnginePeopleService({ client, alias }),
      alias,
      env: 'test',
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await sample?.cleanup();
  });

  it('suggests people in the search box, a combobox run by the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${base}/search`);
    const box = page.locator('#q');
    expect(await box.getAttribute('role')).to.equal('combobox');
    expect(await box.getAttribute('aria-expanded')).to.equal('false');
    await box.click();
    await box.pressSequentially('kim jo', { delay: 20 });
    const options = page.locator('#q-suggestions [role=option]');
    await options.first().waitFor();
    expect(await box.getAttribute('aria-expanded')).to.equal('true');
    expect(await page.locator('#q-suggestions').getAttribute('role')).to.equal('listbox');
    // Down twice, up once: the first option is active, and named by aria-activedescendant.
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).to.equal('q-opt-0');
    expect(await options.first().getAttribute('aria-selected')).to.equal('true');
    const label = await options.first().innerText();
    await page.screenshot({ path: join(ARTIFACTS, 'suggest.png') });
    // Escape closes the list and keeps the text; typing again reopens it.
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).to.equal('false');
    expect(await box.inputValue()).to.equal('kim jo');
    await box.press('n');
    await options.first().waitFor();
    await box.press('ArrowDown');
    // Enter on a person opens their page.
    await Promise.all([page.waitForURL(/\/people\//), box.press('Enter')]);
    expect(label).to.contain((await page.locator('h1').innerText()).split(' ')[0]!);
    await page.close();
  });

  it('keeps the search box a plain form without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/search`);
    expect(await page.locator('#q').getAttribute('role')).to.equal(null);
    await page.locator('#q').fill('Kim Jong Un');
    await Promise.all([page.waitForURL(/q=Kim/), page.locator('#q').press('Enter')]);
    expect(await page.locator('.summary').innerText()).to.match(/\d+ articles?/);
    await context.close();
  });

  it('goes from the people facet to a person page and on to a related person', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${base}/search?q=summit`);
    await page.locator('#filters').evaluate('(el) => { el.open = true; }');
    await Promise.all([
      page.waitForURL(/\/people\//),
      page.locator('#facet-person a.person-link').first().click(),
    ]);
    const heading = await page.locator('h1').innerText();
    expect(heading.length).to.be.greaterThan(0);
    expect(await page.locator('svg.timeline rect').count()).to.be.greaterThan(0);
    expect(await page.locator('ul.spellings li').count()).to.be.greaterThan(0);
    await page.goto(`${base}/people/kim%20chong%20on`);
    expect(await page.locator('h1').innerText()).to.contain('Kim Jong-un');
    await page.screenshot({ path: join(ARTIFACTS, 'person-page.png'), fullPage: true });
    const related = page.locator('ul.related a').first();
    const name = await related.innerText();
    await Promise.all([page.waitForURL(/\/people\//), related.click()]);
    expect(await page.locator('h1').innerText()).to.contain(name);
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});
