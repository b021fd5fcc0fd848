// Loads a zoomqos report in headless Chromium and checks what a reader gets:
// no console error, no request beyond the file itself, every section and its
// charts, hover titles, Zoom's markup shown as text and never as elements, a
// working sort, a dark scheme, and a screenshot that is not blank.
//
//   node check_report.js REPORT.html SCREENSHOT.png
//
// Exits 0 when every check passes; prints each failure and exits 1 otherwise.
'use strict';

const path = require('path');
const fs = require('fs');
const puppeteer = require('puppeteer-core');

const [report, screenshot] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error('usage: node check_report.js REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const fileUrl = 'file://' + path.resolve(report);
const failures = [];
let checks = 0;
function check(what, ok, detail) {
  checks++;
  if (!ok) failures.push(what + (detail === undefined ? '' : ': ' + JSON.stringify(detail)));
}

// The tags the report writes; anything else came from data.
const ALLOWED = new Set([
  'HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'HEADER', 'MAIN', 'SECTION', 'H1', 'H2', 'H3',
  'DL', 'DT', 'DD', 'P', 'CODE', 'SMALL', 'TABLE', 'CAPTION', 'THEAD', 'TBODY', 'TR', 'TH', 'TD',
  'FIGURE', 'FIGCAPTION', 'DIV', 'UL', 'LI', 'SPAN', 'ARTICLE', 'SCRIPT',
  'svg', 'g', 'rect', 'line', 'path', 'circle', 'text', 'title',
]);

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 1500 });
    const consoleErrors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url() === fileUrl) {
        request.continue();
      } else {
        requests.push(request.url());
        request.abort();
      }
    });
    await page.goto(fileUrl, { waitUntil: 'load' });

    const facts = await page.evaluate(() => {
      const q = (s) => document.querySelectorAll(s);
      const tags = new Set();
      q('*').forEach((e) => tags.add(e.tagName));
      const heatRects = Array.from(q('svg.heatmap rect'));
      return {
        sections: Array.from(q('section')).map((s) => s.id),
        header: !!document.querySelector('header h1'),
        charts: q('svg.chart').length,
        untitled: Array.from(q('svg.chart')).filter((s) => !s.querySelector(':scope > title') ||
                                                           !s.querySelector(':scope > title').textContent.trim()).length,
        heatRects: heatRects.length,
        heatTitled: heatRects.filter((r) => r.querySelector('title') && r.querySelector('title').textContent.includes('UTC')).length,
        columns: q('svg.column-chart rect.col').length,
        persons: q('article.person').length,
        personCharts: Array.from(q('article.person')).map((a) => a.querySelectorAll('svg.chart').length),
        rows: q('#all tbody tr').length,
        tags: Array.from(tags),
        scripts: q('script').length,
        images: q('img').length,
        text: document.body.textContent,
        csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || '',
        verdict: (document.querySelector('.verdict') || {}).textContent || '',
      };
    });
    const expected = ['verdict', 'heatmap', 'distributions', 'breakdowns', 'drilldown', 'participants'];
    check('sections in order', JSON.stringify(facts.sections) === JSON.stringify(expected), facts.sections);
    check('a header', facts.header);
    check('every chart has a title', facts.untitled === 0, facts.untitled);
    check('heatmap cells', facts.heatRects > 20, facts.heatRects);
    check('every heatmap cell has a hover title', facts.heatTitled === facts.heatRects,
          [facts.heatTitled, facts.heatRects]);
    check('timeline and histogram columns', facts.columns > 10, facts.columns);
    check('drill-downs', facts.persons >= 3, facts.persons);
    check('five small multiples per drill-down', facts.personCharts.every((n) => n === 5), facts.personCharts);
    // timeline + heatmap + 5 distributions + 4 breakdowns (device, location;
    // --details: network type, data center) + 5 per drill-down
    check('chart count', facts.charts === 1 + 1 + 5 + 4 + 5 * facts.persons, [facts.charts, facts.persons]);
    check('--details breakdowns', facts.text.includes('By network type') && facts.text.includes('By data center'));
    check('one row per session', facts.rows === 22, facts.rows);
    check('no element made from data', facts.tags.every((t) => ALLOWED.has(t)),
          facts.tags.filter((t) => !ALLOWED.has(t)));
    check('one script, the sorter', facts.scripts === 1, facts.scripts);
    check('no img', facts.images === 0, facts.images);
    check('names shown as text', facts.text.includes('<script>alert(1)</script>') &&
          facts.text.includes('"><img src=x onerror=alert(1)>'));
    check('no bidi override reaches the page', !facts.text.includes('\u202E'));
    check('CSP', facts.csp.includes("default-src 'none'") && /script-src 'sha256-/.test(facts.csp), facts.csp);
    check('a platform-wide spike is named', facts.verdict.includes('platform'), facts.verdict);

    // Sorting: Worst latency ascending, then descending; unknowns last.
    const sorted = async (column) => page.evaluate((c) => {
      const th = Array.from(document.querySelectorAll('#all thead th')).find((h) => h.textContent.startsWith(c));
      const i = Array.prototype.indexOf.call(th.parentNode.cells, th);
      th.click();
      return {
        sort: th.getAttribute('aria-sort'),
        values: Array.from(document.querySelectorAll('#all tbody tr')).map((r) => r.cells[i].getAttribute('data-v')),
      };
    }, column);
    const numbers = (values) => values.filter((v) => v !== '').map(Number);
    const isSorted = (a, dir) => a.every((v, i) => i === 0 || (dir > 0 ? a[i - 1] <= v : a[i - 1] >= v));
    const up = await sorted('Worst latency');
    check('sorted ascending', up.sort === 'ascending' && isSorted(numbers(up.values), 1), up);
    const down = await sorted('Worst latency');
    check('sorted descending', down.sort === 'descending' && isSorted(numbers(down.values), -1), down);
    const names = await sorted('Name');
    check('sorted by name', names.sort === 'ascending' &&
          names.values.every((v, i) => i === 0 || names.values[i - 1].localeCompare(v) <= 0), names.values);

    // Dark scheme: the background turns dark.
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check('dark scheme', dark === 'rgb(20, 20, 20)', dark);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.evaluate(() => window.scrollTo(0, 0));

    const png = await page.screenshot({ type: 'png' });
    fs.writeFileSync(screenshot, png);
    // Pixel variance, measured in a blank page of its own (the report's CSP
    // is not to be loosened for the test).
    const probe = await browser.newPage();
    const variance = await probe.evaluate(async (data) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + data;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, img.width, img.height).data;
      let sum = 0, sq = 0, n = 0;
      for (let i = 0; i < px.length; i += 4) {
        const y = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
        sum += y; sq += y * y; n++;
      }
      const mean = sum / n;
      return sq / n - mean * mean;
    }, png.toString('base64'));
    check('the screenshot is not blank', variance > 100, variance);

    check('no console error', consoleErrors.length === 0, consoleErrors);
    check('no request beyond the file', requests.length === 0, requests);
  } finally {
    await browser.close();
  }
  if (failures.length > 0) {
    failures.forEach((f) => console.error('FAIL: ' + f));
    process.exit(1);
  }
  console.log('ok: ' + checks + ' browser checks');
})().catch((e) => {
  console.error('FAIL: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
