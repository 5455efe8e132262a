// Training a voice from one processed sample (POST /voice/samples/{id}/train), followed on its progress stream.
import { api } from '../api.js';
import { announce, errorBox, field, fmtNumber, fmtSeconds, h, select } from '../dom.js';
import { streamEvents } from '../sse.js';

const NEW_CLONE = '';

/**
 * The training form of one processed sample: which voice to train (a new one built from the sample, or a clone
 * already built from it), and the four options of the API document with what each does.
 */
export function trainingForm(sample, clones, status, refresh, signal) {
  const own = clones.filter((c) => c.sample_ids.includes(sample.id) && c.status !== 'failed');
  const target = select('clone_id', [[NEW_CLONE, 'A new voice built from this sample'],
    ...own.map((c) => [c.id, `${c.name} (${c.status})`])], own.find((c) => c.status === 'ready')?.id ?? NEW_CLONE);
  const epochs = h('input', { type: 'number', name: 'epochs', min: 1, max: 1000, step: 1, value: 100, required: true });
  const rate = h('input', { type: 'number', name: 'learning_rate', min: 0.00001, max: 1, step: 'any', value: 0.001,
    required: true });
  const batch = h('input', { type: 'number', name: 'batch_size', min: 1, max: 512, step: 1, value: 32, required: true });
  const alignment = h('input', { type: 'checkbox', name: 'enable_timestamp_alignment', checked: true });
  const feedback = h('div');
  const progress = h('div');
  const submit = h('button', { type: 'submit' }, 'Train');
  const form = h('form', { class: 'training', onsubmit: async (e) => {
    e.preventDefault();
    feedback.replaceChildren();
    submit.disabled = true;
    const body = { config: { epochs: Number(epochs.value), learning_rate: Number(rate.value),
      batch_size: Number(batch.value), enable_timestamp_alignment: alignment.checked } };
    if (target.value !== NEW_CLONE) body.clone_id = target.value;
    try {
      const job = (await api(`/voice/samples/${sample.id}/train`, { method: 'POST', body, signal })).data;
      const outcome = await follow(job, progress, signal);
      // The page is drawn again (the clone's quality and profile changed): the outcome goes to its status line.
      await refresh();
      status.replaceChildren(...outcome);
    } catch (error) {
      if (!signal.aborted) feedback.replaceChildren(errorBox(error));
      submit.disabled = false;
    }
  } },
  field('Voice to train', target, 'With no clone of this sample, training builds one from it first (it appears under My clones), then trains it.'),
  field('Epochs (1–1000)', epochs, 'Optimisation steps; the first only measures where the voice starts. Each takes four renderings of a check sentence.'),
  field('Learning rate (0.00001–1)', rate, 'How far one step moves the voice’s pitch, formants and breath (and speed, with alignment), in log units: 0.001 is 0.1 % a step.'),
  field('Batch size (1–512)', batch, 'Half-second pieces of your recording each step aims at. Small batches give noisy steps; as many as the recording holds (or more) use all of it every step.'),
  h('div', { class: 'field' }, h('label', {}, alignment, ' Enable timestamp alignment'),
    h('span', { class: 'hint' }, 'Also fit the voice’s timing to yours: its speed to your articulation rate (on your transcript, if the sample has one) and its pauses to your median pause, so word timestamps of its speech follow your rhythm. Off, speed and pauses stay as they are.')),
  feedback, submit, progress);
  return h('details', { class: 'train' }, h('summary', {}, 'Train a voice from this sample'), form);
}

async function follow(job, area, signal) {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Training progress' });
  const text = h('p', { role: 'status', 'aria-live': 'polite' },
    `Training ${job.training_job_id}: ${job.status}, about ${fmtSeconds(job.estimated_duration)}`
      + `${job.builds_clone ? ' (building the voice first)' : ''}`);
  const features = h('p', { class: 'hint' },
    `Timestamp alignment ${job.features.timestamp_alignment_enabled ? 'on' : 'off'} · quality enhancement `
      + `${job.features.voice_quality_enhancement ? 'part of this run (measured at the end)' : 'not part of this run'}`);
  area.replaceChildren(bar, text, features);
  await streamEvents(`/api/v1/voice/training/${job.training_job_id}/progress`, (event) => {
    if (event.event) return false;
    bar.value = event.progress ?? bar.value;
    text.textContent = `${event.status} · epoch ${event.epoch} of ${event.epochs}`
      + `${event.loss !== null && event.loss !== undefined ? ` · loss ${fmtNumber(event.loss, 4)}` : ''}`;
    return true;
  }, signal);
  const done = (await api(`/voice/training/${job.training_job_id}`, { signal })).data;
  bar.value = 100;
  if (done.status !== 'completed') {
    announce(`Training ${done.status}`);
    return [`Training ${done.status}${done.error_message ? `: ${done.error_message}` : ''}`];
  }
  const q = done.quality || {};
  const line = (label, m) => (m ? `${label}: quality ${fmtNumber(m.quality_score)}, pitch error `
    + `${fmtNumber(m.f0_relative_error * 100, 1)} %, similarity ${fmtNumber(m.embedding_similarity)}.` : '');
  announce('Training completed');
  return [`Training completed: ${q.enhanced ? 'the voice measurably improved' : 'no measurable quality gain'}. `,
    line('Before', q.before), ' ', line('After', q.after),
    done.trained_profile ? ` Speed ${fmtNumber(done.trained_profile.speed_factor)}×, pauses `
      + `${fmtNumber(done.trained_profile.pause_factor)}×.` : ''];
}
