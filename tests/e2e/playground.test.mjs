// The GraphiQL playground in a real browser (Debian's chromium through
// puppeteer-core), served with -playground-assets: every file comes from
// this server, and a query typed into the editor runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { baseURL } from './helpers.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshot = process.env.PLAYGROUND_SCREENSHOT ?? '/tmp/playground.png';

test('GraphiQL runs a typed query with assets served locally', { skip: !existsSync(chromium) && `no browser at ${chromium}`, timeout: 90_000 }, async () => {
  const profile = await mkdtemp(join(tmpdir(), 'factgraph-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    userDataDir: profile,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const origin = new URL(baseURL).origin;
    const requested = [];
    const pageErrors = [];
    page.on('request', (req) => requested.push(req.url()));
    page.on('pageerror', (err) => pageErrors.push(err.message));

    const res = await page.goto(`${baseURL}/`, { waitUntil: 'networkidle0' });
    assert.equal(res.status(), 200);

    const editor = '.graphiql-query-editor';
    await page.waitForSelector(`${editor} .CodeMirror, ${editor} .cm-editor`, { timeout: 20_000 });
    // Focus the query editor, replace its text by typing, as a user would.
    await page.click(`${editor} .CodeMirror-lines, ${editor} .cm-content`);
    const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
    await page.keyboard.down(mod);
    await page.keyboard.press('a');
    await page.keyboard.up(mod);
    await page.keyboard.press('Backspace');
    // Typed without braces of its own to close: the editor closes them.
    await page.keyboard.type('{ articles { totalCount ', { delay: 10 });
    await page.keyboard.press('Escape'); // close any completion list
    const typed = await page.$$eval(`${editor} .CodeMirror-line, ${editor} .cm-line`, (lines) =>
      lines.map((l) => l.textContent).join(' ').replace(/\s+/g, ' ').trim(),
    );
    assert.match(typed, /^\{ articles \{ totalCount \} ?\}$/, `editor holds ${JSON.stringify(typed)}`);

    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      () => /"totalCount":\s*\d+/.test(document.querySelector('.result-window')?.innerText ?? ''),
      { timeout: 20_000 },
    );
    const result = await page.$eval('.result-window', (el) => el.innerText);
    assert.match(result, /"articles"/);
    await page.screenshot({ path: screenshot });
    console.log(`playground screenshot: ${screenshot}`);

    const foreign = requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'the page requested files from elsewhere');
    const assets = requested.filter((u) => /\.(js|css)(\?|$)/.test(u));
    assert.ok(assets.length >= 4, `assets: ${assets.join(' ')}`);
    for (const u of assets) assert.ok(u.startsWith(`${origin}/playground-assets/`), `asset not from /playground-assets/: ${u}`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
});
