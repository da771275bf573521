// The console in a real browser: Debian's chromium driven by playwright-core against a running local stack.
// Usage: node console-test.mjs <console-url> [--user-with-xss NAME] [--screenshots DIR]
// Prints one line per step; exits 0 when every step passed, 1 otherwise (the failures are printed).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const XSS = '<img src=x onerror=alert(1)>';
const args = process.argv.slice(2);
const base = args[0].endsWith('/') ? args[0] : args[0] + '/';
const option = name => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : null; };
const xssUser = option('--user-with-xss') || 'console-xss';
const screenshots = option('--screenshots');
const deadline = setTimeout(() => { console.error('FAIL the browser test ran out of its 110 s'); process.exit(1); }, 110_000);

const failures = [];
const step = async (name, fn) => {
  const begin = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - begin} ms)`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
};
const expect = (condition, message) => { if (!condition) throw new Error(message); };

const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(15_000);
const problems = [];
page.on('dialog', d => { problems.push('a dialog opened: ' + d.message()); d.dismiss(); });
page.on('pageerror', e => problems.push('page error: ' + e.message));
page.on('console', m => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
await context.route('**/*', route => {
  const url = route.request().url();
  if (url.startsWith(base)) return route.continue();
  problems.push('a request left the console: ' + url);
  return route.abort();
});
const open = async hash => { await page.goto(base + hash); };

try {
  await step('overview draws the stack with live figures that change while records flow', async () => {
    await open('#/');
    const figure = page.locator('[data-figure="EventDataTable:items"]');
    await figure.waitFor();
    await page.locator('[data-node="ConsumerFunction"]').waitFor();
    const first = await figure.textContent();
    await page.waitForFunction(before => {
      const now = document.querySelector('[data-figure="EventDataTable:items"]');
      return now && now.textContent !== before;
    }, first, { timeout: 45_000 });
    const later = await figure.textContent();
    console.log(`     EventData ${first} → ${later}`);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'console-overview.png'), fullPage: true });
  });

  let username = null;
  await step('tables: explore EventData (scan page, next page)', async () => {
    await open('#/tables');
    await page.locator('#tables a', { hasText: 'EventData' }).click();
    await page.locator('#items tr >> nth=1').waitFor();
    const rows = await page.locator('#items tr').count();
    expect(rows > 1, 'no items');
    username = (await page.locator('#items tr >> nth=1 >> td >> nth=0').textContent()).trim();
    expect(username.length > 0, 'no Username in the first row');
    await page.locator('#items tr >> nth=2').click();
    await page.locator('#item-json').waitFor();
    if (screenshots) await page.screenshot({ path: join(screenshots, 'console-items.png'), fullPage: false });
    if (await page.locator('#next-page').count()) {
      await page.locator('#next-page').click();
      await page.waitForFunction(() => location.hash.includes('start='));
      await page.locator('#items tr >> nth=1').waitFor();
    }
  });

  await step('tables: query EventData by user', async () => {
    expect(username, 'no user from the scan');
    await open('#/tables/streamproc-EventData');
    await page.locator('#mode').selectOption('query');
    await page.locator('#pk').fill(username);
    await page.locator('#run').click();
    await page.waitForFunction(() => location.hash.includes('mode=query'));
    await page.locator('#items tr >> nth=1').waitFor();
    const users = await page.locator('#items tr td:first-child').allTextContents();
    expect(users.length > 0 && users.every(u => u.trim() === username), 'rows of other users: ' + users.join(', '));
    await page.locator('#items tr >> nth=1').click();
    const json = await page.locator('#item-json').inputValue();
    expect(json.includes(username), 'the item JSON does not show the user');
  });

  await step('tables: an XSS text shows literally and runs nothing', async () => {
    await open('#/tables/streamproc-EventData?mode=query&pk=' + encodeURIComponent(xssUser));
    await page.locator('#items tr >> nth=1').waitFor();
    const cells = await page.locator('#items td').allTextContents();
    expect(cells.some(c => c.includes(XSS)), 'the text is not shown literally: ' + cells.join(' | '));
    expect(cells.some(c => c.includes('\\u001b[31m')), 'the control character is not shown escaped: ' + cells.join(' | '));
    expect(await page.locator('#items img').count() === 0, 'an img element was created from the record');
    await page.locator('#items tr >> nth=1').click();
    expect((await page.locator('#item-json').inputValue()).includes(XSS), 'the item editor lost the text');
  });

  await step('query: run a named query and page its result', async () => {
    await open('#/query');
    await page.locator('#named-queries a', { hasText: 'most_active_users' }).click();
    await page.waitForFunction(() => { const sql = document.querySelector('#sql'); return sql && sql.value.includes('FROM tweets'); });
    await page.locator('#run-query').click();
    await page.locator('#row-count').waitFor({ timeout: 30_000 });
    const headers = await page.locator('#result-table th').allTextContents();
    expect(headers.includes('username'), 'columns: ' + headers.join(', '));
    expect(await page.locator('#csv').getAttribute('href'), 'no CSV link');
    await open('#/query');
    await page.locator('#history li >> nth=0').waitFor();
  });

  await step('functions: invoke the consumer from the Test tab and read its result', async () => {
    await open('#/functions/ConsumerFunction/test');
    await page.waitForFunction(() => document.querySelector('#event') && document.querySelector('#event').value.includes('aws:kinesis'));
    await page.locator('#invoke').click();
    await page.locator('#invoke-status').waitFor({ timeout: 60_000 });
    const status = await page.locator('#invoke-status').textContent();
    expect(status === 'Succeeded', 'status: ' + status);
    const payload = await page.locator('#invoke-payload').textContent();
    expect(payload.includes('batchItemFailures'), 'payload: ' + payload);
    expect((await page.locator('#invoke-log').textContent()).includes('REPORT RequestId'), 'no REPORT line in the log tail');
  });

  await step('functions: monitoring charts and filtered logs', async () => {
    await open('#/functions/ConsumerFunction/monitoring');
    await page.locator('[data-chart="invocations"] svg').waitFor();
    await open('#/functions/ConsumerFunction/logs?filter=REPORT');
    await page.locator('#log-lines pre >> nth=0').waitFor();
    const text = await page.locator('#log-lines').textContent();
    expect(text.includes('REPORT RequestId') && !text.includes('START RequestId'), 'the filter did not apply');
  });

  await step('streams: records shown as de-aggregated user records', async () => {
    await open('#/streams/streamproc-TweetStream');
    await page.locator('#records .user-record >> nth=0').waitFor();
    expect(await page.locator('#records .record-text').count() > 0, 'no decoded text');
  });

  await step('archive and failures pages open', async () => {
    await open('#/archive');
    await page.locator('#archive').waitFor();
    await open('#/failures');
    await page.locator('h1', { hasText: 'Failures' }).waitFor();
    await page.locator('.badge >> nth=0').waitFor();
  });

  await step('nothing ran, failed or left the machine', async () => {
    expect(problems.length === 0, problems.join('; '));
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(deadline);
}
if (failures.length) {
  console.log('FAILED: ' + failures.join(', '));
  process.exit(1);
}
console.log('all browser steps passed');
