// Server-sent events over fetch(): EventSource cannot send the Authorization header, and the API takes
// tokens only there. Parses the text/event-stream format (data lines, blank-line separated; comments
// such as heartbeats ignored) and hands each JSON payload to onEvent.
import { authorized, ApiError } from './api.js';

export async function streamEvents(path, onEvent, signal) {
  const response = await authorized(path, { headers: { Accept: 'text/event-stream' }, signal });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const error = body.error || {};
    throw new ApiError(response.status, error.code, error.message || response.statusText, error.details);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let boundary;
      while ((boundary = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
        const data = block.split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) {
          let event;
          try {
            event = JSON.parse(data);
          } catch {
            continue;
          }
          if (onEvent(event) === false) return;
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
