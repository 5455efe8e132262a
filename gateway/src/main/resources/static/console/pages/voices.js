import { api, audioUrl } from '../api.js';
import { announce, errorBox, field, fmtNumber, h, routeParams, select, setRouteParams } from '../dom.js';

export async function render(main, { signal }) {
  const params = routeParams();
  const state = {
    q: params.get('q') || '',
    language: params.get('language') || '',
    gender: params.get('gender') || '',
    type: params.get('type') || '',
    tags: params.get('tags') || '',
    favorite: params.get('favorite') === 'true',
    owner: params.get('owner') || '',
    sort_by: params.get('sort_by') || '',
  };
  const query = new URLSearchParams({ limit: 100 });
  for (const key of ['q', 'language', 'gender', 'type', 'tags', 'owner', 'sort_by']) if (state[key]) query.set(key, state[key]);
  if (state.favorite) query.set('favorite', 'true');
  const body = await api(`/voice/models?${query}`, { signal });
  const available = body.meta.filters;

  const q = h('input', { type: 'search', name: 'q', value: state.q, maxLength: 500,
    placeholder: 'e.g. calm British narrator' });
  const language = select('language', [['', 'Any language'], ...available.available_languages.map((l) => [l, l])], state.language);
  const gender = select('gender', [['', 'Any gender'], ['female', 'Female'], ['male', 'Male']], state.gender);
  const type = select('type', [['', 'Any type'], ['preset', 'Preset'], ['custom', 'My clones']], state.type);
  // An administrator may list one user's clones by id (#/voices?owner=user_…); it stays selectable here.
  const ownerChoices = [['', 'Anyone'], ['me', 'Mine'], ['system', 'Shared voices']];
  if (state.owner && !ownerChoices.some(([v]) => v === state.owner)) ownerChoices.push([state.owner, state.owner]);
  const owner = select('owner', ownerChoices, state.owner);
  const sortBy = select('sort_by', [['', state.q ? 'Best match' : 'Catalogue order'], ['user_rating', 'Highest rated'],
    ['name', 'Name']], state.sort_by);
  const favorite = h('input', { type: 'checkbox', id: 'favorite-only', checked: state.favorite });
  const chosen = new Set(state.tags.split(',').filter(Boolean));
  const tagBoxes = [...new Set([...available.available_tags, ...chosen])].sort().map((tag) => {
    const box = h('input', { type: 'checkbox', name: 'tag', value: tag, checked: chosen.has(tag), id: `tag-${tag}` });
    return h('label', { for: box.id }, box, tag);
  });
  const form = h('form', { class: 'card filters', role: 'search', 'aria-label': 'Filter voices', onsubmit: (e) => {
    e.preventDefault();
    setRouteParams('/voices', { q: q.value.trim(), language: language.value, gender: gender.value, type: type.value,
      tags: [...form.querySelectorAll('input[name="tag"]:checked')].map((b) => b.value).join(','),
      favorite: favorite.checked ? 'true' : '', owner: owner.value, sort_by: sortBy.value });
  } },
  field('Search by description', q),
  h('div', { class: 'grid' }, field('Language', language), field('Gender', gender), field('Type', type),
    field('Owner', owner), field('Sort by', sortBy)),
  h('fieldset', {}, h('legend', {}, 'Tags (all must match)'), h('div', { class: 'tag-list' }, tagBoxes)),
  h('div', { class: 'check' }, favorite, h('label', { for: 'favorite-only' }, 'Favourites only')),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'),
    h('a', { href: '#/voices' }, 'Clear filters')));

  const feedback = h('div', { 'aria-live': 'polite' });
  const cards = body.data.map((voice) => card(voice, feedback, signal));
  main.append(h('h1', {}, 'Voice library'), form, feedback,
    h('p', { class: 'meta', role: 'status' }, `${body.meta.pagination.total_count} voice${body.meta.pagination.total_count === 1 ? '' : 's'}${state.sort_by === 'user_rating' ? ', highest rated first' : state.sort_by === 'name' ? ', by name' : state.q ? ', best match first' : ''}`),
    cards.length ? h('ul', { class: 'cards', role: 'list' }, cards) : h('p', { class: 'empty' }, 'No voice matches these filters.'));
}

function card(voice, feedback, signal) {
  const player = h('div');
  const favourite = h('button', { type: 'button', class: 'small secondary', 'aria-pressed': String(!!voice.is_favorite),
    onclick: async () => {
      const on = favourite.getAttribute('aria-pressed') !== 'true';
      favourite.disabled = true;
      try {
        const result = (await api(`/voice/models/${encodeURIComponent(voice.voice_model_id)}/favorite`,
          { method: on ? 'POST' : 'DELETE' })).data;
        favourite.setAttribute('aria-pressed', String(result.is_favorite));
        announce(result.is_favorite ? `${voice.name} added to favourites` : `${voice.name} removed from favourites`);
      } catch (error) {
        feedback.replaceChildren(errorBox(error));
      } finally {
        favourite.disabled = false;
      }
    } }, '★ Favourite');
  const preview = h('button', { type: 'button', class: 'small', onclick: async () => {
    preview.disabled = true;
    preview.textContent = 'Loading preview…';
    try {
      const audio = await audioUrl(voice.sample_audio_url, signal);
      const element = h('audio', { controls: true, src: audio.url, class: 'player', 'aria-label': `Preview of ${voice.name}` });
      player.replaceChildren(element);
      preview.remove();
      await element.play().catch(() => {});
    } catch (error) {
      preview.disabled = false;
      preview.textContent = 'Play preview';
      feedback.replaceChildren(errorBox(error));
    }
  } }, 'Play preview');
  return h('li', { class: 'card voice-card', dataset: { voiceId: voice.voice_model_id } },
    h('h2', {}, voice.name),
    h('p', { class: 'meta' }, [voice.language, voice.gender, voice.type, voice.engine].filter(Boolean).join(' · '),
      voice.similarity !== undefined ? ` · match ${fmtNumber(voice.similarity)}` : ''),
    voice.description ? h('p', {}, voice.description) : null,
    h('ul', { class: 'tags', 'aria-label': 'Tags' }, (voice.tags || []).map((t) => h('li', {}, t))),
    h('p', { class: 'meta' }, `Quality ${fmtNumber(voice.quality_score)} · used ${voice.usage_count} times`),
    ...rating(voice, feedback),
    player,
    h('div', { class: 'actions' }, preview, favourite,
      h('a', { href: `#/synthesis?voice=${encodeURIComponent(voice.voice_model_id)}` }, 'Use for synthesis')));
}

function ratingSummary(mean, count) {
  if (!count) return 'No ratings yet';
  return `Rated ${fmtNumber(mean, 1)} of 5 by ${count} user${count === 1 ? '' : 's'}`;
}

/**
 * The caller's rating as five buttons (the one pressed is theirs; the stars up to it are filled, the rest
 * outlined, so the rating shows by shape and not by colour alone) and the mean over every user's rating
 * with their number. Clear removes the caller's rating.
 */
function rating(voice, feedback) {
  const summary = h('p', { class: 'meta rating-summary' }, ratingSummary(voice.user_rating, voice.rating_count));
  const stars = [1, 2, 3, 4, 5].map((n) => h('button', { type: 'button', class: 'star', dataset: { stars: n },
    'aria-label': `Rate ${n} star${n === 1 ? '' : 's'}`, onclick: () => send('PUT', n) }, '☆'));
  const clear = h('button', { type: 'button', class: 'small secondary', onclick: () => send('DELETE') }, 'Clear rating');
  const show = (mine) => {
    for (const star of stars) {
      const n = Number(star.dataset.stars);
      star.setAttribute('aria-pressed', String(n === mine));
      const filled = mine !== null && n <= mine;
      star.classList.toggle('filled', filled);
      star.textContent = filled ? '★' : '☆';
    }
    clear.hidden = mine === null;
  };
  const send = async (method, value) => {
    const buttons = [...stars, clear];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const result = (await api(`/voice/models/${encodeURIComponent(voice.voice_model_id)}/rating`,
        method === 'PUT' ? { method, body: { rating: value } } : { method })).data;
      show(result.my_rating);
      summary.textContent = ratingSummary(result.user_rating, result.rating_count);
      announce(result.my_rating === null ? `Your rating of ${voice.name} was removed`
        : `You rated ${voice.name} ${result.my_rating} of 5; ${summary.textContent.toLowerCase()}`);
    } catch (error) {
      feedback.replaceChildren(errorBox(error));
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  show(voice.my_rating ?? null);
  return [summary, h('div', { class: 'rating' },
    h('div', { class: 'stars', role: 'group', 'aria-label': `Your rating of ${voice.name}` }, stars), clear)];
}
