// Drives account deletion in the console in Debian's chromium (headless) against a running Voxify: a person opens
// "Delete my account", is told what goes and that it cannot be undone, gives a wrong password (the dialog shows the
// server's reason and they stay signed in), then the right one: they are signed out with a notice, and signing in
// again fails. An administrator then deletes another person from the users table, which no longer lists them.
// Usage: node delete-account.mjs <baseUrl> <screenshotDir> <adminEmail> <adminPassword>
// Exits non-zero on a failed step, on any page error, and on any browser console error it did not provoke.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [baseUrl, shots, adminEmail, adminPassword] = process.argv.slice(2);
if (!baseUrl || !shots || !adminEmail || !adminPassword) {
  console.error('usage: node delete-account.mjs <baseUrl> <screenshotDir> <adminEmail> <adminPassword>');
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

async function register(prefix) {
  const person = { email: `${prefix}-${Date.now()}@example.com`, password: 'Delete-Pass-123!' };
  const registered = await api('POST', '/api/v1/auth/register',
    { email: person.email, password: person.password, first_name: 'Delete', last_name: 'Tester' });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  person.id = registered.body.data.id;
  return person;
}

async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: baseUrl });
  const page = await context.newPage();
  page.allowed = new Set();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const status = msg.text().match(/status of (\d{3})/);
    if (status && page.allowed.has(Number(status[1]))) return;
    problems.push(`console error: ${msg.text()}`);
  });
  return page;
}

async function signIn(page, email, password, landing) {
  await page.goto(`${baseUrl}/#/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (landing) await page.getByRole('heading', { level: 1, name: landing }).waitFor();
}

let page;

try {
  const person = await register('delete-me');
  const token = (await api('POST', '/api/v1/auth/login', { email: person.email, password: person.password })).body.data.access_token;
  const job = await api('POST', '/api/v1/job', { text_content: 'Words that go with their author.', voice_model_id: 'default_voice_001' }, token);
  assert.equal(job.status, 201, JSON.stringify(job.body));
  // What the server says to a wrong password (a refusal changes nothing): the console must show this.
  const wrong = await api('DELETE', '/api/v1/auth/account', { password: 'Not-The-Pass-1!' }, token);
  assert.equal(wrong.status, 401, JSON.stringify(wrong.body));
  assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');
  const reason = wrong.body.error.message;

  page = await openPage();
  await signIn(page, person.email, person.password, 'Synthesis');
  log('signed in as', person.email);

  // 1. The confirmation says what goes and that it cannot be undone, and asks for the password.
  await page.getByRole('button', { name: 'Delete my account', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await dialog.waitFor();
  const said = await dialog.innerText();
  for (const words of ['cannot be undone', 'e-mail address', 'jobs', 'voice samples', 'cloned voices',
    'favourites and ratings', 'register again', 'counts, durations, statuses, times']) {
    assert.ok(said.includes(words), `the confirmation mentions "${words}":\n${said}`);
  }
  const password = dialog.getByLabel('Password');
  assert.equal(await password.evaluate((el) => el === document.activeElement), true, 'the password has the focus');

  // 2. A wrong password: the server's reason in the dialog, which stays open, and the person is still signed in.
  page.allowed.add(401);
  await password.fill('Not-The-Pass-1!');
  await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
  await dialog.getByRole('alert').filter({ hasText: reason }).waitFor();
  await page.screenshot({ path: join(shots, 'delete-wrong-password.png'), fullPage: true });
  assert.equal(await page.getByRole('heading', { level: 1, name: 'Synthesis' }).isVisible(), true);
  assert.notEqual(await page.evaluate(() => sessionStorage.getItem('voxify.refresh_token')), null, 'still signed in');
  log('a wrong password was refused with the server\'s reason:', reason);

  // Cancel closes the dialog and changes nothing; it opens again empty.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await api('GET', '/api/v1/auth/profile', undefined, token)).status, 200, 'the account is still there');
  await page.getByRole('button', { name: 'Delete my account', exact: true }).click();
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Password').inputValue(), '');

  // 3. The right password: signed out, told so, and the account is gone.
  await dialog.getByLabel('Password').fill(person.password);
  await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Your account has been deleted' }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => sessionStorage.getItem('voxify.refresh_token')), null, 'signed out here');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  await page.screenshot({ path: join(shots, 'delete-signed-out.png'), fullPage: true });
  log('the account was deleted and the console signed out');

  // 4. Signing in again fails, in the console and through the API.
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
  assert.equal((await api('POST', '/api/v1/auth/login', { email: person.email, password: person.password })).status, 401);
  log('signing in again fails');

  // 5. An administrator deletes another person from the users table; their own row offers no Delete.
  const victim = await register('deleted-by-admin');
  page = await openPage();
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  const users = page.locator('section[aria-labelledby="users-h"]');
  const rowOf = (email) => users.getByRole('row').filter({ has: page.getByRole('cell', { name: email, exact: true }) });
  const row = rowOf(victim.email);
  const own = rowOf(adminEmail);
  await row.waitFor();
  await own.waitFor();
  assert.equal(await own.getByRole('button', { name: 'Delete', exact: true }).count(), 0, 'no Delete on the administrator\'s own row');

  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${victim.email}?` });
  await confirm.waitFor();
  assert.ok((await confirm.innerText()).includes('cannot be undone'));
  // Cancel first: nothing happens.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'detached' });
  await row.waitFor();
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await confirm.waitFor();
  await page.screenshot({ path: join(shots, 'delete-admin-confirm.png'), fullPage: true });
  await confirm.getByRole('button', { name: 'Delete this account' }).click();
  await page.locator('#notice').filter({ hasText: `${victim.email} deleted` }).waitFor();
  await row.waitFor({ state: 'detached' });
  await own.waitFor();
  assert.equal((await api('POST', '/api/v1/auth/login', { email: victim.email, password: victim.password })).status, 401);
  await page.screenshot({ path: join(shots, 'delete-admin-done.png'), fullPage: true });
  log('the administrator deleted', victim.email);

  if (problems.length) throw new Error(`browser problems:\n  ${problems.join('\n  ')}`);
  log('account deletion flow passed');
} catch (e) {
  console.error(e);
  if (page) await page.screenshot({ path: join(shots, 'failed-delete-account.png'), fullPage: true }).catch(() => {});
  if (problems.length) console.error(`browser problems:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
