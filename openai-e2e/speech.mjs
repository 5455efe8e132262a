// The official OpenAI Node.js SDK against Voxify: node speech.mjs BASE_URL ACCESS_TOKEN OUT_DIR
// Speaks with client.audio.speech.create(...) as any OpenAI client would, only with another base URL,
// writes the audio to OUT_DIR, and checks that refusals arrive as the SDK's own error classes with the
// server's message and code. Prints one JSON line per call ("speech" and "refusal"), then "openai sdk passed".
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';

const [base, token, outDir] = process.argv.slice(2);
if (!base || !token || !outDir) {
  console.error('usage: node speech.mjs BASE_URL ACCESS_TOKEN OUT_DIR');
  process.exit(2);
}
const client = new OpenAI({ apiKey: token, baseURL: `${base}/v1`, maxRetries: 0, timeout: 120_000 });
const text = 'The official SDK speaks through Voxify now.';

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function speak(name, params) {
  const { data, response } = await client.audio.speech.create(params).withResponse();
  const bytes = Buffer.from(await data.arrayBuffer());
  const file = join(outDir, name);
  await writeFile(file, bytes);
  console.log(JSON.stringify({ kind: 'speech', name, file, bytes: bytes.length,
    content_type: response.headers.get('content-type'), job_id: response.headers.get('x-voxify-job-id') }));
  return bytes;
}

async function refused(name, call, ErrorClass, status, code, says = '') {
  try {
    await call();
  } catch (e) {
    check(e instanceof ErrorClass, `${name}: expected ${ErrorClass.name}, got ${e?.constructor?.name}: ${e}`);
    check(e.status === status, `${name}: status ${e.status}`);
    check(e.code === code, `${name}: code ${e.code}`);
    check(typeof e.error?.message === 'string' && e.message.includes(e.error.message),
      `${name}: the SDK's message carries the server's: ${e.message}`);
    check(e.message.includes(says), `${name}: the message names the problem (${says}): ${e.message}`);
    console.log(JSON.stringify({ kind: 'refusal', name, status: e.status, code: e.code, message: e.message }));
    return;
  }
  throw new Error(`${name}: was not refused`);
}

const mp3 = await speak('sdk.mp3', { model: 'tts-1', voice: 'alloy', input: text });
check(mp3.subarray(0, 3).toString('latin1') === 'ID3' || (mp3[0] === 0xff && (mp3[1] & 0xe0) === 0xe0),
  'mp3 magic bytes');
const wav = await speak('sdk.wav', { model: 'gpt-4o-mini-tts', voice: 'coral', input: text, response_format: 'wav',
  speed: 1.5, instructions: 'Speak warmly.' });
check(wav.subarray(0, 4).toString('latin1') === 'RIFF' && wav.subarray(8, 12).toString('latin1') === 'WAVE',
  'wav magic bytes');

await refused('unknown voice', () => client.audio.speech.create({ model: 'tts-1', voice: 'nobody', input: text }),
  OpenAI.NotFoundError, 404, 'VOICE_MODEL_NOT_FOUND');
await refused('speed out of range', () => client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: text,
  speed: 4.0 }), OpenAI.BadRequestError, 400, 'VALIDATION_ERROR', 'speed must be between 0.5 and 3.0');
await refused('opus', () => client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: text,
  response_format: 'opus' }), OpenAI.BadRequestError, 400, 'VALIDATION_ERROR', 'opus is not produced');
const stranger = new OpenAI({ apiKey: 'sk-not-a-voxify-token', baseURL: `${base}/v1`, maxRetries: 0 });
await refused('bad token', () => stranger.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: text }),
  OpenAI.AuthenticationError, 401, 'INVALID_TOKEN');
console.log('openai sdk passed');
