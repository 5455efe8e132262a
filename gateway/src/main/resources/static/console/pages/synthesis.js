import { api } from '../api.js';
import { announce, clear, errorBox, field, h, routeParams, select } from '../dom.js';
import { jobPlayer } from '../player.js';
import { streamEvents } from '../sse.js';

const FORMATS = ['wav', 'mp3', 'flac'];
const SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000];
const EMOTIONS = ['neutral', 'happy', 'sad', 'excited'];
const DEFAULT_MAX_TEXT = 10000;

export async function voiceOptions(signal) {
  return (await api('/voice/models?limit=100', { signal })).data;
}

function slider(name, min, max, step, value, unit = '×') {
  const input = h('input', { type: 'range', name, min, max, step, value });
  const output = h('output', {}, `${Number(value).toFixed(2)}${unit}`);
  input.addEventListener('input', () => {
    output.textContent = `${Number(input.value).toFixed(2)}${unit}`;
  });
  return { input, output };
}

export async function render(main, { signal }) {
  const params = routeParams();
  const voices = await voiceOptions(signal);
  const text = h('textarea', { name: 'text_content', rows: 6, required: true, maxLength: DEFAULT_MAX_TEXT,
    placeholder: 'Type or paste the text to speak…' });
  const counter = h('span', { class: 'hint counter', id: 'text-counter' }, `0 / ${DEFAULT_MAX_TEXT} characters`);
  text.setAttribute('aria-describedby', 'text-counter');
  const updateCount = () => {
    const n = [...text.value].length;
    counter.textContent = `${n} / ${text.maxLength} characters`;
    counter.classList.toggle('over', n > text.maxLength * 0.9);
  };
  text.addEventListener('input', updateCount);

  const presets = voices.filter((v) => v.type === 'preset');
  const custom = voices.filter((v) => v.type !== 'preset');
  const voice = h('select', { name: 'voice_model_id', required: true },
    custom.length ? h('optgroup', { label: 'My voices' }, custom.map((v) => option(v, params.get('voice')))) : null,
    h('optgroup', { label: 'Library' }, presets.map((v) => option(v, params.get('voice') || 'default_voice_001'))));
  voice.addEventListener('change', () => limitsFor(voice.value));

  async function limitsFor(id) {
    try {
      const detail = (await api(`/voice/models/${encodeURIComponent(id)}`, { signal })).data;
      const max = detail.model_config?.max_text_length;
      if (max) {
        text.maxLength = max;
        updateCount();
      }
    } catch {
      // The default limit stays; the server checks it again anyway.
    }
  }

  const speed = slider('speed', 0.5, 3, 0.05, 1);
  const pitch = slider('pitch', 0.5, 2, 0.05, 1);
  const volume = slider('volume', 0, 2, 0.05, 1);
  const emotion = select('emotion', EMOTIONS, 'neutral');
  const format = select('output_format', FORMATS.map((f) => [f, f.toUpperCase()]), 'wav');
  const rate = select('sample_rate', SAMPLE_RATES.map((r) => [r, `${r} Hz`]), 22050);
  const timestamps = h('input', { type: 'checkbox', name: 'include_timestamps', checked: true });
  const textFormat = select('text_format', [['plain', 'Plain text'], ['ssml', 'SSML']], 'plain');
  const formatHint = h('span', { class: 'hint', id: 'text-format-hint' });
  textFormat.setAttribute('aria-describedby', formatHint.id);
  const showFormat = () => {
    const ssml = textFormat.value === 'ssml';
    formatHint.textContent = ssml
      ? 'An SSML document: <speak>…</speak> with <break>, <prosody>, <say-as>, <sub>, <mark> and <lang>. The markup counts towards the limit; mistakes are reported with their line and column.'
      : 'Read as written.';
    text.placeholder = ssml ? '<speak>Hello <break time="300ms"/> world.</speak>' : 'Type or paste the text to speak…';
    checkSsml();
  };
  // A quick check before sending; the server parses the document fully.
  const checkSsml = () => {
    const value = text.value.trim();
    text.setCustomValidity(textFormat.value === 'ssml' && value && !/^(<\?xml[^>]*>\s*)?<speak[\s>]/.test(value)
      ? 'An SSML document starts with <speak>.' : '');
  };
  textFormat.addEventListener('change', showFormat);
  text.addEventListener('input', checkSsml);
  const callback = h('input', { type: 'url', name: 'callback_url', maxLength: 2048, inputMode: 'url',
    placeholder: 'https://example.com/hooks/voxify' });
  // The shape only: whether plain http, localhost or a private address may be used depends on the
  // administrator's allow_private_callbacks, which the server applies (CallbackUrls) and explains.
  callback.addEventListener('input', () => {
    const value = callback.value.trim();
    let problem = '';
    if (value) {
      try {
        const url = new URL(value);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
          problem = 'Use an https URL.';
        } else if (url.username || url.password) {
          problem = 'The URL must not contain a user name or password.';
        } else if (url.hash) {
          problem = 'The URL must not contain a #fragment.';
        }
      } catch {
        problem = 'Enter an absolute URL such as https://example.com/hooks/voxify.';
      }
    }
    callback.setCustomValidity(problem);
  });

  const feedback = h('div');
  const progressArea = h('div');
  const result = h('div');
  const submit = h('button', { type: 'submit' }, 'Synthesise');

  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    feedback.replaceChildren();
    clear(result);
    submit.disabled = true;
    try {
      const job = (await api('/job', { method: 'POST', signal, body: {
        text_content: text.value,
        voice_model_id: voice.value,
        speed: Number(speed.input.value),
        pitch: Number(pitch.input.value),
        volume: Number(volume.input.value),
        output_format: format.value,
        sample_rate: Number(rate.value),
        text_format: textFormat.value,
        ...(callback.value.trim() ? { callback_url: callback.value.trim() } : {}),
        config: { emotion: emotion.value, include_timestamps: timestamps.checked, timestamp_granularity: 'word' },
      } })).data;
      await follow(job, progressArea, result, signal);
    } catch (error) {
      if (!signal.aborted) feedback.replaceChildren(errorBox(error));
    } finally {
      submit.disabled = false;
    }
  } },
  field('Text', text), counter,
  h('div', { class: 'field' }, h('label', { for: withId(textFormat, 'text-format').id }, 'Text format'), textFormat, formatHint),
  h('div', { class: 'grid' },
    field('Voice', voice),
    field('Emotion', emotion),
    h('div', { class: 'field' }, h('label', { for: 'speed' }, 'Speed'), withId(speed.input, 'speed'), speed.output),
    h('div', { class: 'field' }, h('label', { for: 'pitch' }, 'Pitch'), withId(pitch.input, 'pitch'), pitch.output),
    h('div', { class: 'field' }, h('label', { for: 'volume' }, 'Volume'), withId(volume.input, 'volume'), volume.output),
    field('Format', format),
    field('Sample rate', rate)),
  h('div', { class: 'check' }, timestamps, h('label', { for: withId(timestamps, 'timestamps').id }, 'Word timestamps (highlight the text while it plays)')),
  field('Callback URL (optional)', callback, 'When the job ends, its result is POSTed here (a signed webhook). An https URL on a public host: plain http, localhost and private-network addresses only while an administrator allows private callbacks (for development).'),
  feedback, submit);

  main.append(h('h1', {}, 'Synthesis'), form, progressArea, result);
  showFormat();
  limitsFor(voice.value);
}

function withId(el, id) {
  el.id = id;
  return el;
}

function option(v, selected) {
  const label = `${v.name} (${v.language}${v.gender ? `, ${v.gender}` : ''})`;
  return h('option', { value: v.voice_model_id, selected: v.voice_model_id === selected }, label);
}

/** Follows a job on its SSE stream with a progress bar; when it completes, shows the player. */
export async function follow(job, progressArea, result, signal) {
  const bar = h('progress', { max: 100, value: job.progress || 0, id: 'job-progress' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, `Job ${job.id}: ${job.status}`);
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    cancel.disabled = true;
    try {
      await api(`/job/${job.id}`, { method: 'PATCH', body: { status: 'cancelled' } });
    } catch (error) {
      progressArea.append(errorBox(error));
    }
  } }, 'Cancel job');
  clear(progressArea, h('section', { class: 'card', 'aria-label': 'Progress' },
    h('h2', {}, 'Progress'),
    h('label', { for: 'job-progress' }, 'Synthesis progress'), bar, status, cancel));

  await streamEvents(`/api/v1/job/${job.id}/progress`, (event) => {
    if (event.event) return false;
    bar.value = event.progress ?? bar.value;
    status.textContent = `${event.status} · ${Math.round(event.progress ?? 0)} %${event.message ? ` · ${event.message}` : ''}`;
    return true;
  }, signal);
  cancel.remove();
  const finished = (await api(`/job/${job.id}`, { signal })).data;
  if (finished.status === 'completed') {
    bar.value = 100;
    status.textContent = `Completed · ${finished.duration?.toFixed(1)} s of audio`;
    announce('Synthesis completed');
    clear(result, await jobPlayer(finished, signal));
  } else {
    status.textContent = `${finished.status}${finished.error_message ? `: ${finished.error_message}` : ''}`;
  }
  return finished;
}
