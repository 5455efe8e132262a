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

async function heading(page, text, timeout = 20000) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout });
}

/** An audio element's duration once its metadata has loaded (it fails the step if the audio does not load). */
function loadedDuration(audio) {
  return audio.evaluate((el) => new Promise((resolve, reject) => {
    if (el.readyState >= 1) resolve(el.duration);
    el.addEventListener('loadedmetadata', () => resolve(el.duration));
    el.addEventListener('error', () => reject(new Error(`audio failed to load: ${el.src}`)));
  }));
}

const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };

/**
 * Each page at a desktop and at a phone width: no horizontal page scroll, every control labelled, a
 * screenshot of each (page-<who>-<name>-<wide|narrow>.png). Pages are [name, route, heading, ready selector].
 */
async function shotsOf(page, who, list) {
  for (const [name, route, title, ready] of list) {
    await page.setViewportSize(WIDE);
    await page.goto(`${baseUrl}/#${route}`);
    await heading(page, title);
    if (ready) await page.locator(ready).first().waitFor({ state: 'attached', timeout: 30000 });
    for (const [size, viewport] of [['wide', WIDE], ['narrow', NARROW]]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      const [overflow, wide] = await page.evaluate(() => [document.documentElement.scrollWidth - window.innerWidth,
        [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(-3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`)]);
      assert.ok(overflow <= 0, `${route} (${size}): no horizontal page scroll (${overflow}px, widest: ${wide})`);
      await assertLabelled(page, `${route} (${size})`);
      await shot(page, `page-${who}-${name}-${size}.png`);
    }
  }
  await page.setViewportSize(WIDE);
}

/** A completed job's history, looked up by its id: its events as a timeline from creation to completion. */
async function jobTimeline(page, jobId) {
  await page.getByLabel('Job id').fill(jobId);
  await page.getByRole('button', { name: 'Show timeline' }).click();
  await heading(page, `History of ${jobId}`);
  const events = await page.locator('.timeline > li strong').allTextContents();
  assert.equal(events[0], 'JobCreatedEvent');
  assert.ok(events.includes('JobCompletedEvent'), events.join(', '));
  return events;
}

/** A user's token through the API, as another tab or client would have it. */
async function apiLogin(email, password) {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  return body.data.access_token;
}

async function apiCall(token, method, path, payload) {
  const r = await fetch(`${baseUrl}${path}`, { method, headers: { 'Content-Type': 'application/json',
    Authorization: `Bearer ${token}` }, body: payload === undefined ? undefined : JSON.stringify(payload) });
  return { status: r.status, body: await r.json() };
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
  await shotsOf(page, 'public', [['sign-in', '/sign-in', 'Sign in'], ['sign-up', '/sign-up', 'Create an account']]);
  await page.goto(`${baseUrl}/#/sign-in`);
  await heading(page, 'Sign in');
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
  await page.getByLabel('Format', { exact: true }).selectOption('wav');
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

  const duration = await loadedDuration(audio);
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
  const token = await apiLogin(user.email, user.password);
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

  // 3b. Synthesis with SSML and a callback URL: hints and checks before sending, the server's
  // line and column for a broken document, then a job with both.
  await page.getByRole('link', { name: 'Synthesis' }).click();
  await heading(page, 'Synthesis');
  const textBox = page.getByLabel('Text', { exact: true });
  await page.getByLabel('Text format').selectOption('ssml');
  assert.match(await page.locator('#text-format-hint').textContent(), /<speak>/);
  assert.match(await textBox.getAttribute('placeholder'), /^<speak>/);
  await textBox.fill('Not a document');
  assert.match(await textBox.evaluate((el) => el.validationMessage), /starts with <speak>/);
  const callbackBox = page.getByLabel('Callback URL');
  assert.ok(await callbackBox.getAttribute('aria-describedby'), 'the callback URL has its hint');
  assert.match(await page.locator(`#${await callbackBox.getAttribute('aria-describedby')}`).textContent(),
    /private callbacks/, 'the hint says when plain http and local addresses are accepted');
  await callbackBox.fill('ftp://example.com/hook');
  assert.match(await callbackBox.evaluate((el) => el.validationMessage), /https/);
  let sent = 0;
  const countJobs = (r) => { if (r.url().endsWith('/api/v1/job') && r.method() === 'POST') sent += 1; };
  page.on('request', countJobs);
  await page.getByRole('button', { name: 'Synthesise' }).click();
  await page.waitForTimeout(300);
  assert.equal(sent, 0, 'the browser keeps an invalid form back');
  // A URL on this machine: the server refuses it (private callbacks are off by default) and says why.
  await callbackBox.fill('http://127.0.0.1:9/voxify-hook');
  assert.equal(await callbackBox.evaluate((el) => el.validationMessage), '');
  await textBox.fill('<speak>Hello there.</speak>');
  page.allowed.add(400);
  await page.getByRole('button', { name: 'Synthesise' }).click();
  await page.getByRole('alert').filter({ hasText: /allow_private_callbacks/ }).waitFor();
  assert.equal(sent, 1);
  // Allowed by an administrator (for development), the same URL passes; the broken document is then the problem.
  const switchedOn = await apiCall(await apiLogin(adminEmail, adminPassword), 'PUT', '/api/v1/admin/config',
    { allow_private_callbacks: true });
  assert.equal(switchedOn.status, 200);
  await textBox.fill('<speak>Hello <break time="300ms"> there.</speak>');
  await page.getByRole('button', { name: 'Synthesise' }).click();
  await page.getByRole('alert').filter({ hasText: /line 1, column \d+/ }).waitFor();
  page.allowed.delete(400);
  assert.equal(sent, 2);
  await textBox.fill('<speak>Hello <break time="300ms"/> from <prosody rate="slow">marked up</prosody> text.</speak>');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/job') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Synthesise' }).click();
  // The job queues behind the long one: it is followed on the progress bar; its fields are what was sent.
  const createdResponse = await created;
  assert.equal(createdResponse.status(), 201);
  const ssmlJobId = (await createdResponse.json()).data.id;
  await page.locator('#job-progress').waitFor();
  page.off('request', countJobs);
  assert.equal(sent, 3);
  const ssmlJob = (await apiCall(token, 'GET', `/api/v1/job/${ssmlJobId}`)).body.data;
  assert.equal(ssmlJob.text_format, 'ssml');
  assert.equal(ssmlJob.callback_url, 'http://127.0.0.1:9/voxify-hook');
  await shot(page, '05b-synthesis-ssml.png');
  log('SSML job with a callback URL:', ssmlJob.id);

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
  const previewDuration = await loadedDuration(preview);
  assert.ok(previewDuration > 0.5, `the preview plays (${previewDuration} s)`);
  await firstVoice.getByRole('button', { name: '★ Favourite' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-voice-id="${id}"] button[aria-pressed="true"]`), voiceId);
  // Rating: four stars on the card, the mean and the count shown at once.
  const summaryOf = (card) => card.locator('.rating-summary');
  assert.equal(await summaryOf(firstVoice).textContent(), 'No ratings yet');
  await firstVoice.getByRole('button', { name: 'Rate 4 stars' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-voice-id="${id}"] .rating-summary`).textContent
    === 'Rated 4.0 of 5 by 1 user', voiceId);
  assert.equal(await firstVoice.getByRole('button', { name: 'Rate 4 stars' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await firstVoice.locator('button.star.filled').count(), 4, 'four stars filled');
  await shot(page, '07-voices-filtered.png');
  await page.goto(`${baseUrl}/#/voices?favorite=true`);
  await page.locator(`.voice-card[data-voice-id="${voiceId}"]`).waitFor();
  assert.equal(await page.locator('.voice-card').count(), 1, 'favourites only: the one favourite');
  await page.goto(`${baseUrl}/#/voices`);
  await page.getByLabel('Search by description').fill('deep male voice');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('best match first').waitFor();

  // Sorted by rating the rated voice comes first, still showing the caller's rating after the reload of the
  // list; the rating can be changed and cleared from the card.
  await page.goto(`${baseUrl}/#/voices?sort_by=user_rating`);
  await page.getByText('highest rated first').waitFor();
  assert.equal(await page.getByLabel('Sort by').inputValue(), 'user_rating');
  const top = page.locator('.voice-card').first();
  assert.equal(await top.getAttribute('data-voice-id'), voiceId, 'the rated voice first');
  assert.equal(await summaryOf(top).textContent(), 'Rated 4.0 of 5 by 1 user');
  assert.equal(await top.getByRole('button', { name: 'Rate 4 stars' }).getAttribute('aria-pressed'), 'true');
  await assertLabelled(page, 'voices sorted by rating');
  await shot(page, '07c-voices-by-rating.png');
  await top.getByRole('button', { name: 'Rate 2 stars' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-voice-id="${id}"] .rating-summary`).textContent
    === 'Rated 2.0 of 5 by 1 user', voiceId);
  await top.getByRole('button', { name: 'Clear rating' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-voice-id="${id}"] .rating-summary`).textContent
    === 'No ratings yet', voiceId);
  assert.equal(await top.locator('button.star.filled').count(), 0, 'no star filled once cleared');
  assert.ok(await top.getByRole('button', { name: 'Clear rating' }).isHidden(), 'nothing left to clear');
  await top.getByRole('button', { name: 'Rate 5 stars' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-voice-id="${id}"] .rating-summary`).textContent
    === 'Rated 5.0 of 5 by 1 user', voiceId);
  log(`rating: ${voiceId} rated 4, first by rating, changed to 2, cleared, rated 5`);

  // Tags narrow the list: every voice shown has the tag (and, with two, both: all must match).
  await page.goto(`${baseUrl}/#/voices`);
  await page.locator('.voice-card').first().waitFor();
  const cardTags = async () => page.locator('.voice-card').evaluateAll((cards) => cards.map((c) =>
    ({ id: c.dataset.voiceId, tags: [...c.querySelectorAll('ul.tags li')].map((li) => li.textContent) })));
  const everyVoice = await cardTags();
  assert.equal(everyVoice.length, all);
  const tagCounts = new Map();
  for (const v of everyVoice) for (const t of v.tags) tagCounts.set(t, (tagCounts.get(t) || 0) + 1);
  const [tag] = [...tagCounts].filter(([, n]) => n > 0 && n < all).sort((a, b) => b[1] - a[1])[0] || [];
  assert.ok(tag, `some tag belongs to some voices but not all: ${[...tagCounts]}`);
  const withTag = everyVoice.filter((v) => v.tags.includes(tag)).map((v) => v.id).sort();
  await page.getByRole('checkbox', { name: tag, exact: true }).check();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction((t) => decodeURIComponent(location.hash.replace(/\+/g, ' ')).includes(`tags=${t}`), tag);
  await page.waitForFunction((n) => document.querySelectorAll('.voice-card').length === n, withTag.length);
  assert.deepEqual((await cardTags()).map((v) => v.id).sort(), withTag, `tag ${tag}: exactly the voices with it`);
  const second = [...tagCounts.keys()].find((t) => t !== tag
    && everyVoice.some((v) => v.tags.includes(tag) && v.tags.includes(t))
    && everyVoice.some((v) => v.tags.includes(tag) && !v.tags.includes(t)));
  if (second) {
    const withBoth = everyVoice.filter((v) => v.tags.includes(tag) && v.tags.includes(second)).map((v) => v.id).sort();
    await page.getByRole('checkbox', { name: second, exact: true }).check();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.voice-card').length === n, withBoth.length);
    assert.deepEqual((await cardTags()).map((v) => v.id).sort(), withBoth, `tags ${tag} and ${second}: both must match`);
  }
  await page.getByLabel('Type').selectOption('preset');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction(() => location.hash.includes('type=preset'));
  await page.locator('.voice-card').first().waitFor();
  assert.ok((await page.locator('.voice-card .meta:first-of-type').allTextContents()).every((m) => m.includes('preset')));
  await shot(page, '07b-voices-tags.png');
  log(`tags: ${tag} narrows ${all} voices to ${withTag.length}${second ? `, with ${second} too` : ''}`);
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
  // Uploads are processed as they arrive (no separate step); a processed sample can be analysed again.
  await accepted.getByRole('button', { name: 'Analyse LibriVox reading again' }).waitFor();
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

  // Generation parameters: the fast fit from the nearest voice; its steps are shown as they are reported.
  await page.getByLabel('Quality', { exact: true }).selectOption('fast');
  assert.ok(await page.getByLabel('Base voice', { exact: true }).locator('option').count() > 1, 'base voices to choose from');
  await page.evaluate(() => {
    window.cloneSteps = [];
    new MutationObserver(() => {
      const text = document.querySelector('#clone-progress + p')?.textContent || '';
      if (/step \d+ of \d+/.test(text) && !window.cloneSteps.includes(text)) window.cloneSteps.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Build clone' }).click();
  const ready = page.locator('li[data-clone-id][data-status="ready"]');
  await ready.waitFor({ timeout: 300000 });
  const cloneSteps = await page.evaluate(() => window.cloneSteps);
  assert.ok(cloneSteps.length >= 3, `the generation job's steps were shown: ${JSON.stringify(cloneSteps)}`);
  log(`clone generation shown step by step: ${cloneSteps.length} states, last "${cloneSteps[cloneSteps.length - 1]}"`);
  const cloneId = await ready.getAttribute('data-clone-id');
  // The sample is fetched from the server through its signed link (so a reload does not lose it), with
  // Range requests, and sits beside the clone's preview.
  const rangedSample = [];
  page.on('response', (r) => {
    if (/\/api\/v1\/voice\/samples\/vs_[^/]+\/audio\/signed\?/.test(r.url()) && r.status() === 206) {
      rangedSample.push(r.request().headers().range);
    }
  });
  const compareSideBySide = async (where) => {
    const card = page.locator(`li[data-clone-id="${cloneId}"]`);
    await card.getByRole('button', { name: 'Compare with the sample' }).click();
    const sampleSide = card.locator('figure.sample-side audio');
    const cloneSide = card.locator('figure.clone-side audio');
    await cloneSide.waitFor({ timeout: 60000 });
    assert.match(await sampleSide.getAttribute('src'), /^\/api\/v1\/voice\/samples\/vs_\w+\/audio\/signed\?user=/);
    const [sampleSeconds, cloneSeconds] = [await loadedDuration(sampleSide), await loadedDuration(cloneSide)];
    assert.ok(sampleSeconds > 1 && cloneSeconds > 0.5, `${where}: both play (${sampleSeconds} s, ${cloneSeconds} s)`);
    const [a, b] = [await sampleSide.boundingBox(), await cloneSide.boundingBox()];
    assert.ok(Math.abs(a.y - b.y) < 5 && b.x > a.x + a.width / 2, `${where}: side by side (${JSON.stringify([a, b])})`);
    await sampleSide.evaluate((el) => new Promise((resolve) => {
      el.addEventListener('seeked', resolve, { once: true });
      el.currentTime = el.duration * 0.6;
    }));
    return [sampleSeconds, cloneSeconds];
  };
  const [sampleSeconds, cloneSeconds] = await compareSideBySide('after the clone');
  assert.ok(rangedSample.length >= 1 && rangedSample.every((r) => /^bytes=\d+-/.test(r)), `sample Range requests: ${rangedSample}`);
  await shot(page, '08-my-voice.png');
  log(`clone ready and compared: ${cloneId}, sample ${sampleSeconds.toFixed(1)} s beside clone ${cloneSeconds.toFixed(1)} s`);

  // The quiet refresh: reloading the tab keeps the session (refresh token in sessionStorage), and
  // the sample can still be heard beside the clone.
  await page.reload();
  await heading(page, 'My voice');
  await page.locator(`li[data-clone-id="${cloneId}"]`).waitFor();
  await compareSideBySide('after a reload');
  const sampleCard = page.locator('li[data-sample-id][data-status="processed"]');
  await sampleCard.getByRole('button', { name: 'Listen to LibriVox reading' }).click();
  assert.ok(await loadedDuration(sampleCard.locator('audio')) > 1, 'a sample plays on its own card');
  await shot(page, '08b-my-voice-after-reload.png');
  log(`after reload still signed in and compared again; quiet refreshes so far: ${page.refreshes || 0}`);

  // Training from the sample with the API document's options (fewer epochs): the clone built from it is
  // trained, its timing aligned, followed to the end on the progress stream.
  await sampleCard.getByText('Train a voice from this sample').click();
  await assertLabelled(page, 'training form');
  assert.equal(await sampleCard.getByLabel('Voice to train').inputValue(), cloneId, 'the ready clone of the sample');
  await sampleCard.getByLabel(/^Epochs/).fill('3');
  await sampleCard.getByLabel(/^Learning rate/).fill('0.05');
  await sampleCard.getByLabel(/^Batch size/).fill('32');
  assert.ok(await sampleCard.getByLabel('Enable timestamp alignment').isChecked());
  await sampleCard.getByRole('button', { name: 'Train', exact: true }).click();
  const outcome = page.locator('p.status', { hasText: /^Training completed/ });
  await outcome.waitFor({ timeout: 300000 });
  const trained = await outcome.textContent();
  assert.match(trained, /Before: quality .*After: quality .*Speed .*pauses/s);
  await shot(page, '08c-my-voice-trained.png');
  log('trained from the sample:', trained);

  // The library's type filter: the clone is the one custom voice; presets are the rest.
  await page.goto(`${baseUrl}/#/voices?type=custom`);
  await heading(page, 'Voice library');
  await page.locator(`.voice-card[data-voice-id="${cloneId}"]`).waitFor();
  assert.equal(await page.locator('.voice-card').count(), 1, 'My clones: only the clone');
  assert.match(await page.locator('.voice-card .meta').first().textContent(), /custom/);
  await page.goto(`${baseUrl}/#/voices?type=preset`);
  await page.waitForFunction((n) => document.querySelectorAll('.voice-card').length === n, all);
  assert.equal(await page.locator(`.voice-card[data-voice-id="${cloneId}"]`).count(), 0, 'presets: not the clone');

  await shotsOf(page, 'user', [
    ['synthesis', '/synthesis', 'Synthesis', 'select[name="voice_model_id"] option'],
    ['jobs', '/jobs', 'Jobs', 'tbody tr'],
    ['job', `/jobs/${completedJobId}`, `Job ${completedJobId}`, 'section[aria-label="Result"] audio'],
    ['voices', '/voices', 'Voice library', '.voice-card'],
    ['my-voice', '/my-voice', 'My voice', `li[data-clone-id="${cloneId}"]`],
  ]);

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
  await page.getByLabel('Clones per day').fill('19');
  await page.getByLabel('Progress streams at once (per user)').fill('7');
  const privateCallbacks = page.getByLabel(/Allow private callbacks/);
  assert.equal(await privateCallbacks.isChecked(), true, 'switched on through the API in step 3b');
  await privateCallbacks.uncheck();
  await page.getByRole('button', { name: 'Save configuration' }).click();
  await page.locator('#notice').filter({ hasText: 'Configuration saved' }).waitFor();
  await page.getByText(/^Version [1-9]/).waitFor();
  assert.equal(await page.getByLabel('Syntheses per day').inputValue(), '999');
  assert.equal(await page.getByLabel('Clones per day').inputValue(), '19');
  assert.equal(await page.getByLabel('Progress streams at once (per user)').inputValue(), '7');
  assert.equal(await page.getByLabel(/Allow private callbacks/).isChecked(), false);
  const saved = await apiCall(await apiLogin(adminEmail, adminPassword), 'GET', '/api/v1/admin/config');
  assert.equal(saved.body.data.allow_private_callbacks, false);
  await page.getByRole('button', { name: 'Replay jobs' }).click();
  await page.locator('#notice').filter({ hasText: 'Replay of jobs started' }).waitFor();
  const events = await jobTimeline(page, completedJobId);
  await shot(page, '10-admin-job-history.png');
  log('admin: stats, users, config saved, jobs projection replayed, timeline of', events.length, 'events');
  await shotsOf(page, 'admin', [
    ['admin', '/admin', 'Administration', '.chart .bar'],
    ['audit', '/audit', 'Audit trail', '.timeline li'],
    ['job-history', `/audit/jobs/${completedJobId}`, `History of ${completedJobId}`, '.timeline li'],
  ]);

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

  // 8. An auditor (read-only: the audit trail) sees the audit pages and nothing else. The account is
  // made through the API and given the role by an administrator.
  const auditor = { email: `auditor-${Date.now()}@example.com`, password: 'Auditor-Pass-123!' };
  const registered = await fetch(`${baseUrl}/api/v1/auth/register`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(auditor) });
  assert.equal(registered.status, 201);
  const auditorId = (await registered.json()).data.id;
  const adminToken = await apiLogin(adminEmail, adminPassword);
  const promoted = await apiCall(adminToken, 'PATCH', `/api/v1/admin/users/${auditorId}`, { role: 'auditor' });
  assert.equal(promoted.status, 200, JSON.stringify(promoted.body));
  const audit = await openPage('auditor');
  await audit.goto(`${baseUrl}/#/sign-in`);
  await audit.getByLabel('E-mail').fill(auditor.email);
  await audit.getByLabel('Password').fill(auditor.password);
  await audit.getByRole('button', { name: 'Sign in' }).click();
  await heading(audit, 'Audit trail');
  const signedInAt = Date.now();
  assert.deepEqual(await audit.locator('#nav a').allTextContents(), ['Audit'], 'an auditor is offered the audit pages only');
  for (const forbidden of ['/synthesis', '/jobs', '/voices', '/my-voice', '/admin', `/jobs/${completedJobId}`]) {
    await audit.goto(`${baseUrl}/#${forbidden}`);
    await audit.waitForFunction(() => location.hash === '#/audit');
    await heading(audit, 'Audit trail');
  }
  await audit.locator('.timeline li').first().waitFor();
  // The global stream, a page at a time in order of position.
  await audit.getByLabel('Events per page').selectOption('25');
  await audit.getByRole('button', { name: 'Filter' }).click();
  await audit.waitForFunction(() => location.hash.includes('limit=25') && document.querySelectorAll('.timeline > li').length === 25);
  const positions = async () => (await audit.locator('.timeline > li .meta').allTextContents())
    .map((t) => Number(t.match(/position (\d+)/)[1]));
  const firstPage = await positions();
  await audit.getByRole('button', { name: 'Next page' }).click();
  await audit.waitForFunction(() => location.hash.includes('after='));
  await audit.getByRole('button', { name: 'First page' }).waitFor();
  const nextPage = await positions();
  assert.ok(nextPage.length > 0 && nextPage[0] > Math.max(...firstPage), `the next page follows: ${firstPage.at(-1)} → ${nextPage[0]}`);
  // Filtered by event type and by aggregate: only what was asked for.
  await audit.goto(`${baseUrl}/#/audit`);
  await audit.getByLabel('Event types').fill('JobCompletedEvent');
  await audit.getByRole('button', { name: 'Filter' }).click();
  await audit.waitForFunction(() => location.hash.includes('type=JobCompletedEvent'));
  await audit.locator('.timeline > li').first().waitFor();
  const completedTypes = await audit.locator('.timeline > li strong').allTextContents();
  assert.ok(completedTypes.length >= 2 && completedTypes.every((t) => t === 'JobCompletedEvent'), completedTypes.join(', '));
  await audit.getByLabel('Event types').fill('');
  await audit.getByLabel('Aggregate id').fill(completedJobId);
  await audit.getByRole('button', { name: 'Filter' }).click();
  await audit.waitForFunction(() => location.hash.includes('aggregate_id=') && !location.hash.includes('type='));
  await audit.locator('.timeline > li').first().waitFor();
  const aggregates = await audit.locator('.timeline > li .meta a').allTextContents();
  assert.ok(aggregates.length >= 2 && aggregates.every((a) => a === completedJobId), aggregates.join(', '));
  await shot(audit, '12-auditor-events.png');
  // Any job's history by its id, and the job's state as of one of its events.
  const auditedEvents = await jobTimeline(audit, completedJobId);
  const stateAfter = async (type) => {
    await audit.locator(`.timeline > li[data-type="${type}"]`).getByRole('button', { name: /^State after/ }).click();
    await audit.locator('#state-h').filter({ hasText: `(${type})` }).waitFor();
    return audit.locator('#job-state dd').first().textContent();
  };
  assert.notEqual(await stateAfter('JobCreatedEvent'), 'completed', 'just created, the job had not completed');
  assert.equal(await stateAfter('JobCompletedEvent'), 'completed');
  await shot(audit, '13-auditor-job-history.png');
  await shotsOf(audit, 'auditor', [
    ['audit', '/audit', 'Audit trail', '.timeline li'],
    ['job-history', `/audit/jobs/${completedJobId}`, `History of ${completedJobId}`, '.timeline li'],
  ]);
  log(`auditor: audit pages only, ${firstPage.length} + ${nextPage.length} events paged, ${completedTypes.length} completions, timeline of ${auditedEvents.length}`);

  // 9. The session ends elsewhere: the password is changed in another client, which ends every session
  // (access tokens, refresh tokens, links). The console's next request is refused, so is its refresh,
  // and the console lands on the sign-in page by itself, with a message.
  const auditorToken = await apiLogin(auditor.email, auditor.password);
  const changed = await apiCall(auditorToken, 'PATCH', '/api/v1/auth/profile',
    { current_password: auditor.password, new_password: 'Auditor-Pass-456!' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  audit.allowed.add(401);
  await audit.goto(`${baseUrl}/#/audit`);
  await heading(audit, 'Sign in', 60000);
  await audit.getByText('Your session has ended').waitFor();
  assert.equal(await audit.evaluate(() => sessionStorage.getItem('voxify.refresh_token')), null);
  assert.deepEqual(await audit.locator('#nav a').allTextContents(), ['Sign in', 'Create an account']);
  await shot(audit, '14-refresh-refused.png');
  log(`a refused quiet refresh sent the auditor to sign-in ${((Date.now() - signedInAt) / 1000).toFixed(0)} s after signing in`);

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
