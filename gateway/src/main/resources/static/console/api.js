// The REST API client. The access token lives only in memory; the refresh token in sessionStorage
// (this tab only, gone when it closes), so a reload signs back in quietly and nothing outlives the tab.
// A 401 is answered by one refresh and one retry; when that fails the session ends (sign-in page).

const REFRESH_KEY = 'voxify.refresh_token';
const API = '/api/v1';

let accessToken = null;
let user = null;
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || `Request failed (${status})`);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function onSessionChange(listener) {
  listeners.add(listener);
}

function notify(reason) {
  for (const listener of listeners) listener(user, reason);
}

export function currentUser() {
  return user;
}

export function isAdmin() {
  return user && user.role === 'admin';
}

export function hasSession() {
  return accessToken !== null;
}

function storedRefresh() {
  try {
    return sessionStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function startSession(data) {
  accessToken = data.access_token;
  user = data.user;
  sessionStorage.setItem(REFRESH_KEY, data.refresh_token);
  clearTimeout(refreshTimer);
  // Quietly refresh a little before the access token expires (at 80 % of its life, at most a minute early).
  const life = Number(data.expires_in) || 900;
  const delay = Math.max(5, Math.max(life * 0.8, life - 60)) * 1000;
  refreshTimer = setTimeout(() => refresh().catch(() => {}), delay);
}

function endSession(reason) {
  const had = accessToken !== null || storedRefresh() !== null;
  accessToken = null;
  user = null;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(REFRESH_KEY);
  if (had) notify(reason);
}

async function envelope(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok || (body && body.success === false)) {
    const error = (body && body.error) || {};
    throw new ApiError(response.status, error.code, error.message || response.statusText, error.details);
  }
  return body || {};
}

async function post(path, payload) {
  const response = await fetch(API + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  return envelope(response);
}

export async function signIn(email, password) {
  const body = await post('/auth/login', { email, password });
  startSession(body.data);
  notify('signed-in');
  return body.data.user;
}

export async function signUp(fields) {
  return (await post('/auth/register', fields)).data;
}

export async function signOut() {
  const refreshToken = storedRefresh();
  if (accessToken) {
    // Revokes this access token and the refresh token on the server; the session ends here either way.
    await send('/auth/logout', { method: 'POST', body: { refresh_token: refreshToken } }).catch(() => {});
  }
  endSession('signed-out');
}

/** On start: a refresh token from this tab's earlier page load signs in without a password. */
export async function restore() {
  if (!storedRefresh()) return null;
  try {
    await refresh();
    notify('restored');
    return user;
  } catch {
    return null;
  }
}

export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const token = storedRefresh();
      if (!token) throw new ApiError(401, 'UNAUTHORIZED', 'Not signed in');
      try {
        const body = await post('/auth/refresh', { refresh_token: token });
        startSession(body.data);
      } catch (e) {
        if (e.status === 401 || e.status === 403 || e.status === 400) endSession('expired');
        throw e;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

function send(path, { method = 'GET', body, form, headers = {}, signal } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (accessToken) h.Authorization = `Bearer ${accessToken}`;
  let payload;
  if (form) {
    payload = form;
  } else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(path.startsWith('/api/') ? path : API + path, { method, headers: h, body: payload, signal });
}

/**
 * A 401 that refuses a password the request carried (INVALID_CREDENTIALS), not its token: the session is
 * fine, and the refusal goes to the caller as it is.
 */
async function refusesPassword(response) {
  const body = await response.clone().json().catch(() => null);
  return Boolean(body && body.error && body.error.code === 'INVALID_CREDENTIALS');
}

/** An authorised request answering the raw Response (audio, SSE); 401 → one refresh and retry. */
export async function authorized(path, options = {}) {
  let response = await send(path, options);
  if (response.status === 401 && !(await refusesPassword(response))) {
    try {
      await refresh();
    } catch (e) {
      // A refused refresh has ended the session already; any other failure (the network, a 503)
      // leaves it in place, so the next request can try again.
      if (accessToken !== null && storedRefresh() !== null) throw e;
      endSession('expired');
      throw new ApiError(401, 'UNAUTHORIZED', 'Your session has ended; please sign in again');
    }
    response = await send(path, options);
    if (response.status === 401) {
      endSession('expired');
      throw new ApiError(401, 'UNAUTHORIZED', 'Your session has ended; please sign in again');
    }
  }
  return response;
}

/** An authorised JSON request answering the envelope ({data, meta, message}). */
export async function api(path, options = {}) {
  return envelope(await authorized(path, options));
}

/**
 * A signed, short-lived link to stored audio, a job's file or a sample's recording (POST …/link): the
 * audio element loads it itself, so it plays before the whole file has arrived and seeks with Range requests.
 */
export async function audioLink(path, signal) {
  const body = await api(`${path}/link`, { method: 'POST', signal });
  return body.data.url;
}

/** Audio behind the bearer token as a blob URL: media elements cannot send the header themselves. */
export async function audioUrl(path, signal) {
  const response = await authorized(path, { headers: { Accept: 'audio/*' }, signal });
  if (!response.ok) await envelope(response);
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), type: blob.type, size: blob.size };
}

/**
 * Everything the platform holds about the signed-in person (GET /auth/export), as a JSON file and the name the
 * server gives it. A refusal (a few exports an hour) throws the API's error, with its message.
 */
export async function exportMyData() {
  const response = await authorized('/auth/export');
  if (!response.ok) await envelope(response);
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = disposition.match(/filename="([^"]+)"/);
  return { blob: await response.blob(), filename: named ? named[1] : 'voxify-export.json' };
}

/**
 * Deletes the signed-in person's account for good (DELETE /auth/account, with their password). The server has
 * ended every session by then; here the session ends too, with the reason 'deleted'. A wrong password throws
 * the API's refusal, with its message, and the session goes on.
 */
export async function deleteMyAccount(password) {
  const body = await api('/auth/account', { method: 'DELETE', body: { password } });
  endSession('deleted');
  return body.data;
}
