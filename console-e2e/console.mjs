// Drives the web console in Debian's chromium (headless) through its main flows against a running
// Voxify, asserting real outcomes and saving a screenshot of each page.
// Usage: node console.mjs <baseUrl> <screenshotDir> <sampleWav> <adminEmail> <adminPassword> [--expect-refresh]
// (--expect-refresh: the server's access tokens are short-lived, so the console must have refreshed
// them quietly during the run; any 401 in the main session fails the run as a console error anyway.)
// Exits non-zero on the first failed step, on any page error, and on any browser console error.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [baseUrl, shots, sampleWav, adminEmail, adminPassword, flag] = process.argv.slice(2);
const expectRefresh = flag === '--expect-refresh';
if (!baseUrl || !shots || !sampleWav || !adminEmail || !adminPassword) {
  console.error('usage: node console.mjs <baseUrl> <screenshotDir> <sampleWav> <adminEmail> <adminPassword>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const started = Date.now();
const log = (...args) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s]`, ...args);
const problems = [];
const pages = [];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required'],
});

/** A context whose page fails the run on any console error, except the HTTP statuses it expects. */
async function openPage(name, { viewport = { width: 1280, height: 900 }, expectedStatuses = [] } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, baseURL: baseUrl });
  await context.grantPermissions(['microphone'], { origin: baseUrl });
  const page = await context.newPage();
  pages.push([name, page]);
  // Statuses a step provokes on purpose (the browser logs every 4xx answer as a console error).
  page.allowed = new Set();
  page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const status = text.match(/status of (\d{3})/);
    if (status && (expectedStatuses.includes(Number(status[1])) || page.allowed.has(Number(status[1])))) return;
    problems.push(`${name}: console error: ${text}`);
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/v1/auth/refresh')) page.refreshes = (page.refreshes || 0) + (r.status() === 200 ? 1 : 0);
  });
  return page;
}

async function shot(page, file) {
  await page.screenshot({ path: join(shots, file), fullPage: true });
  log(`screenshot ${file}`);
}

function checkProblems() {
  if (problems.length) throw new Error(`browser problems:\n  ${problems.join('\n  ')}`);
}

/** Every visible form control has an accessible name (a label, aria-label or aria-labelledby). */
async function assertLabelled(page, where) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button, meter, progress')]
    .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')
      && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabelled, [], `${where}: controls without a label`);
}

async function heading(page, text) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: 20000 });
}

const user = { email: `console-${Date.now()}@example.com`, password: 'Console-Pass-123!' };
let completedJobId;

try {
  // The page itself: public, with a Content-Security-Policy; the API behind it is not.
  const page = await openPage('user');
  const index = await page.request.get(`${baseUrl}/`);
  assert.equal(index.status(), 200);
  assert.match(index.headers()['content-security-policy'] || '', /script-src 'self'/);
  const anonymousApi = await page.request.get(`${baseUrl}/api/v1/job`);
  assert.equal(anonymousApi.status(), 401, 'the API still needs a token');

  // 1. Sign up (lands signed in on Synthesis).
  await page.goto(`${baseUrl}/`);
  await heading(page, 'Sign in');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content', 'the skip link comes first');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'the skip link moves focus to the content');
  await assertLabelled(page, 'sign-in');
  await shot(page, '01-sign-in.png');
  await page.getByRole('link', { name: 'Create an account' }).first().click();
  await heading(page, 'Create an account');
  await page.getByLabel('First name').fill('Console');
  await page.getByLabel('Last name').fill('Tester');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill('weakpassword');
  page.allowed.add(400);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /upper-case/);
  page.allowed.delete(400);
  log('a weak password is refused with the API\'s reasons');
  await shot(page, '02-sign-up-refused.png');
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, 'Synthesis');
  assert.ok(page.url().endsWith('#/synthesis'));
  await assertLabelled(page, 'synthesis');
  log('signed up and in as', user.email);

  // 2. Synthesis: progress from the SSE stream, then playback, seeking, highlighting and download.
  const text = 'Hello from the Voxify console. Every word is highlighted while the audio plays, and you can seek anywhere.';
  await page.getByLabel('Text', { exact: true }).fill(text);
  assert.match(await page.locator('#text-counter').textContent(), new RegExp(`^${[...text].length} / \\d+ characters`));
  await page.getByLabel('Voice').selectOption('default_voice_001');
  await page.getByLabel('Speed').fill('1.2');
  await page.getByLabel('Emotion').selectOption('happy');
  await page.getByLabel('Format').selectOption('wav');
  await page.getByLabel('Sample rate').selectOption('22050');
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('#job-progress');
      if (bar && window.progressSeen.at(-1) !== bar.value) window.progressSeen.push(bar.value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  // The player loads the audio through a signed link itself: the browser asks with Range requests.
  const rangedAudio = [];
  page.on('response', (r) => {
    if (/\/api\/v1\/files\/audio\/[^/]+\/signed\?/.test(r.url()) && r.status() === 206) {
      rangedAudio.push(r.request().headers().range);
    }
  });
  await page.getByRole('button', { name: 'Synthesise' }).click();
  const audio = page.locator('section[aria-label="Result"] audio');
  await audio.waitFor({ timeout: 60000 });
  const progressSeen = await page.evaluate(() => window.progressSeen);
  assert.equal(progressSeen.at(-1), 100, `the progress bar ends full: ${progressSeen}`);
  assert.ok(progressSeen.length >= 2, `the bar moved with the stream: ${progressSeen}`);
  assert.match(await page.locator('section[aria-label="Progress"] [role="status"]').textContent(), /^Completed · \d/);
  log('progress bar followed the stream:', progressSeen.join(' → '));

  const duration = await audio.evaluate((el) => new Promise((resolve, reject) => {
    if (el.readyState >= 1) resolve(el.duration);
    el.addEventListener('loadedmetadata', () => resolve(el.duration));
    el.addEventListener('error', () => reject(new Error('audio failed to load')));
  }));
  assert.ok(duration > 2, `audio has a duration (${duration})`);
  await audio.evaluate((el) => el.play());
  await page.waitForFunction(() => document.querySelector('section[aria-label="Result"] audio').currentTime > 0.3);
  await page.locator('.word.spoken').first().waitFor({ timeout: 10000 });
  const spokenEarly = await page.locator('.word.spoken').textContent();
  const seekTo = duration * 0.7;
  const afterSeek = await audio.evaluate((el, t) => new Promise((resolve) => {
    el.addEventListener('seeked', () => resolve(el.currentTime), { once: true });
    el.currentTime = t;
  }), seekTo);
  assert.ok(Math.abs(afterSeek - seekTo) < 0.5, `seeked to ${afterSeek}, wanted ${seekTo}`);
  assert.ok(rangedAudio.length >= 1 && rangedAudio.every((r) => /^bytes=\d+-/.test(r)),
    `the audio element fetched the signed link with Range requests: ${rangedAudio}`);
  log(`audio fetched with Range requests: ${rangedAudio.join(', ')}`);
  await page.waitForFunction((early) => {
    const w = document.querySelector('.word.spoken');
    return w && w.textContent !== early && Number(w.dataset.start) >= 1;
  }, spokenEarly, { timeout: 10000 });
  const spokenLate = await page.locator('.word.spoken').textContent();
  log(`playing: "${spokenEarly}" highlighted early, "${spokenLate}" after seeking to ${seekTo.toFixed(1)} s of ${duration.toFixed(1)} s`);
  await shot(page, '03-synthesis-playing.png');
  await audio.evaluate((el) => el.pause());

  const downloadEvent = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download WAV' }).click();
  const download = await downloadEvent;
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RIFF', 'the download is the WAV');
  assert.ok(bytes.length > 10000, `the download has audio (${bytes.length} bytes)`);
  completedJobId = download.suggestedFilename().replace(/\.wav$/, '');
  assert.match(completedJobId, /^job_/);
  log(`downloaded ${download.suggestedFilename()} (${bytes.length} bytes)`);

  // 3. Jobs: list, filters, sorting, paging, cancel, retry, delete. Jobs made through the API
  // (a second session of the same user) fill the list; one long job keeps the single worker busy so a
  // short one behind it is still pending when it is cancelled in the browser.
  const login = await (await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user) })).json();
  const token = login.data.access_token;
  const createJob = async (textContent, extra = {}) => {
    const r = await fetch(`${baseUrl}/api/v1/job`, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Authorization: `Bearer ${token}` }, body: JSON.stringify({ text_content: textContent, voice_model_id: 'default_voice_001', ...extra }) });
    const body = await r.json();
    assert.equal(r.status, 201, JSON.stringify(body));
    return body.data.id;
  };
  for (let i = 1; i <= 10; i += 1) await createJob(`Filler job number ${i} for paging.`);
  await createJob('A long job that keeps the worker busy. '.repeat(220), { speed: 0.5 });
  const pendingId = await createJob('This job waits behind the long one and is cancelled from the console.');

  await page.getByRole('link', { name: 'Jobs' }).click();
  await heading(page, 'Jobs');
  await assertLabelled(page, 'jobs');
  await page.getByLabel('Status').selectOption('pending');
  const pendingRow = page.locator(`tr[data-job-id="${pendingId}"]`);
  await pendingRow.waitFor();
  await pendingRow.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('status').filter({ hasText: `Job ${pendingId} cancelled` }).waitFor();
  log('cancelled a pending job from the list');
  await page.getByLabel('Status').selectOption('cancelled');
  await page.locator(`tr[data-job-id="${pendingId}"][data-status="cancelled"]`).waitFor();
  await shot(page, '04-jobs-cancelled-filter.png');
  await page.locator(`tr[data-job-id="${pendingId}"]`).getByRole('button', { name: 'Retry' }).click();
  const retried = await page.getByRole('status').filter({ hasText: 'submitted again as' }).textContent();
  const retryId = retried.match(/as (job_\S+)/)[1];
  log('retried it as', retryId);
  await page.locator(`tr[data-job-id="${pendingId}"]`).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('status').filter({ hasText: `Job ${pendingId} deleted` }).waitFor();
  assert.equal(await page.locator(`tr[data-job-id="${pendingId}"]`).count(), 0, 'the deleted job is gone');

  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Page size').selectOption('10');
  await page.getByLabel('Sort by').selectOption('text_length');
  await page.getByLabel('Order').selectOption('asc');
  await page.waitForFunction(() => location.hash.includes('sort_by=text_length') && location.hash.includes('sort_order=asc')
    && location.hash.includes('page_size=10') && document.querySelectorAll('tbody tr').length === 10);
  const lengths = await page.locator('tbody tr td:first-child').allTextContents();
  assert.match(await page.locator('.pager').textContent(), /Page 1 of 2/);
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.waitForFunction(() => document.querySelector('.pager') && document.querySelector('.pager').textContent.includes('Page 2 of 2'));
  const secondPage = await page.locator('tbody tr').count();
  assert.equal(secondPage, 3, `13 jobs: 10 on page 1, 3 on page 2 (got ${secondPage})`);
  assert.ok(lengths[0].length <= lengths[9].length, 'shortest text first');
  await page.getByLabel('Voice').selectOption('default_voice_001');
  await page.waitForFunction(() => location.hash.includes('voice_model_id=default_voice_001'));
  await page.locator('tbody tr').first().waitFor();
  await page.getByLabel('Text contains').fill('waits behind');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator(`tr[data-job-id="${retryId}"]`).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 1, 'text search finds only the retried job');
  log('paging, sorting and text search work');

  await page.goto(`${baseUrl}/#/jobs/${completedJobId}`);
  await heading(page, `Job ${completedJobId}`);
  await page.locator('section[aria-label="Result"] audio').waitFor();
  await shot(page, '05-job-detail.png');

  // Narrow screen: the layout reflows without horizontal scrolling of the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseUrl}/#/jobs`);
  await heading(page, 'Jobs');
  await page.locator('tbody tr').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal page scroll on a phone (${overflow}px)`);
  await shot(page, '06-jobs-narrow.png');
  await page.setViewportSize({ width: 1280, height: 900 });

  // 4. Voice library: filters, semantic search, preview, favourites.
  await page.getByRole('link', { name: 'Voice library' }).click();
  await heading(page, 'Voice library');
  await assertLabelled(page, 'voices');
  const all = await page.locator('.voice-card').count();
  await page.getByLabel('Gender').selectOption('female');
  await page.getByLabel('Language').selectOption('en-US');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction(() => location.hash.includes('gender=female'));
  await page.locator('.voice-card').first().waitFor();
  const femaleMeta = await page.locator('.voice-card .meta:first-of-type').allTextContents();
  assert.ok(femaleMeta.length > 0 && femaleMeta.length < all, `filtering narrows ${all} voices to ${femaleMeta.length}`);
  assert.ok(femaleMeta.every((m) => m.includes('female') && m.includes('en-US')), femaleMeta.join(' | '));
  const firstVoice = page.locator('.voice-card').first();
  const voiceId = await firstVoice.getAttribute('data-voice-id');
  await firstVoice.getByRole('button', { name: 'Play preview' }).click();
  const preview = firstVoice.locator('audio');
  await preview.waitFor({ timeout: 60000 });
  const previewDuration = await preview.evaluate((el) => new Promise((resolve) => {
    if (el.readyState >= 1) resolve(el.duration);
    el.addEventListener('loadedmetadata', () => resolve(el.duration));
  }));
  assert.ok(previewDuration > 0.5, `the preview plays (${previewDuration} s)`);
  await firstVoice.getByRole('button', { name: '★ Favourite' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-voice-id="${id}"] button[aria-pressed="true"]`), voiceId);
  await shot(page, '07-voices-filtered.png');
  await page.goto(`${baseUrl}/#/voices?favorite=true`);
  await page.locator(`.voice-card[data-voice-id="${voiceId}"]`).waitFor();
  assert.equal(await page.locator('.voice-card').count(), 1, 'favourites only: the one favourite');
  await page.goto(`${baseUrl}/#/voices`);
  await page.getByLabel('Search by description').fill('deep male voice');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('best match first').waitFor();
  log(`library: ${all} voices, ${femaleMeta.length} female en-US, preview ${previewDuration.toFixed(1)} s, favourite ${voiceId}`);

  // 5. My voice: an uploaded recording is accepted with metrics; a microphone recording of the
  // fake device's tone is rejected with reasons; a clone is built and compared with the sample.
  await page.getByRole('link', { name: 'My voice' }).click();
  await heading(page, 'My voice');
  await assertLabelled(page, 'my voice');
  await page.getByLabel(/Audio file/).setInputFiles(sampleWav);
  await page.getByLabel('Name', { exact: true }).first().fill('LibriVox reading');
  await page.getByRole('button', { name: 'Upload and analyse' }).click();
  const accepted = page.locator('li[data-sample-id][data-status="processed"]');
  await accepted.waitFor({ timeout: 120000 });
  assert.match(await accepted.locator('dl.metrics').textContent(), /Signal to noise.*dB/);
  log('uploaded sample accepted with metrics');

  await page.getByRole('button', { name: 'Start recording' }).click();
  await page.waitForFunction(() => Number(document.querySelector('#level').value) > 0, null, { timeout: 10000 });
  await page.waitForTimeout(4000);
  await page.getByRole('button', { name: 'Stop and upload' }).click();
  const rejected = page.locator('li[data-sample-id][data-status="rejected"]');
  await rejected.waitFor({ timeout: 120000 });
  const reasons = await rejected.locator('.issues').textContent();
  assert.ok(reasons.length > 5, 'the rejection says why');
  log('microphone recording (fake device tone) rejected:', reasons);

  await page.getByRole('button', { name: 'Build clone' }).click();
  const ready = page.locator('li[data-clone-id][data-status="ready"]');
  await ready.waitFor({ timeout: 300000 });
  await ready.getByRole('button', { name: 'Compare with the sample' }).click();
  await ready.locator('figure audio').nth(1).waitFor({ timeout: 60000 });
  assert.equal(await ready.locator('figure audio').count(), 2, 'sample and clone side by side');
  const cloneId = await ready.getAttribute('data-clone-id');
  await shot(page, '08-my-voice.png');
  log('clone ready and compared:', cloneId);

  // The quiet refresh: reloading the tab keeps the session (refresh token in sessionStorage).
  await page.reload();
  await heading(page, 'My voice');
  log(`after reload still signed in; quiet refreshes so far: ${page.refreshes || 0}`);

  // 6. Admin, signed in with the keyboard only.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
  await page.getByLabel('E-mail').focus();
  await page.keyboard.type(adminEmail);
  await page.keyboard.press('Tab');
  await page.keyboard.type(adminPassword);
  await page.keyboard.press('Enter');
  await heading(page, 'Synthesis');
  await page.getByRole('link', { name: 'Admin' }).click();
  await heading(page, 'Administration');
  await page.locator('.chart .bar').first().waitFor();
  await page.locator('#users-h').waitFor();
  await page.getByRole('cell', { name: user.email }).waitFor();
  await page.getByRole('button', { name: /^Replay / }).first().waitFor();
  await assertLabelled(page, 'admin');
  await shot(page, '09-admin.png');
  await page.getByLabel('Syntheses per day').fill('999');
  await page.getByRole('button', { name: 'Save configuration' }).click();
  await page.locator('#notice').filter({ hasText: 'Configuration saved' }).waitFor();
  await page.getByText(/^Version [1-9]/).waitFor();
  assert.equal(await page.getByLabel('Syntheses per day').inputValue(), '999');
  await page.getByRole('button', { name: 'Replay jobs' }).click();
  await page.locator('#notice').filter({ hasText: 'Replay of jobs started' }).waitFor();
  await page.getByLabel('Job id').fill(completedJobId);
  await page.getByRole('button', { name: 'Show timeline' }).click();
  await heading(page, `History of ${completedJobId}`);
  const events = await page.locator('.timeline > li strong').allTextContents();
  assert.equal(events[0], 'JobCreatedEvent');
  assert.ok(events.includes('JobCompletedEvent'), events.join(', '));
  await shot(page, '10-admin-job-history.png');
  log('admin: stats, users, config saved, jobs projection replayed, timeline of', events.length, 'events');

  // 7. A 401 sends the user back to sign-in: the user signs in elsewhere, an administrator
  // deactivates the account, the user's next request fails and the refresh is refused.
  const other = await openPage('user-2', { expectedStatuses: [401, 403] });
  await other.goto(`${baseUrl}/#/sign-in`);
  await other.getByLabel('E-mail').fill(user.email);
  await other.getByLabel('Password').fill(user.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await heading(other, 'Synthesis');
  await page.goto(`${baseUrl}/#/admin`);
  await page.getByRole('cell', { name: user.email }).waitFor();
  await page.getByRole('row', { name: new RegExp(user.email.replace(/[.+]/g, '\\$&')) }).getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('row', { name: new RegExp(user.email.replace(/[.+]/g, '\\$&')) }).getByRole('button', { name: 'Activate' }).waitFor();
  // Nodes re-read session versions every 2 s (voxify.security.session-refresh): after that, the
  // user's old access token is refused.
  await other.waitForTimeout(2500);
  await other.getByRole('link', { name: 'Jobs' }).click();
  await heading(other, 'Sign in');
  await other.getByText('Your session has ended').waitFor();
  assert.equal(await other.evaluate(() => sessionStorage.getItem('voxify.refresh_token')), null);
  await shot(other, '11-session-ended.png');
  log('a refused token sent the user back to sign-in');

  checkProblems();
  log(`quiet token refreshes observed: ${page.refreshes || 0}`);
  if (expectRefresh) assert.ok(page.refreshes >= 1, 'short-lived access tokens were refreshed quietly');
  log('all console flows passed');
} catch (e) {
  console.error(e);
  for (const [name, p] of pages) {
    await p.screenshot({ path: join(shots, `failed-${name}.png`), fullPage: true }).catch(() => {});
  }
  if (problems.length) console.error(`browser problems:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
