// DOM helpers shared by the views: elements built with h() (never from HTML strings, so any name or value is safe),
// dates, durations, JSON, and the error list every failed call ends up in.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = String(value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children: nodes, strings (as text), arrays of them; null, undefined and false are skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's children (with the same rules as append). */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Creates an HTML element: h('a', { href: '#', class: 'x', onclick: f }, 'text', child). */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** Creates an SVG element. */
export function s(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** An AWS date (epoch seconds, with milliseconds) as local "YYYY-MM-DD HH:MM:SS.mmm". */
export function formatDate(epochSeconds) {
  if (epochSeconds === undefined || epochSeconds === null) {
    return '—';
  }
  const d = new Date(epochSeconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A duration in milliseconds as "850 ms", "12.3 s", "4 min 5 s" or "2 h 3 min". */
export function formatDuration(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) {
    return '—';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) {
    return `${minutes} min ${Math.floor((ms % 60_000) / 1000)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** JSON text indented for reading; text that is not JSON is returned as it is. */
export function prettyJson(text) {
  if (text === undefined || text === null) {
    return '';
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return String(text);
  }
}

/** A <pre> of JSON text, or a muted note when there is none. */
export function jsonBlock(text, emptyNote = 'None.') {
  return text === undefined || text === null
    ? h('p', { class: 'muted' }, emptyNote)
    : h('pre', { class: 'json', tabindex: '0' }, prettyJson(text));
}

/** The error's AWS __type (or a local kind) and message, as elements. */
export function describeError(error) {
  const type = error?.type ?? error?.name ?? 'Error';
  const message = error?.message ?? String(error);
  return [h('strong', { class: 'error-type' }, type), ': ', h('span', { class: 'error-message' }, message)];
}

/** An inline error box for a form or a section. */
export function errorBox(error, context) {
  return h('div', { class: 'error', role: 'alert' }, context ? `${context}: ` : null, describeError(error));
}

/** Shows an error in the page's error list (never swallowed), with what was being done. */
export function reportError(error, context) {
  const list = document.getElementById('errors');
  const item = h('div', { class: 'error', role: 'alert' },
    h('span', {}, context ? `${context}: ` : null, describeError(error)),
    h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss this error', onclick: () => item.remove() }, '×'));
  list.append(item);
  while (list.children.length > 5) {
    list.firstElementChild.remove();
  }
  console.error(context ?? 'error', error);
}

/** Removes every reported error (when the page changes). */
export function clearErrors() {
  document.getElementById('errors').replaceChildren();
}

/** A status badge: <span class="badge" data-status="RUNNING">RUNNING</span>. */
export function badge(status, attributes = {}) {
  return h('span', { class: 'badge', 'data-status': status ?? 'UNKNOWN', ...attributes }, status ?? '…');
}
