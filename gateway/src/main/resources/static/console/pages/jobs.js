import { api, isAdmin } from '../api.js';
import { announce, clear, errorBox, field, fmtDate, fmtSeconds, h, routeParams, select, setRouteParams } from '../dom.js';
import { jobPlayer } from '../player.js';
import { follow, voiceOptions } from './synthesis.js';

const STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'];
const SORTS = [['created_at', 'Created'], ['updated_at', 'Updated'], ['status', 'Status'], ['progress', 'Progress'],
  ['duration', 'Duration'], ['text_length', 'Text length']];
const PAGE_SIZES = [10, 20, 50, 100];

/** A failed or cancelled job cannot run again: retrying submits a new job with the same text and settings. */
export async function retry(jobId) {
  const job = (await api(`/job/${jobId}`)).data;
  return (await api('/job', { method: 'POST', body: {
    text_content: job.text_content,
    voice_model_id: job.voice_model_id,
    text_language: job.text_language || undefined,
    speed: job.speed, pitch: job.pitch, volume: job.volume,
    output_format: job.output_format, sample_rate: job.sample_rate,
    config: { emotion: job.config.emotion, include_timestamps: job.config.include_timestamps,
      timestamp_granularity: job.config.timestamp_granularity },
  } })).data;
}

export async function render(main, { signal }) {
  const params = routeParams();
  const state = {
    status: params.get('status') || '',
    text_search: params.get('text_search') || '',
    voice_model_id: params.get('voice_model_id') || '',
    sort_by: params.get('sort_by') || 'created_at',
    sort_order: params.get('sort_order') || 'desc',
    page_size: Number(params.get('page_size')) || 20,
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const status = select('status', [['', 'Any status'], ...STATUSES.map((s) => [s, s])], state.status);
  const search = h('input', { type: 'search', name: 'text_search', value: state.text_search, maxLength: 200 });
  const voices = await voiceOptions(signal);
  const voiceNames = new Map(voices.map((v) => [v.voice_model_id, v.name]));
  const voice = select('voice_model_id', [['', 'Any voice'], ...voices.map((v) => [v.voice_model_id, v.name])], state.voice_model_id);
  const sortBy = select('sort_by', SORTS, state.sort_by);
  const sortOrder = select('sort_order', [['desc', 'Newest / largest first'], ['asc', 'Oldest / smallest first']], state.sort_order);
  const pageSize = select('page_size', PAGE_SIZES.map((n) => [n, `${n} per page`]), state.page_size);
  const filters = h('form', { class: 'card filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: (e) => {
    e.preventDefault();
    setRouteParams('/jobs', { status: status.value, text_search: search.value.trim(), voice_model_id: voice.value, sort_by: sortBy.value,
      sort_order: sortOrder.value, page_size: pageSize.value, page: 1 });
  } }, h('div', { class: 'grid' }, field('Status', status), field('Text contains', search), field('Voice', voice), field('Sort by', sortBy),
    field('Order', sortOrder), field('Page size', pageSize)), h('button', { type: 'submit' }, 'Apply'));
  for (const control of [status, voice, sortBy, sortOrder, pageSize]) {
    control.addEventListener('change', () => filters.requestSubmit());
  }

  const feedback = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  main.append(h('h1', {}, 'Jobs'), filters, feedback, list);

  const query = new URLSearchParams({ sort_by: state.sort_by, sort_order: state.sort_order,
    limit: state.page_size, offset: (state.page - 1) * state.page_size, include_text: 'false' });
  if (state.status) query.set('status', state.status);
  if (state.text_search) query.set('text_search', state.text_search);
  if (state.voice_model_id) query.set('voice_model_id', state.voice_model_id);
  const body = await api(`/job?${query}`, { signal });
  const pagination = body.meta.pagination;

  const act = (label, fn, variant = 'secondary') => h('button', { type: 'button', class: `small ${variant}`, onclick: async (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    try {
      const message = await fn();
      await render(clear(main), { signal });
      announce(message);
      // The button is gone with the old list: keep keyboard users on the page, at its heading.
      main.querySelector('h1')?.setAttribute('tabindex', '-1');
      main.querySelector('h1')?.focus();
    } catch (error) {
      feedback.replaceChildren(errorBox(error));
      button.disabled = false;
    }
  } }, label);

  if (!body.data.length) {
    list.append(h('p', { class: 'empty' }, state.status || state.text_search || state.voice_model_id ? 'No job matches these filters.'
      : 'No jobs yet. Start one on the Synthesis page.'));
    return;
  }
  const rows = body.data.map((job) => h('tr', { dataset: { jobId: job.id, status: job.status } },
    h('td', {}, h('a', { href: `#/jobs/${job.id}` }, job.text_content || job.id)),
    h('td', {}, h('span', { class: `badge ${job.status}` }, job.status)),
    h('td', {}, `${Math.round(job.progress || 0)} %`),
    h('td', {}, voiceNames.get(job.voice_model_id) || job.voice_model_id),
    h('td', {}, fmtSeconds(job.duration)),
    h('td', {}, fmtDate(job.created_at)),
    h('td', { class: 'actions' },
      ['pending', 'processing'].includes(job.status)
        ? act('Cancel', async () => {
          await api(`/job/${job.id}`, { method: 'PATCH', body: { status: 'cancelled' } });
          return `Job ${job.id} cancelled`;
        }, 'secondary') : null,
      ['failed', 'cancelled'].includes(job.status)
        ? act('Retry', async () => `Job ${job.id} submitted again as ${(await retry(job.id)).id}`) : null,
      job.status !== 'processing'
        ? act('Delete', async () => {
          await api(`/job/${job.id}`, { method: 'DELETE' });
          return `Job ${job.id} deleted`;
        }, 'danger') : null)));
  list.append(h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, `${pagination.total_count} job${pagination.total_count === 1 ? '' : 's'}`),
    h('thead', {}, h('tr', {}, ['Text', 'Status', 'Progress', 'Voice', 'Duration', 'Created', 'Actions']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows))));

  const go = (page) => setRouteParams('/jobs', { status: state.status, text_search: state.text_search,
    voice_model_id: state.voice_model_id,
    sort_by: state.sort_by, sort_order: state.sort_order, page_size: state.page_size, page });
  list.append(h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', class: 'secondary', disabled: !pagination.has_prev, onclick: () => go(state.page - 1) }, 'Previous page'),
    h('span', {}, `Page ${pagination.page} of ${Math.max(1, pagination.total_pages)}`),
    h('button', { type: 'button', class: 'secondary', disabled: !pagination.has_next, onclick: () => go(state.page + 1) }, 'Next page')));
}

export async function renderOne(main, { match, signal }) {
  const id = match[1];
  const job = (await api(`/job/${id}`, { signal })).data;
  const progressArea = h('div');
  const result = h('div');
  main.append(h('h1', {}, `Job ${job.id}`),
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      fact('Status', h('span', { class: `badge ${job.status}` }, job.status)),
      fact('Voice', job.voice_model_id),
      fact('Settings', `speed ${job.speed}, pitch ${job.pitch}, volume ${job.volume}, ${job.config.emotion || 'neutral'}`),
      fact('Output', `${job.output_format.toUpperCase()}, ${job.sample_rate} Hz`),
      fact('Created', fmtDate(job.created_at)),
      fact('Attempts', job.attempts ?? '—'),
      job.error_message ? fact('Error', job.error_message) : null),
    h('div', { class: 'actions' }, h('a', { href: '#/jobs' }, 'Back to jobs'),
      isAdmin() ? h('a', { href: `#/audit/jobs/${job.id}` }, 'Audit history') : null)),
    progressArea, result);
  if (job.status === 'completed') {
    result.append(await jobPlayer(job, signal));
  } else if (['pending', 'processing'].includes(job.status)) {
    await follow(job, progressArea, result, signal);
  } else {
    result.append(h('section', { class: 'card' }, h('h2', {}, 'Text'), h('p', {}, job.text_content)));
  }
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}
