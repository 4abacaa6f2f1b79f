// Loads pages in Debian's headless Chromium (playwright-core, no browser download) and prints, as
// JSON, what ReportBrowserITCase asserts on: console errors, each ECharts chart's series and their
// points with a value (from the chart's own option, not the canvas), each table's rows.
// Usage: node check.mjs <screenshot dir> <name>=<url> ...
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [outDir, ...pages] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'ccpulse-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = {};
try {
  for (const spec of pages) {
    const at = spec.indexOf('=');
    const name = spec.slice(0, at);
    const url = spec.slice(at + 1);
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push('request failed: ' + r.url()));
    await page.goto(url, { waitUntil: 'load' });
    // The live page has drawn twice: it loaded and refreshed from its data endpoint.
    await page.waitForFunction(
      () => Object.keys(window.ccpulseCharts || {}).length > 0
        && (!document.body.dataset.live || (window.ccpulseRefreshes || 0) >= 2),
      null, { timeout: 30000 });
    const seen = await page.evaluate(() => ({
      title: document.title,
      status: document.getElementById('status').textContent,
      charts: Object.entries(window.ccpulseCharts).map(([id, chart]) => ({
        id,
        series: chart.getOption().series.map((s) => ({
          name: s.name,
          points: s.data.filter((p) => p[1] !== null && p[1] !== undefined).length,
          marked: s.markArea ? s.markArea.data.length : 0,
        })),
      })),
      tables: [...document.querySelectorAll('.item.table-item')].map((t) => ({
        id: t.id, rows: t.querySelectorAll('tbody tr').length,
      })),
    }));
    const screenshot = join(outDir, name + '.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    results[name] = { url, errors, screenshot, ...seen };
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
