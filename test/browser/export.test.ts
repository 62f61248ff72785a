import { expect } from 'chai';
import { mkdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createEngineExportService } from '../../src/engine/exportService.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';
import { ARTIFACTS, launchChromium } from './browser.js';

/** Records in a CSV body (header included), counting CRLFs outside quoted fields. */
function csvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\r' && text[i + 1] === '\n') records++;
  }
  return records;
}

describe('export links in a browser', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  before(async () => {
    sample = await indexSample('export-browser');
    const client = testClient();
    const app = createApp({
      search: createEngineSearchService({ client, alias: sample.alias }),
      // Pages of 4, so the download spans several engine requests.
      exporter: createEngineExportService({ client, alias: sample.alias, pageSize: 4 }),
      alias: sample.alias,
      env: 'test',
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
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

  /** Follows a link that downloads, and returns the file's name and text. */
  async function follow(name: string): Promise<{ filename: string; text: string }> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-links').getByRole('link', { name, exact: true }).click(),
    ]);
    const path = await file.path();
    return { filename: file.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  it('links both formats with the search, and the CSV holds every result', async () => {
    // Page 2 of 5 a page: the export is still the whole search, not this page.
    await page.goto(`${base}/search?q=summit&size=5&page=2`);
    const summit = await total();
    expect(summit).to.be.greaterThan(5);
    const links = page.locator('.export-links a');
    expect(await links.allInnerTexts()).to.deep.equal(['CSV', 'NDJSON']);
    expect(await links.nth(0).getAttribute('href')).to.equal('/export.csv?q=summit');
    expect(await links.nth(1).getAttribute('href')).to.equal('/export.ndjson?q=summit');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'browser-export-links.png') });

    const csv = await follow('CSV');
    expect(csv.filename).to.equal('ireum-export.csv');
    // UTF-8 with a byte order mark, then the header.
    expect(csv.text.startsWith('\uFEFFid,date,title,agencies,dateline,people,path\r\n')).to.equal(
      true,
    );
    expect(csvRecords(csv.text) - 1).to.equal(summit);

    const ndjson = await follow('NDJSON');
    expect(ndjson.filename).to.equal('ireum-export.ndjson');
    expect(ndjson.text.trimEnd().split('\n')).to.have.length(summit);
  });

  it('carries the filters, and downloads as many rows as the filtered total', async () => {
    await page.goto(`${base}/search?q=summit`);
    const box = page.locator('#facet-agency input[type=checkbox]').first();
    const agency = (await box.getAttribute('value'))!;
    await Promise.all([page.waitForURL(/agency=/), box.check()]);
    const filtered = await total();
    expect(filtered).to.be.greaterThan(0);
    const href = await page.locator('.export-links a').first().getAttribute('href');
    expect(new URLSearchParams(href!.split('?')[1]).getAll('agency')).to.deep.equal([agency]);
    const csv = await follow('CSV');
    expect(csvRecords(csv.text) - 1).to.equal(filtered);
  });

  it('shows no links when nothing was found', async () => {
    await page.goto(`${base}/search?q=zzzzqqq+nothing+matches+this`);
    expect(await total()).to.equal(0);
    expect(await page.locator('.export-links').count()).to.equal(0);
  });
});
