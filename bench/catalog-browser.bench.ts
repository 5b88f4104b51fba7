// <egov-catalog-browser> in the Debian Chromium against the reference backend and the
// built one-file bundle: time from a key press to the updated result list painted, and
// the gzipped size of the element. Printed, never asserted.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../tests/support/chromium.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { chunk, gzippedKb, printStats } from './support';
import { closureSize, kb } from '../scripts/sizes.mjs';

if (!existsSync('dist/egov-elements.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

const QUERIES = ['水', '信息', '名录', '户籍', '医疗', '交通', '企业', '学校', '环境', '统计', '水质', '社保', '登记', '许可', '税务', '住房', '农业', '文化', '司法', '杭州'];

const server = await startReferenceServer();
const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The demo portal: the one-file bundle under its strict CSP, the open catalog with sync-url.
  await page.goto(server.origin + '/');
  await page.waitForFunction(() => !!document.querySelector('#catalog egov-catalog-browser')?.shadowRoot?.querySelector('[part=result-item]'), undefined, { timeout: 30_000 });
  page.setDefaultTimeout(15_000);

  // In the page: from the first keydown after arming to the frame after the list updated
  // (the search went loading → idle), measured with the page's own clock.
  // (A string, not a function: the TypeScript loader would add helpers the page does not have.)
  await page.evaluate(`window.armPaint = () => { window.painted = new Promise((resolve) => {
    const el = document.querySelector('#catalog egov-catalog-browser');
    const root = el.shadowRoot;
    let start;
    let sawLoading = false;
    // Chinese arrives through the IME as text input without a key of its own: the input event is the keystroke.
    const onKey = (event) => { start ??= event.timeStamp; };
    el.addEventListener('keydown', onKey, true);
    el.addEventListener('input', onKey, true);
    const observer = new MutationObserver(() => {
      const state = root.querySelector('.results egov-async-state')?.getAttribute('state');
      if (state === 'loading') sawLoading = true;
      if (start === undefined || !sawLoading || state !== 'idle') return;
      observer.disconnect();
      el.removeEventListener('keydown', onKey, true);
      el.removeEventListener('input', onKey, true);
      // The next frame paints the new list; a message posted from it runs after painting.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - start);
        channel.port2.postMessage(0);
      });
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  }); }`);

  const input = page.locator('#catalog egov-catalog-browser [part=search-input]');
  const typed: number[] = [];
  const entered: number[] = [];
  const within = <T>(promise: Promise<T>, what: string) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no paint after ' + what)), 15_000))]);
  for (const q of QUERIES) {
    if (process.env.BENCH_VERBOSE) console.log('query', q);
    // Typing: the last key of the query, through the 250 ms debounce, to the painted list.
    await input.fill('');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    await input.fill(q.slice(0, -1));
    await input.focus();
    await page.evaluate('window.armPaint()');
    await page.keyboard.type(q.slice(-1));
    typed.push(await within(page.evaluate('window.painted') as Promise<number>, 'typing ' + q));

    // Enter: the search runs at once.
    await input.fill('');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    await input.fill(q);
    await page.evaluate('window.armPaint()');
    await input.press('Enter');
    entered.push(await within(page.evaluate('window.painted') as Promise<number>, 'Enter on ' + q));
  }

  console.log(`<egov-catalog-browser>, Chromium, ${QUERIES.length} queries, 240 seed entries, page size 20:`);
  printStats('last keystroke → results painted (250 ms debounce)', typed);
  printStats('Enter → results painted', entered);
} finally {
  await browser.close();
  await server.stop();
}

console.log('Gzipped sizes:');
const own = chunk('catalog-browser-');
if (own) console.log(`  the element's own module (${own}): ${gzippedKb(own)}`);
console.log(`  dist/catalog-browser.js with its static imports, lit external: ${kb(closureSize('dist/catalog-browser.js'))}`);
console.log(`  dist/egov-elements.js, the one-file bundle of the whole suite: ${kb(closureSize('dist/egov-elements.js'))}`);
