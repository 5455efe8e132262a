// Small DOM helpers: elements are built with h(), never from HTML strings, so text is always text.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idCounter = 0;
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field: the control gets an id and the label points at it. */
export function field(labelText, control, hint) {
  control.id ||= uid('field');
  const parts = [h('label', { for: control.id }, labelText), control];
  if (hint) {
    const hintEl = h('span', { class: 'hint', id: `${control.id}-hint` }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    parts.push(hintEl);
  }
  return h('div', { class: 'field' }, parts);
}

export function select(name, options, value) {
  const el = h('select', { name });
  for (const opt of options) {
    const [v, label] = Array.isArray(opt) ? opt : [opt, opt];
    el.append(h('option', { value: v, selected: String(v) === String(value) }, label));
  }
  return el;
}

export function errorBox(error) {
  const details = error && error.details && typeof error.details === 'object'
    ? Object.entries(error.details).map(([k, v]) => h('li', {}, `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`))
    : [];
  return h('div', { class: 'error', role: 'alert' }, h('p', {}, error.message || String(error)),
    details.length ? h('ul', {}, details) : null);
}

export function fmtDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function fmtSeconds(s) {
  if (s === null || s === undefined) return '—';
  const n = Number(s);
  if (n < 60) return `${n.toFixed(1)} s`;
  return `${Math.floor(n / 60)} min ${Math.round(n % 60)} s`;
}

export function fmtNumber(n, digits = 2) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return Number(n).toFixed(digits);
}

export function fmtBytes(n) {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The query part of the current hash route (#/jobs?status=failed). */
export function routeParams() {
  const hash = location.hash || '#/';
  const q = hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
}

export function setRouteParams(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== '' && v !== null && v !== undefined && v !== false) query.set(k, v);
  }
  const text = query.toString();
  const target = `#${path}${text ? `?${text}` : ''}`;
  if (location.hash !== target) location.hash = target;
}

/**
 * A modal confirmation in a native <dialog> (focus stays inside it; Escape and Cancel close it). `content`
 * says plainly what will happen; `action` runs when confirmed and may throw: its error shows in the dialog,
 * which stays open for another try. Resolves true once the action succeeded, false when cancelled.
 */
export function confirmDialog({ title, content = [], confirmLabel, action }) {
  return new Promise((resolve) => {
    const headingId = uid('dialog');
    const feedback = h('div', { 'aria-live': 'assertive' });
    const confirmButton = h('button', { type: 'submit', class: 'danger' }, confirmLabel);
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    let confirmed = false;
    const form = h('form', { onsubmit: async (e) => {
      e.preventDefault();
      confirmButton.disabled = true;
      feedback.replaceChildren();
      try {
        await action();
        confirmed = true;
        dialog.close();
      } catch (error) {
        feedback.replaceChildren(errorBox(error));
        confirmButton.disabled = false;
      }
    } }, content, feedback, h('div', { class: 'actions' }, confirmButton, cancel));
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), form);
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(confirmed);
    });
    // The first field takes the focus; without one, Cancel does, so Enter alone never confirms.
    (form.querySelector('input') || cancel).autofocus = true;
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function announce(text) {
  const notice = document.getElementById('notice');
  if (notice) notice.textContent = text;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
