// Stored audio through a signed link the audio element loads itself (playing before the whole file
// has arrived, seeking with Range requests): a finished job's audio with its download and its text,
// the word being spoken highlighted while it plays; a voice sample's recording.
import { audioLink } from './api.js';
import { fmtSeconds, h } from './dom.js';

/**
 * An audio element for stored audio behind a signed link (`${path}/link` answers it): the element
 * fetches and seeks with Range requests itself. Answers the element and the link.
 */
export async function linkedAudio(path, label, signal) {
  const url = await audioLink(path, signal);
  return { url, player: h('audio', { controls: true, preload: 'metadata', src: url, class: 'player', 'aria-label': label }) };
}

export async function jobPlayer(job, signal) {
  const { url, player } = await linkedAudio(job.output_file_path, `Audio of job ${job.id}`, signal);
  const download = h('a', { class: 'button', href: `${url}&download=true`, download: `${job.id}.${job.output_format}` },
    `Download ${job.output_format.toUpperCase()}`);
  const words = (job.timestamps || []).filter((t) => t.type === 'word' && t.char_end > t.char_start);
  const transcript = words.length ? highlighted(job.text_content, words, player) : h('p', {}, job.text_content);
  return h('section', { class: 'card result', 'aria-label': 'Result' },
    h('h2', {}, 'Result'),
    h('p', { class: 'meta' }, `${fmtSeconds(job.duration)} · ${job.output_format.toUpperCase()} · ${job.sample_rate} Hz`),
    player,
    h('div', { class: 'actions' }, download),
    h('h3', {}, words.length ? 'Text, highlighted as it is spoken' : 'Text'),
    transcript);
}

function highlighted(text, words, player) {
  const sorted = [...words].sort((a, b) => a.char_start - b.char_start);
  const container = h('p', { class: 'transcript' });
  const spans = [];
  let cursor = 0;
  for (const word of sorted) {
    if (word.char_start < cursor) continue;
    if (word.char_start > cursor) container.append(text.slice(cursor, word.char_start));
    const span = h('span', { class: 'word', dataset: { start: word.start, end: word.end } },
      text.slice(word.char_start, word.char_end));
    spans.push({ span, start: Number(word.start), end: Number(word.end) });
    container.append(span);
    cursor = word.char_end;
  }
  if (cursor < text.length) container.append(text.slice(cursor));

  let active = null;
  let frame = 0;
  const update = () => {
    const t = player.currentTime;
    const next = spans.find((w) => t >= w.start && t < w.end) || null;
    if (next !== active) {
      active?.span.classList.remove('spoken');
      next?.span.classList.add('spoken');
      active = next;
    }
  };
  const loop = () => {
    update();
    if (!player.paused && !player.ended) frame = requestAnimationFrame(loop);
  };
  player.addEventListener('play', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(loop);
  });
  player.addEventListener('seeked', update);
  player.addEventListener('timeupdate', update);
  player.addEventListener('ended', () => {
    active?.span.classList.remove('spoken');
    active = null;
  });
  return container;
}
