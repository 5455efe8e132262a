// The audit trail, for auditors and administrators: any job's history as a timeline (with the job's
// state as of any of its events) and the global event stream with filters. Read-only.
import { api } from '../api.js';
import { clear, errorBox, field, fmtDate, h, routeParams, select, setRouteParams } from '../dom.js';

const AGGREGATE_TYPES = ['SynthesisJob', 'VoiceSample', 'VoiceClone', 'TrainingJob', 'UserAccount', 'Favorites',
  'PlatformConfiguration'];
const PAGE_SIZES = [25, 50, 100];

/** The job-id lookup that opens a job's timeline (the audit page and the admin page both show it). */
export function historyLookup(area) {
  const input = h('input', { name: 'job_id', placeholder: 'job_…', required: true, pattern: '[\\w\\-]+',
    title: 'A job id such as job_…' });
  clear(area, h('h2', { id: 'history-h' }, 'A job’s audit history'),
    h('form', { class: 'row', 'aria-label': 'Find a job’s history', onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/audit/jobs/${encodeURIComponent(input.value.trim())}`;
    } }, field('Job id', input), h('div', {}, h('button', { type: 'submit' }, 'Show timeline'))));
}

/** Events as a timeline, oldest first; each can say whose and which aggregate's it is. */
function timeline(events, label, { aggregate = false, extra = () => null } = {}) {
  return h('ol', { class: 'timeline', 'aria-label': label }, events.map((e) => h('li', { dataset: { type: e.type } },
    h('p', {}, h('strong', {}, e.type), ` · ${fmtDate(e.timestamp)} · #${e.sequence}`,
      e.metadata && e.metadata.user_id ? ` · by ${e.metadata.user_id}` : ''),
    aggregate ? h('p', { class: 'meta' }, `${e.aggregate_type} `, e.aggregate_type === 'SynthesisJob'
      ? h('a', { href: `#/audit/jobs/${encodeURIComponent(e.aggregate_id)}` }, e.aggregate_id) : e.aggregate_id,
    ` · position ${e.position}`) : null,
    h('details', {}, h('summary', {}, 'Payload'), h('pre', {}, JSON.stringify(e.payload, null, 2))),
    extra(e))));
}

export async function renderJobHistory(main, { match, signal }) {
  const id = decodeURIComponent(match[1]);
  const body = await api(`/audit/jobs/${encodeURIComponent(id)}/events?limit=1000`, { signal });
  const state = h('section', { class: 'card', 'aria-labelledby': 'state-h', 'aria-live': 'polite' },
    h('h2', { id: 'state-h' }, 'The job’s state'), h('p', { class: 'hint' }, 'Choose an event to see the job as it was then.'));
  const stateAt = (e) => h('button', { type: 'button', class: 'small secondary', onclick: async () => {
    try {
      const s = (await api(`/audit/jobs/${encodeURIComponent(id)}/state?at=${encodeURIComponent(e.timestamp)}`, { signal })).data;
      clear(state, h('h2', { id: 'state-h' }, `The job’s state after #${e.sequence} (${e.type})`),
        h('dl', { class: 'facts', id: 'job-state' },
          h('dt', {}, 'Status'), h('dd', {}, s.job.status),
          h('dt', {}, 'Progress'), h('dd', {}, `${Math.round(s.job.progress ?? 0)} %`),
          h('dt', {}, 'Voice'), h('dd', {}, s.job.voice_model_id),
          h('dt', {}, 'Format'), h('dd', {}, `${s.job.output_format} · ${s.job.sample_rate} Hz`),
          h('dt', {}, 'Events so far'), h('dd', {}, s.event_count),
          h('dt', {}, 'Text'), h('dd', {}, s.job.text_content)));
    } catch (error) {
      clear(state, h('h2', { id: 'state-h' }, 'The job’s state'), errorBox(error));
    }
  } }, `State after #${e.sequence}`);
  main.append(h('h1', {}, `History of ${id}`),
    h('p', {}, h('a', { href: '#/audit' }, 'Audit trail')),
    timeline(body.data, 'Events, oldest first', { extra: stateAt }), state);
}

/** The audit page: a job's history by id, and the global stream filtered by the route's query. */
export async function render(main, { signal }) {
  const params = routeParams();
  const lookup = h('section', { class: 'card', 'aria-labelledby': 'history-h' });
  historyLookup(lookup);
  const filters = {
    type: params.get('type') || '',
    aggregate_type: params.get('aggregate_type') || '',
    aggregate_id: params.get('aggregate_id') || '',
    user_id: params.get('user_id') || '',
    limit: params.get('limit') || '50',
    after: params.get('after') || '',
  };
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
  const type = h('input', { name: 'type', value: filters.type, placeholder: 'JobCompletedEvent, JobFailedEvent' });
  const aggregateType = select('aggregate_type', [['', 'Any'], ...AGGREGATE_TYPES.map((t) => [t, t])], filters.aggregate_type);
  const aggregateId = h('input', { name: 'aggregate_id', value: filters.aggregate_id, maxLength: 64 });
  const userId = h('input', { name: 'user_id', value: filters.user_id, maxLength: 64 });
  const limit = select('limit', PAGE_SIZES.map((n) => [n, String(n)]), filters.limit);
  const apply = (after) => setRouteParams('/audit', { type: type.value.trim(), aggregate_type: aggregateType.value,
    aggregate_id: aggregateId.value.trim(), user_id: userId.value.trim(), limit: limit.value, after });
  const form = h('form', { class: 'card filters', role: 'search', 'aria-label': 'Filter events', onsubmit: (e) => {
    e.preventDefault();
    apply('');
  } },
  h('div', { class: 'grid' },
    field('Event types', type, 'Comma-separated, e.g. JobCreatedEvent,JobCompletedEvent'),
    field('Aggregate type', aggregateType), field('Aggregate id', aggregateId), field('User id', userId),
    field('Events per page', limit)),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter'), h('a', { href: '#/audit' }, 'Clear filters')));

  const events = h('section', { class: 'card', 'aria-labelledby': 'events-h' });
  main.append(h('h1', {}, 'Audit trail'), lookup, form, events);
  let body;
  try {
    body = await api(`/audit/events?${query}`, { signal });
  } catch (error) {
    if (error.status === 401) throw error;
    clear(events, h('h2', { id: 'events-h' }, 'Events'), errorBox(error));
    return;
  }
  const page = body.meta.pagination;
  clear(events, h('h2', { id: 'events-h' }, 'Events'),
    h('p', { class: 'meta', role: 'status' }, `${page.count} event${page.count === 1 ? '' : 's'}`
      + `${filters.after ? ` after position ${filters.after}` : ''}, oldest first`),
    body.data.length ? timeline(body.data, 'Events', { aggregate: true }) : h('p', { class: 'empty' }, 'No event matches.'),
    h('div', { class: 'actions pager' },
      filters.after ? h('button', { type: 'button', class: 'secondary', onclick: () => apply('') }, 'First page') : null,
      page.has_more ? h('button', { type: 'button', onclick: () => apply(page.next_after) }, 'Next page') : null));
}
