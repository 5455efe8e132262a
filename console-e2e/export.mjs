// Drives the console's "Export my data" in Debian's chromium (headless) against a running Voxify: a person who
// has a job downloads the export from the navigation and gets a JSON file named by the server holding their own
// profile and job; past the hourly limit the console says why, and nothing is downloaded.
// Usage: node export.mjs <baseUrl> <screenshotDir>
// Exits non-zero on a failed step, on any page error, and on any browser console error it did not provoke.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [baseUrl, shots] = process.argv.slice(2);
if (!baseUrl || !shots) {
  console.error('usage: node export.mjs <baseUrl> <screenshotDir>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const started = Date.now();
const log = (...args) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s]`, ...args);
const problems = [];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function api(method, path, payload, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(`${baseUrl}${path}`, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
  return { status: r.status, body: await r.json() };
}

const user = { email: `export-${Date.now()}@example.com`, password: 'Export-Pass-123!' };
const text = `Words only this person wrote, ${Date.now()}.`;
let page;

try {
  // Someone with a job, made through the API: the export is what is under test here.
  const registered = await api('POST', '/api/v1/auth/register',
    { email: user.email, password: user.password, first_name: 'Export', last_name: 'Tester' });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const login = await api('POST', '/api/v1/auth/login', { email: user.email, password: user.password });
  const token = login.body.data.access_token;
  const job = await api('POST', '/api/v1/job', { text_content: text, voice_model_id: 'default_voice_001' }, token);
  assert.equal(job.status, 201, JSON.stringify(job.body));

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, baseURL: baseUrl });
  page = await context.newPage();
  page.allowed = new Set();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const status = msg.text().match(/status of (\d{3})/);
    if (status && page.allowed.has(Number(status[1]))) return;
    problems.push(`console error: ${msg.text()}`);
  });

  await page.goto(`${baseUrl}/#/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Synthesis' }).waitFor();
  log('signed in as', user.email);

  // 1. The export downloads as the file the server names, and holds this person's profile and job.
  const exportButton = page.getByRole('button', { name: 'Export my data' });
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const download = await downloading;
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(download.suggestedFilename(), `voxify-export-${today}.json`);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.success, true);
  assert.equal(exported.data.format_version, 1);
  assert.equal(exported.data.profile.email, user.email);
  assert.equal(exported.data.jobs.items.length, 1);
  assert.equal(exported.data.jobs.items[0].job.id, job.body.data.id);
  assert.equal(exported.data.jobs.items[0].job.text_content, text);
  assert.equal(exported.data.jobs.truncated, false);
  await page.getByRole('status').filter({ hasText: 'Your data was downloaded' }).waitFor();
  await page.screenshot({ path: join(shots, 'export-downloaded.png'), fullPage: true });
  log('the export downloaded as', download.suggestedFilename(), 'with the job');

  // 2. Past the limit (three an hour), the console says why and downloads nothing.
  for (let i = 0; i < 2; i++) {
    const again = page.waitForEvent('download');
    await exportButton.click();
    await again;
    await page.getByRole('status').filter({ hasText: 'Your data was downloaded' }).waitFor();
    await page.evaluate(() => { document.getElementById('notice').textContent = ''; });
  }
  page.allowed.add(429);
  let downloadedAgain = false;
  page.on('download', () => { downloadedAgain = true; });
  await exportButton.click();
  await page.getByRole('status').filter({ hasText: 'Too many exports' }).waitFor();
  assert.equal(downloadedAgain, false, 'a refused export downloads nothing');
  assert.equal(await exportButton.isEnabled(), true, 'the button is ready again');
  await page.screenshot({ path: join(shots, 'export-refused.png'), fullPage: true });
  log('the fourth export within the hour was refused with its reason');

  if (problems.length) throw new Error(`browser problems:\n  ${problems.join('\n  ')}`);
  log('export flow passed');
} catch (e) {
  console.error(e);
  if (page) await page.screenshot({ path: join(shots, 'failed-export.png'), fullPage: true }).catch(() => {});
  if (problems.length) console.error(`browser problems:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
