// The data preview of <egov-catalog-browser> (SPEC §7) in the Debian Chromium against the
// reference backend and the built one-file bundle: time from opening an entry to its
// preview table painted, for ordinary entries and the 100,000-row one. Printed, never asserted.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../tests/support/chromium.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { printStats } from './support';
import { catalogSeed } from '../server/seed/data/catalog';

if (!existsSync('dist/egov-elements.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

const OPEN = catalogSeed().filter((i) => i.open === 'open');
const ENTRIES = OPEN.slice(0, 20).map((i) => i.id);

const server = await startReferenceServer();
const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.origin + '/');
  await page.waitForFunction(() => !!document.querySelector('#catalog egov-catalog-browser')?.shadowRoot?.querySelector('[part=result-item]'), undefined, { timeout: 30_000 });
  const large = await page.evaluate(async () => {
    const answer = await (await fetch('/api/catalog/items?pageSize=100&q=' + encodeURIComponent('城市空气质量实时监测数据'))).json();
    return (answer.items as Array<{ id: string; open: string }>).find((i) => i.open === 'open')?.id;
  });

  // In the page: from openItem() to the frame after the preview's rows appeared, by the page's own clock.
  // (A string, not a function: the TypeScript loader would add helpers the page does not have.)
  const OPEN_AND_PAINT = `window.openAndPaint = (id) => new Promise((resolve, reject) => {
    const el = document.querySelector('#catalog egov-catalog-browser');
    const root = el.shadowRoot;
    const timer = setTimeout(() => reject(new Error('no preview for ' + id)), 15000);
    const caption = () => root.querySelector('#preview-caption');
    const observer = new MutationObserver(() => {
      const heading = root.querySelector('#detail-heading');
      if (!heading || !caption() || !root.querySelector('[part=data-preview] tbody tr') || !caption().textContent.includes(heading.textContent.trim())) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - start);
        channel.port2.postMessage(0);
      });
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    const start = performance.now();
    el.openItem(id);
  })`;
  await page.evaluate(OPEN_AND_PAINT);

  const close = () => page.evaluate(`document.querySelector('#catalog egov-catalog-browser').closeItem()`);
  const ordinary: number[] = [];
  for (const id of ENTRIES) {
    ordinary.push((await page.evaluate(`window.openAndPaint(${JSON.stringify(id)})`)) as number);
    await close();
    await page.waitForTimeout(100);
  }
  const big: number[] = [];
  if (large) {
    for (let i = 0; i < 10; i++) {
      big.push((await page.evaluate(`window.openAndPaint(${JSON.stringify(large)})`)) as number);
      await close();
      // The element keeps the last preview of an entry; a fresh element measures the cold path.
      await page.reload();
      await page.waitForFunction(() => !!document.querySelector('#catalog egov-catalog-browser')?.shadowRoot?.querySelector('[part=result-item]'), undefined, { timeout: 30_000 });
      await page.evaluate(OPEN_AND_PAINT);
    }
  }
  console.log(`<egov-catalog-browser> data preview, Chromium, 10 rows a page:`);
  printStats(`open an entry → preview table painted (${ENTRIES.length} open entries)`, ordinary);
  if (big.length) printStats(`open the 100,000-row entry → preview table painted (fresh page each time)`, big);
} finally {
  await browser.close();
  await server.stop();
}
