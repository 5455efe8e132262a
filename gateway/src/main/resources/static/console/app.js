// The console shell: a hash router (#/jobs), the navigation, and the session's effect on both.
import { currentUser, deleteMyAccount, exportMyData, onSessionChange, restore, signOut } from './api.js';
import { announce, clear, confirmDialog, field, h } from './dom.js';
import * as auth from './pages/auth.js';
import * as synthesis from './pages/synthesis.js';
import * as jobs from './pages/jobs.js';
import * as voices from './pages/voices.js';
import * as myVoice from './pages/myvoice.js';
import * as admin from './pages/admin.js';
import * as audit from './pages/audit.js';

// Who may open a page: `roles` (signed in, with one of these roles) or `public` (signed out only).
const WORK = ['user', 'admin'];
const routes = [
  { path: /^\/sign-in$/, page: auth.signInPage, title: 'Sign in', public: true },
  { path: /^\/sign-up$/, page: auth.signUpPage, title: 'Create an account', public: true },
  { path: /^\/synthesis$/, page: synthesis.render, title: 'Synthesis', nav: 'Synthesis', href: '/synthesis', roles: WORK },
  { path: /^\/jobs$/, page: jobs.render, title: 'Jobs', nav: 'Jobs', href: '/jobs', roles: WORK },
  { path: /^\/jobs\/([\w-]+)$/, page: jobs.renderOne, title: 'Job', roles: WORK },
  { path: /^\/voices$/, page: voices.render, title: 'Voice library', nav: 'Voice library', href: '/voices', roles: WORK },
  { path: /^\/my-voice$/, page: myVoice.render, title: 'My voice', nav: 'My voice', href: '/my-voice', roles: WORK },
  { path: /^\/audit$/, page: audit.render, title: 'Audit trail', nav: 'Audit', href: '/audit', roles: ['admin', 'auditor'] },
  { path: /^\/audit\/jobs\/([\w%-]+)$/, page: audit.renderJobHistory, title: 'Job history', roles: ['admin', 'auditor'] },
  { path: /^\/admin$/, page: admin.render, title: 'Administration', nav: 'Admin', href: '/admin', roles: ['admin'] },
];

function allowed(r, user = currentUser()) {
  return user ? !r.public && r.roles.includes(user.role) : !!r.public;
}

/** Where a user starts: the first page in the navigation their role may open. */
export function home(user = currentUser()) {
  if (!user) return '#/sign-in';
  const first = routes.find((r) => r.nav && allowed(r, user));
  return first ? `#${first.href}` : '#/sign-in';
}

let current = null;
let firstRoute = true;

function parse() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path] = hash.split('?');
  return path;
}

function renderNav() {
  const nav = document.getElementById('nav');
  const user = currentUser();
  const path = parse();
  if (!user) {
    clear(nav, h('ul', {}, h('li', {}, link('#/sign-in', 'Sign in', path === '/sign-in')),
      h('li', {}, link('#/sign-up', 'Create an account', path === '/sign-up'))));
    return;
  }
  const items = routes.filter((r) => r.nav && allowed(r, user))
    .map((r) => h('li', {}, link(`#${r.href}`, r.nav, path === r.href || path.startsWith(`${r.href}/`))));
  const signOutButton = h('button', { type: 'button', class: 'link-button', onclick: async () => {
    await signOut();
    location.hash = '#/sign-in';
  } }, 'Sign out');
  const exportButton = h('button', { type: 'button', class: 'link-button', onclick: (e) => downloadExport(e.currentTarget) },
    'Export my data');
  const deleteButton = h('button', { type: 'button', class: 'link-button', onclick: confirmAccountDeletion },
    'Delete my account');
  clear(nav, h('ul', {}, items,
    h('li', { class: 'who' }, h('span', {}, user.email)), h('li', {}, exportButton), h('li', {}, deleteButton),
    h('li', {}, signOutButton)));
}

/**
 * Deleting one's own account: a confirmation that says what goes and what stays, and asks for the password.
 * A wrong password keeps the dialog open with the server's reason; once deleted, the session has ended and
 * the sign-in page says so.
 */
function confirmAccountDeletion() {
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  return confirmDialog({
    title: 'Delete your account?',
    confirmLabel: 'Delete my account for good',
    content: [
      h('p', {}, h('strong', {}, 'This cannot be undone.'), ' Deleting your account signs you out everywhere and erases:'),
      h('ul', {},
        h('li', {}, 'your profile: your e-mail address and name, and the network addresses you signed in from;'),
        h('li', {}, 'your jobs, with their texts, word timings, callback URLs and audio;'),
        h('li', {}, 'your voice samples (names, transcripts, recordings), your cloned voices and their training;'),
        h('li', {}, 'your favourites and ratings.')),
      h('p', {}, 'The audit trail keeps only what happened and when (counts, durations, statuses, times), '
        + 'with nothing that says who you were. Your e-mail address can be used to register again. '
        + 'To keep a copy, use “Export my data” first.'),
      field('Password', password, 'Your password, to confirm it is you.'),
    ],
    action: () => deleteMyAccount(password.value),
  });
}

/** Downloads everything held about the signed-in person as the JSON file the server names. */
async function downloadExport(button) {
  button.disabled = true;
  announce('Preparing your data export…');
  try {
    const { blob, filename } = await exportMyData();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    announce(`Your data was downloaded as ${filename}.`);
  } catch (e) {
    if (e.status !== 401) announce(e.message || String(e));
  } finally {
    button.disabled = false;
  }
}

function link(href, text, active) {
  return h('a', { href, 'aria-current': active ? 'page' : null }, text);
}

async function route() {
  const path = parse();
  const match = routes.map((r) => ({ r, m: path.match(r.path) })).find((x) => x.m);
  if (current) {
    current.controller.abort();
    current = null;
  }
  // An unknown page, or one this visitor may not open, sends them to where they start.
  if (!match || !allowed(match.r)) {
    location.replace(home());
    return;
  }
  const { r, m } = match;
  renderNav();
  const main = document.getElementById('main');
  const controller = new AbortController();
  current = { controller };
  document.title = `${r.title} · Voxify`;
  clear(main);
  try {
    await r.page(main, { match: m, signal: controller.signal });
  } catch (e) {
    if (e.name === 'AbortError' || controller.signal.aborted) return;
    if (e.status === 401) return; // the session ended: the listener below moves to sign-in
    main.append(h('div', { class: 'error', role: 'alert' }, h('p', {}, e.message || String(e))));
  }
  // After navigating, focus moves to the new page's heading (screen readers announce it); on the first
  // load it stays at the top, so the skip link is the first Tab stop.
  const heading = main.querySelector('h1');
  if (heading && !controller.signal.aborted) {
    heading.setAttribute('tabindex', '-1');
    const idle = document.activeElement === document.body || document.activeElement === main;
    if (!firstRoute && idle) heading.focus();
  }
  firstRoute = false;
}

const SIGNED_OUT_NOTICES = {
  expired: 'Your session has ended. Please sign in again.',
  deleted: 'Your account has been deleted. Everything it held is being removed.',
};

onSessionChange((user, reason) => {
  renderNav();
  if (!user && SIGNED_OUT_NOTICES[reason]) {
    sessionStorage.setItem('voxify.notice', SIGNED_OUT_NOTICES[reason]);
    if (location.hash === '#/sign-in') route();
    else location.hash = '#/sign-in';
  }
});

// The skip link focuses the content without touching the hash (the hash is the route).
document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main').focus();
});

window.addEventListener('hashchange', () => {
  announce('');
  route();
});

(async () => {
  await restore();
  route();
})();
