// Loads a zoomqos report in headless Chromium (puppeteer-core from
// tests/browser) and prints how long it took until the load event, as
// Chromium's navigation timing and as seen from outside; the best of RUNS
// loads, each in a fresh page.
//
//   node bench/report_load.js REPORT.html [RUNS]
'use strict';

const path = require('path');
const puppeteer = require(require.resolve('puppeteer-core', {
  paths: [path.join(__dirname, '..', 'tests', 'browser')],
}));

const [report, runsText] = process.argv.slice(2);
if (!report) {
  console.error('usage: node bench/report_load.js REPORT.html [RUNS]');
  process.exit(2);
}
const runs = Number(runsText || 3);

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 1500 });
      const started = Date.now();
      await page.goto('file://' + path.resolve(report), { waitUntil: 'load', timeout: 60000 });
      const outside = Date.now() - started;
      const timing = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType('navigation');
        return { dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
      });
      results.push({ outside, dom: Math.round(timing.dom), load: Math.round(timing.load) });
      await page.close();
    }
    results.sort((a, b) => a.outside - b.outside);
    const best = results[0];
    console.log(`load ${(best.outside / 1000).toFixed(2)} s (navigation: DOMContentLoaded ` +
                `${(best.dom / 1000).toFixed(2)} s, load ${(best.load / 1000).toFixed(2)} s; ` +
                `best of ${runs})`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(String(e));
  process.exit(1);
});
