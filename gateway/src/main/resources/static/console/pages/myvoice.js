import { api, audioUrl } from '../api.js';
import { announce, clear, errorBox, field, fmtBytes, fmtDate, fmtNumber, fmtSeconds, h, select, sleep } from '../dom.js';
import { linkedAudio } from '../player.js';
import { startRecording } from '../recorder.js';
import { streamEvents } from '../sse.js';
import { trainingForm } from './training.js';

const SCRIPT = 'The quick brown fox jumps over the lazy dog. On a clear autumn morning, Sarah walked to the old '
  + 'harbour, bought fresh bread and a newspaper, and watched the fishing boats come home one by one.';

// The fit's quality/speed trade-off (config.quality of POST /voice/clones).
const QUALITIES = [
  ['fast', 'Fast: about half the work of balanced'],
  ['balanced', 'Balanced (default)'],
  ['best', 'Best: about two and a half times the work of balanced'],
];

const METRICS = [
  ['duration', 'Duration', (v) => fmtSeconds(v)],
  ['speech_duration', 'Speech', (v) => fmtSeconds(v)],
  ['snr_db', 'Signal to noise', (v) => `${fmtNumber(v, 1)} dB`],
  ['rms_dbfs', 'Loudness (RMS)', (v) => `${fmtNumber(v, 1)} dBFS`],
  ['peak_dbfs', 'Peak', (v) => `${fmtNumber(v, 1)} dBFS`],
  ['clipping_ratio', 'Clipping', (v) => `${fmtNumber(v * 100, 2)} %`],
  ['silence_ratio', 'Silence', (v) => `${fmtNumber(v * 100, 0)} %`],
  ['f0_median_hz', 'Median pitch', (v) => `${fmtNumber(v, 0)} Hz`],
  ['speaking_rate', 'Speaking rate', (v) => `${fmtNumber(v, 1)} syllables/s`],
];

export async function render(main, { signal }) {
  const samplesArea = h('section', { class: 'card', 'aria-labelledby': 'samples-h' });
  const clonesArea = h('section', { class: 'card', 'aria-labelledby': 'clones-h' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  main.append(h('h1', {}, 'My voice'), status,
    h('div', { class: 'compare' }, uploadForm(status, refresh, signal), recordForm(status, refresh, signal)),
    samplesArea, clonesArea);

  // Voices a clone can start from: presets and neural voices (the library's "preset" type).
  const bases = api('/voice/models?type=preset&limit=100', { signal }).then((r) => r.data).catch(() => []);

  async function refresh() {
    const [samples, clones] = await Promise.all([
      api('/voice/samples?limit=100', { signal }), api('/voice/clones?limit=100', { signal })]);
    renderSamples(samplesArea, samples.data, clones.data, status, refresh, signal);
    renderClones(clonesArea, clones.data, samples.data, await bases, status, refresh, signal);
  }
  await refresh();
}

/** Waits for a sample's processing run to give its verdict, then says what it was. */
async function awaitVerdict(sample, status, refresh, signal) {
  status.textContent = `Analysing “${sample.name}”…`;
  await refresh();
  let current = sample;
  for (let i = 0; i < 300 && current.status === 'processing'; i += 1) {
    await sleep(1000);
    current = (await api(`/voice/samples/${sample.id}`, { signal })).data;
  }
  status.textContent = current.status === 'processed'
    ? `Sample “${current.name}” accepted (quality ${fmtNumber(current.quality_score)}).`
    : `Sample “${current.name}” ${current.status}: ${(current.validation.issues || []).map((i) => i.reason).join('; ') || current.error_message || ''}`;
  await refresh();
}

// An upload is processed as it arrives; past the day's processing quota it is kept unprocessed, and says why.
async function submitSample(file, filename, fields, status, refresh, signal) {
  const form = new FormData();
  form.append('file', file, filename);
  for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
  status.textContent = 'Uploading…';
  const sample = (await api('/voice/samples', { method: 'POST', form, signal })).data;
  if (!sample.processing || !sample.processing.started) {
    const why = sample.processing && sample.processing.error ? sample.processing.error.message : '';
    status.textContent = `Sample “${sample.name}” uploaded but not analysed yet${why ? `: ${why}` : ''}. Use “Analyse” on its card later.`;
    await refresh();
    return;
  }
  await awaitVerdict(sample, status, refresh, signal);
}

function uploadForm(status, refresh, signal) {
  const file = h('input', { type: 'file', name: 'file', accept: 'audio/wav,audio/x-wav,audio/mpeg,audio/flac,.wav,.mp3,.flac', required: true });
  const name = h('input', { name: 'name', required: true, maxLength: 200 });
  const language = h('input', { name: 'language', value: 'en-US', maxLength: 35 });
  const transcript = h('textarea', { name: 'transcript', rows: 2 });
  const feedback = h('div');
  const submit = h('button', { type: 'submit' }, 'Upload and analyse');
  file.addEventListener('change', () => {
    if (file.files[0] && !name.value) name.value = file.files[0].name.replace(/\.[^.]+$/, '');
  });
  return h('form', { class: 'card', 'aria-labelledby': 'upload-h', onsubmit: async (e) => {
    e.preventDefault();
    feedback.replaceChildren();
    submit.disabled = true;
    try {
      await submitSample(file.files[0], file.files[0].name, { name: name.value.trim(), language: language.value.trim(),
        transcript: transcript.value.trim() }, status, refresh, signal);
      e.target.reset();
    } catch (error) {
      status.textContent = '';
      if (!signal.aborted) feedback.replaceChildren(errorBox(error));
    } finally {
      submit.disabled = false;
    }
  } }, h('h2', { id: 'upload-h' }, 'Upload a recording'),
  field('Audio file (WAV, MP3 or FLAC, 1 s to 10 min, at most 8 channels and 192 kHz)', file), field('Name', name), field('Language', language),
  field('Transcript (optional)', transcript), feedback, submit);
}

function recordForm(status, refresh, signal) {
  const meter = h('meter', { class: 'meter', min: 0, max: 1, low: 0.2, high: 0.9, optimum: 0.6, value: 0, id: 'level' });
  const elapsed = h('span', { class: 'hint' }, '0.0 s');
  const name = h('input', { name: 'name', value: 'Browser recording', maxLength: 200 });
  const feedback = h('div');
  const button = h('button', { type: 'button' }, 'Start recording');
  let recording = null;
  button.addEventListener('click', async () => {
    feedback.replaceChildren();
    if (!recording) {
      try {
        recording = await startRecording((level, seconds) => {
          meter.value = level;
          elapsed.textContent = `${seconds.toFixed(1)} s`;
        });
        button.textContent = 'Stop and upload';
        button.setAttribute('aria-pressed', 'true');
        announce('Recording. Read the script aloud, then stop.');
      } catch (error) {
        feedback.replaceChildren(errorBox({ message: `The microphone is not available: ${error.message}` }));
      }
      return;
    }
    const active = recording;
    recording = null;
    announce('Recording stopped.');
    button.disabled = true;
    button.removeAttribute('aria-pressed');
    try {
      const blob = await active.stop();
      meter.value = 0;
      await submitSample(blob, 'recording.wav', { name: name.value.trim() || 'Browser recording', language: 'en-US',
        transcript: SCRIPT }, status, refresh, signal);
    } catch (error) {
      status.textContent = '';
      if (!signal.aborted) feedback.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
      button.textContent = 'Start recording';
    }
  });
  signal.addEventListener('abort', () => recording?.stop().catch(() => {}));
  return h('div', { class: 'card', role: 'group', 'aria-labelledby': 'record-h' },
    h('h2', { id: 'record-h' }, 'Record with the microphone'),
    h('p', { class: 'hint' }, 'Read this script at a normal pace, about 20 seconds:'),
    h('blockquote', { class: 'script' }, SCRIPT),
    field('Name', name),
    h('label', { for: 'level' }, 'Input level'), meter, elapsed,
    feedback, h('div', { class: 'actions' }, button));
}

/** A sample's recording, played from the server through a signed link (seekable, after a reload too). */
function samplePlayer(sample, signal) {
  return linkedAudio(`/api/v1/voice/samples/${encodeURIComponent(sample.id)}/audio`, `Recording ${sample.name}`, signal);
}

function renderSamples(area, samples, clones, status, refresh, signal) {
  const items = samples.map((s) => {
    const feedback = h('div');
    // Uploaded (not analysed yet, or its last run failed): analyse; with a verdict: analyse again (force).
    const again = ['processed', 'rejected'].includes(s.status);
    const process = s.status === 'processing' ? null : h('button', { type: 'button', class: 'small secondary', onclick: async () => {
      process.disabled = true;
      feedback.replaceChildren();
      try {
        const answer = (await api(`/voice/samples/${s.id}/process`, { method: 'POST', signal, body: again ? { force: true } : {} })).data;
        await awaitVerdict(answer, status, refresh, signal);
      } catch (error) {
        if (!signal.aborted) feedback.replaceChildren(errorBox(error));
        process.disabled = false;
      }
    } }, again ? `Analyse ${s.name} again` : `Analyse ${s.name}`);
    const metrics = s.quality_metrics || {};
    const issues = (s.validation && s.validation.issues) || [];
    const player = h('div');
    const listen = h('button', { type: 'button', class: 'small secondary', onclick: async () => {
      listen.disabled = true;
      try {
        player.replaceChildren((await samplePlayer(s, signal)).player);
        listen.remove();
      } catch (error) {
        player.replaceChildren(errorBox(error));
        listen.disabled = false;
      }
    } }, `Listen to ${s.name}`);
    return h('li', { class: 'card voice-card', dataset: { sampleId: s.id, status: s.status } },
      h('h3', {}, s.name),
      h('p', {}, h('span', { class: `badge ${s.status}` }, s.status),
        s.quality_score !== null && s.quality_score !== undefined ? ` · quality ${fmtNumber(s.quality_score)}` : '',
        ` · ${s.format?.toUpperCase() || ''} ${fmtSeconds(s.duration)} · ${fmtBytes(s.file_size)}`),
      issues.length ? h('div', { class: 'error', role: 'note' }, h('p', {}, 'Why it was rejected:'),
        h('ul', { class: 'issues' }, issues.map((i) => h('li', {}, `${i.code}: ${i.reason}`)))) : null,
      s.error_message ? h('p', { class: 'error' }, s.error_message) : null,
      Object.keys(metrics).length ? h('dl', { class: 'facts metrics' },
        METRICS.filter(([k]) => metrics[k] !== null && metrics[k] !== undefined)
          .map(([k, label, format]) => [h('dt', {}, label), h('dd', {}, format(metrics[k]))])) : null,
      player,
      h('p', { class: 'meta' }, `Uploaded ${fmtDate(s.created_at)}`),
      feedback,
      h('div', { class: 'actions' }, listen, process),
      s.status === 'processed' ? trainingForm(s, clones, status, refresh, signal) : null);
  });
  clear(area, h('h2', { id: 'samples-h' }, 'My samples'),
    items.length ? h('ul', { class: 'cards', role: 'list' }, items) : h('p', { class: 'empty' }, 'No samples yet.'));
}

function renderClones(area, clones, samples, bases, status, refresh, signal) {
  const processed = samples.filter((s) => s.status === 'processed');
  const boxes = processed.map((s) => {
    const box = h('input', { type: 'checkbox', name: 'sample_ids', value: s.id, id: `use-${s.id}`, checked: processed.length === 1 });
    return h('label', { for: box.id }, box, `${s.name} (quality ${fmtNumber(s.quality_score)})`);
  });
  const name = h('input', { name: 'name', required: true, maxLength: 200, value: 'My voice clone' });
  // A base must speak the clone's language (the samples'): offer the voices of the first sample's language.
  const language = ((processed[0] && processed[0].language) || 'en').toLowerCase().split(/[-_]/)[0];
  const sameLanguage = bases.filter((v) => (v.language || '').toLowerCase().split(/[-_]/)[0] === language);
  const base = select('base_voice_id', [['', 'Automatic: the nearest built-in voice'],
    ...sameLanguage.map((v) => [v.voice_model_id, `${v.name} (${v.language}, ${v.engine})`])], '');
  const quality = select('quality', QUALITIES, 'balanced');
  const feedback = h('div');
  const progress = h('div');
  const submit = h('button', { type: 'submit', disabled: !processed.length }, 'Build clone');
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    feedback.replaceChildren();
    const ids = [...form.querySelectorAll('input[name="sample_ids"]:checked')].map((b) => b.value);
    if (!ids.length) {
      feedback.replaceChildren(errorBox({ message: 'Choose at least one accepted sample.' }));
      return;
    }
    submit.disabled = true;
    try {
      const config = { quality: quality.value };
      if (base.value) config.base_voice_id = base.value;
      let clone = (await api('/voice/clones', { method: 'POST', signal, body: { sample_ids: ids, name: name.value.trim(), config } })).data;
      const bar = h('progress', { id: 'clone-progress', max: 100, value: 0, 'aria-label': 'Clone progress' });
      const text = h('p', { role: 'status', 'aria-live': 'polite' }, `Clone ${clone.name}: ${clone.generation.status}`);
      progress.replaceChildren(bar, text);
      // The generation job's own stream: one event per step of the fit, then complete or failed.
      await streamEvents(clone.generation.progress_url, (event) => {
        if (event.event) return false;
        bar.value = event.progress ?? bar.value;
        text.textContent = `Clone ${clone.name}: ${event.status}`
          + (event.steps ? ` · step ${event.step} of ${event.steps}` : '') + (event.message ? ` · ${event.message}` : '');
        return true;
      }, signal);
      clone = (await api(`/voice/clones/${clone.id}`, { signal })).data;
      bar.value = 100;
      status.textContent = clone.status === 'ready' ? `Clone “${clone.name}” is ready.` : `Clone “${clone.name}” ${clone.status}: ${clone.error_message || ''}`;
      await refresh();
    } catch (error) {
      if (!signal.aborted) feedback.replaceChildren(errorBox(error));
      submit.disabled = false;
    }
  } },
  h('fieldset', {}, h('legend', {}, 'Samples to learn from'),
    boxes.length ? h('div', { class: 'tag-list' }, boxes) : h('p', { class: 'empty' }, 'Upload a sample that passes the checks first.')),
  field('Clone name', name),
  field('Base voice', base, 'The voice the fit starts from; automatic picks the built-in voice nearest to your samples.'),
  field('Quality', quality, 'How hard the fit searches: more syntheses measured against your samples take longer.'),
  feedback, submit, progress);

  const list = clones.map((c) => cloneCard(c, samples, status, refresh, signal));
  clear(area, h('h2', { id: 'clones-h' }, 'My clones'), form,
    list.length ? h('ul', { class: 'cards clones', role: 'list' }, list) : h('p', { class: 'empty' }, 'No clones yet.'));
}

function cloneCard(c, samples, status, refresh, signal) {
  const q = c.quality_metrics || {};
  const compare = h('div', { class: 'compare' });
  // The clone's own samples that still exist, any of which can be heard next to the clone.
  const sources = c.sample_ids.map((id) => samples.find((s) => s.id === id)).filter(Boolean);
  const listen = h('button', { type: 'button', class: 'small', disabled: !sources.length, onclick: async () => {
    listen.disabled = true;
    try {
      const [sample, preview] = await Promise.all([samplePlayer(sources[0], signal),
        audioUrl(`/api/v1/voice/models/${encodeURIComponent(c.id)}/preview/audio`, signal)]);
      const sampleFigure = h('figure', { class: 'sample-side' }, h('figcaption', {}, `Your sample: ${sources[0].name}`),
        sample.player);
      if (sources.length > 1) {
        const which = select('compare_sample', sources.map((s) => [s.id, s.name]), sources[0].id);
        which.addEventListener('change', async () => {
          const chosen = sources.find((s) => s.id === which.value);
          try {
            sampleFigure.querySelector('audio').replaceWith((await samplePlayer(chosen, signal)).player);
            sampleFigure.querySelector('figcaption').textContent = `Your sample: ${chosen.name}`;
          } catch (error) {
            sampleFigure.append(errorBox(error));
          }
        });
        sampleFigure.append(field('Sample to compare', which));
      }
      compare.replaceChildren(sampleFigure,
        h('figure', { class: 'clone-side' }, h('figcaption', {}, `The clone: ${c.name}`),
          h('audio', { controls: true, preload: 'metadata', src: preview.url, class: 'player', 'aria-label': `Clone ${c.name}` })));
      listen.remove();
    } catch (error) {
      compare.replaceChildren(errorBox(error));
      listen.disabled = false;
    }
  } }, 'Compare with the sample');
  const selectButton = h('button', { type: 'button', class: 'small secondary', onclick: async () => {
    try {
      await api(`/voice/clones/${c.id}/select`, { method: 'POST' });
      status.textContent = `“${c.name}” is now your default voice.`;
    } catch (error) {
      compare.replaceChildren(errorBox(error));
    }
  } }, 'Make default voice');
  const remove = h('button', { type: 'button', class: 'small danger', onclick: async () => {
    try {
      await api(`/voice/clones/${c.id}`, { method: 'DELETE' });
      status.textContent = `Clone “${c.name}” deleted.`;
      await refresh();
    } catch (error) {
      compare.replaceChildren(errorBox(error));
    }
  } }, 'Delete');
  const names = c.sample_ids.map((id) => samples.find((s) => s.id === id)?.name || id).join(', ');
  return h('li', { class: 'card voice-card', dataset: { cloneId: c.id, status: c.status } },
    h('h3', {}, c.name),
    h('p', {}, h('span', { class: `badge ${c.status}` }, c.status),
      c.quality_score !== null && c.quality_score !== undefined ? ` · quality ${fmtNumber(c.quality_score)}` : ''),
    h('p', { class: 'meta' }, `From: ${names}`),
    c.error_message ? h('p', { class: 'error' }, c.error_message) : null,
    c.status === 'ready' ? h('dl', { class: 'facts' },
      h('dt', {}, 'Pitch error'), h('dd', {}, `${fmtNumber((q.f0_relative_error ?? 0) * 100, 1)} %`),
      h('dt', {}, 'Speaker similarity'), h('dd', {}, fmtNumber(q.embedding_similarity))) : null,
    compare,
    h('div', { class: 'actions' }, c.status === 'ready' ? [listen, selectButton,
      h('a', { href: `#/synthesis?voice=${encodeURIComponent(c.id)}` }, 'Use for synthesis')] : null, remove));
}
