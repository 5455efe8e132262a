import { api, currentUser } from '../api.js';
import { announce, clear, confirmDialog, errorBox, field, fmtBytes, fmtDate, fmtNumber, h, select } from '../dom.js';
import { historyLookup } from './audit.js';

export async function render(main, { signal }) {
  const stats = h('section', { class: 'card', 'aria-labelledby': 'stats-h' });
  const users = h('section', { class: 'card', 'aria-labelledby': 'users-h' });
  const config = h('section', { class: 'card', 'aria-labelledby': 'config-h' });
  const projections = h('section', { class: 'card', 'aria-labelledby': 'projections-h' });
  const history = h('section', { class: 'card', 'aria-labelledby': 'history-h' });
  main.append(h('h1', {}, 'Administration'),
    h('nav', { 'aria-label': 'Administration sections', class: 'actions' },
      h('a', { href: '#/admin', 'data-jump': 'stats-h' }, 'Statistics'),
      h('a', { href: '#/admin', 'data-jump': 'users-h' }, 'Users'),
      h('a', { href: '#/admin', 'data-jump': 'config-h' }, 'Configuration'),
      h('a', { href: '#/admin', 'data-jump': 'projections-h' }, 'Projections'),
      h('a', { href: '#/admin', 'data-jump': 'history-h' }, 'Job history')),
    stats, users, config, projections, history);
  main.querySelectorAll('[data-jump]').forEach((a) => a.addEventListener('click', (e) => {
    e.preventDefault();
    const target = document.getElementById(a.dataset.jump);
    target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView();
  }));
  historyLookup(history);
  await Promise.all([renderStats(stats, signal), renderUsers(users, signal), renderConfig(config, signal),
    renderProjections(projections, signal)]);
}

function bars(title, entries, format = (v) => v) {
  const max = Math.max(1, ...entries.map(([, v]) => Number(v) || 0));
  return h('figure', {}, h('figcaption', {}, title), h('ul', { class: 'bars' }, entries.map(([label, value]) =>
    h('li', {}, h('span', {}, label),
      h('span', { class: 'fill', style: null, dataset: { w: Math.round((Number(value) || 0) / max * 100) } }),
      h('span', {}, format(value))))));
}

/** Widths come from data attributes through the CSSOM: the CSP allows no inline style attributes. */
function sizeBars(root) {
  root.querySelectorAll('[data-w]').forEach((el) => {
    el.style.width = `${el.dataset.w}%`;
  });
  root.querySelectorAll('[data-hpct]').forEach((el) => {
    el.style.height = `${el.dataset.hpct}%`;
  });
}

async function renderStats(area, signal) {
  const s = (await api('/admin/stats', { signal })).data;
  const perDay = s.jobs_per_day || [];
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const chart = h('figure', {}, h('figcaption', {}, 'Jobs per day, last 30 days'),
    h('div', { class: 'chart', role: 'img', 'aria-label': `Jobs per day: ${perDay.map((d) => `${d.date} ${d.count}`).join(', ')}` },
      perDay.map((d) => h('span', { class: 'bar', title: `${d.date}: ${d.count}`, dataset: { hpct: Math.round(d.count / max * 100) } }))));
  clear(area, h('h2', { id: 'stats-h' }, 'Statistics'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Users'), h('dd', {}, `${s.users.total} (${s.users.active_30d} active in 30 days)`),
      h('dt', {}, 'Jobs'), h('dd', {}, `${s.jobs.total}, failure rate ${s.jobs.failure_rate === null ? '—' : `${fmtNumber(s.jobs.failure_rate * 100, 1)} %`}`),
      h('dt', {}, 'Synthesis time'), h('dd', {}, `p50 ${s.jobs.synthesis_time_ms.p50 ?? '—'} ms, p95 ${s.jobs.synthesis_time_ms.p95 ?? '—'} ms`),
      h('dt', {}, 'Audio synthesised'), h('dd', {}, `${fmtNumber(s.audio_seconds_synthesised, 1)} s`),
      h('dt', {}, 'Storage'), h('dd', {}, fmtBytes(s.storage.total_bytes))),
    h('div', { class: 'compare' }, chart,
      bars('Jobs by status', Object.entries(s.jobs.by_status || {})),
      bars('Top voices (jobs)', (s.top_voices || []).map((v) => [v.name || v.voice_model_id, v.job_count]))));
  sizeBars(area);
}

async function renderUsers(area, signal, search = '') {
  const query = new URLSearchParams({ limit: 50, sort_by: 'created_at', sort_order: 'desc' });
  if (search) query.set('search', search);
  const body = await api(`/admin/users?${query}`, { signal });
  const input = h('input', { type: 'search', value: search, name: 'search' });
  const feedback = h('div', { 'aria-live': 'polite' });
  const rows = body.data.map((u) => {
    const role = select('role', ['user', 'admin', 'auditor'], u.role);
    role.setAttribute('aria-label', `Role of ${u.email}`);
    role.addEventListener('change', () => patch(u, { role: role.value }));
    const active = h('button', { type: 'button', class: `small ${u.is_active ? 'danger' : 'secondary'}`,
      onclick: () => patch(u, { is_active: !u.is_active }) }, u.is_active ? 'Deactivate' : 'Activate');
    // An administrator's own account is deleted from the navigation, with their password.
    const remove = u.id === currentUser()?.id ? null : h('button', { type: 'button', class: 'small danger',
      onclick: () => confirmUserDeletion(u) }, 'Delete');
    return h('tr', {}, h('td', {}, u.email), h('td', {}, role), h('td', {}, u.is_active ? 'active' : 'inactive'),
      h('td', {}, u.job_count), h('td', {}, fmtDate(u.last_active_at)), h('td', { class: 'actions' }, active, remove));
  });
  async function confirmUserDeletion(u) {
    const deleted = await confirmDialog({
      title: `Delete ${u.email}?`,
      confirmLabel: 'Delete this account',
      content: [
        h('p', {}, h('strong', {}, 'This cannot be undone.'), ` Every session of ${u.email} ends; their profile, jobs `
          + 'and audio, samples, clones, favourites and ratings are removed, and every personal field is erased from '
          + 'the history. The audit trail keeps what happened and when; the e-mail address can register again.'),
      ],
      action: () => api(`/admin/users/${u.id}`, { method: 'DELETE' }),
    });
    if (!deleted) return;
    announce(`${u.email} deleted`);
    try {
      await renderUsers(area, signal, search);
    } catch (error) {
      feedback.replaceChildren(errorBox(error));
    }
  }
  async function patch(u, change) {
    try {
      await api(`/admin/users/${u.id}`, { method: 'PATCH', body: change });
      announce(`${u.email} updated`);
      await renderUsers(area, signal, search);
    } catch (error) {
      feedback.replaceChildren(errorBox(error));
    }
  }
  clear(area, h('h2', { id: 'users-h' }, 'Users'),
    h('form', { role: 'search', 'aria-label': 'Find users', class: 'row', onsubmit: (e) => {
      e.preventDefault();
      renderUsers(area, signal, input.value.trim());
    } }, field('E-mail contains', input), h('div', {}, h('button', { type: 'submit' }, 'Find'))),
    feedback,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, `${body.meta.pagination.total_count} users`),
      h('thead', {}, h('tr', {}, ['E-mail', 'Role', 'Status', 'Jobs', 'Last active', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))));
}

/**
 * The form is built from the settings the server declares (GET /admin/config/schema): each one's label,
 * description, type and bounds. Only what changed is sent, with the version it was read at.
 */
async function renderConfig(area, signal) {
  const [config, schema] = await Promise.all([api('/admin/config', { signal }), api('/admin/config/schema', { signal })]);
  const c = config.data;
  const settings = schema.data;
  const controls = Object.fromEntries(settings.map((s) => [s.name, settingControl(s, c[s.name])]));
  const feedback = h('div', { 'aria-live': 'polite' });
  const lists = settings.filter((s) => s.allowed_values).map((s) => h('datalist', { id: `${s.name}-values` },
    s.allowed_values.map((v) => h('option', { value: v }))));
  clear(area, h('h2', { id: 'config-h' }, 'Configuration'),
    h('p', { class: 'meta' }, `Version ${c.version}${c.updated_at ? `, changed ${fmtDate(c.updated_at)}` : ''}`),
    h('form', { onsubmit: async (e) => {
      e.preventDefault();
      const change = { version: c.version };
      for (const s of settings) {
        const value = settingValue(s, controls[s.name]);
        if (value !== c[s.name]) change[s.name] = value;
      }
      try {
        await api('/admin/config', { method: 'PUT', body: change });
        announce('Configuration saved');
        await renderConfig(area, signal);
      } catch (error) {
        feedback.replaceChildren(errorBox(error));
      }
    } }, lists,
    h('div', { class: 'grid' }, settings.filter((s) => s.type !== 'boolean')
      .map((s) => field(s.label, controls[s.name], s.description))),
    settings.filter((s) => s.type === 'boolean').map((s) => check(s, controls[s.name])),
    feedback, h('button', { type: 'submit' }, 'Save configuration')));
}

function settingControl(s, value) {
  const id = `setting-${s.name.replaceAll('_', '-')}`;
  if (s.type === 'boolean') return h('input', { type: 'checkbox', id, name: s.name, checked: Boolean(value) });
  if (s.type === 'integer') {
    // A node's default may lie outside what an administrator may choose; the browser must not then
    // refuse to save the other settings, so a bound the value already breaks is left to the server.
    return h('input', { type: 'number', id, name: s.name, value: value ?? '', step: 1,
      min: s.min !== null && value >= s.min ? s.min : null, max: s.max !== null && value <= s.max ? s.max : null });
  }
  return h('input', { type: 'text', id, name: s.name, value: value ?? '', maxlength: s.max_length,
    list: s.allowed_values ? `${s.name}-values` : null });
}

/** The control's value as the API takes it; text that is not a number goes as it is, for the server to explain. */
function settingValue(s, control) {
  if (s.type === 'boolean') return control.checked;
  const text = control.value.trim();
  if (s.type !== 'integer') return text;
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : text;
}

function check(s, control) {
  const hint = h('span', { class: 'hint', id: `${control.id}-hint` }, s.description);
  control.setAttribute('aria-describedby', hint.id);
  return h('div', { class: 'check' }, control, h('label', { for: control.id }, s.label), hint);
}

async function renderProjections(area, signal) {
  const list = (await api('/admin/projections', { signal })).data;
  const feedback = h('div', { 'aria-live': 'polite' });
  const rows = list.map((p) => h('tr', {},
    h('td', {}, p.name), h('td', {}, p.kind), h('td', {}, p.status),
    h('td', {}, `${p.position ?? '—'} / ${p.head ?? '—'}`), h('td', {}, p.lag ?? '—'),
    h('td', {}, p.replay_progress === null || p.replay_progress === undefined ? '—' : `${fmtNumber(p.replay_progress * 100, 0)} %`),
    h('td', {}, p.dead_letters ?? 0),
    h('td', {}, p.replayable ? h('button', { type: 'button', class: 'small secondary', onclick: async () => {
      try {
        await api(`/admin/projections/${encodeURIComponent(p.name)}/replay`, { method: 'POST' });
        announce(`Replay of ${p.name} started`);
        await renderProjections(area, signal);
      } catch (error) {
        feedback.replaceChildren(errorBox(error));
      }
    } }, `Replay ${p.name}`) : '')));
  clear(area, h('h2', { id: 'projections-h' }, 'Projections'), feedback,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Status', 'Position / head', 'Lag', 'Replay', 'Dead letters', '']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))));
}
