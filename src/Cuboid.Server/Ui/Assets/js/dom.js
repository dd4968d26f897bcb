// Small DOM helpers: build elements without innerHTML (so nothing from the API is ever parsed as markup),
// and the formats the pages share.

/** h('div', { class: 'card', onclick: fn }, child, 'text', ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (no style attributes: the page's CSP allows none). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(name, String(value));
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

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** The empty state of a list: an icon, a title and what to do next. */
export function empty(title, text, icon = 'box') {
  const paths = {
    box: 'M12 2 21 7v10l-9 5-9-5V7z M3 7l9 5 9-5 M12 12v10',
    film: 'M4 4h16v16H4z M8 4v16 M16 4v16 M4 9h4 M4 15h4 M16 9h4 M16 15h4',
    chart: 'M4 20V10 M10 20V4 M16 20v-7 M22 20H2',
    search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M21 21l-5-5',
  };
  return h('div', { class: 'empty' },
    s('svg', { viewBox: '0 0 24 24', width: 36, height: 36, 'aria-hidden': 'true' },
      s('path', { d: paths[icon] ?? paths.box, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' })),
    h('h2', {}, title),
    h('p', {}, text));
}

export const loading = (text = 'Loading…') => h('p', { class: 'loading', role: 'status' }, text);

export const errorBox = (error) => h('p', { class: 'error', role: 'alert' }, error?.message ?? String(error));

/** Dollars: cents for amounts of a dollar or more, four places below a cent, so small model calls do not read as $0.00. */
export function money(value) {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  if (n === 0) return '$0';
  const digits = Math.abs(n) >= 1 ? 2 : Math.abs(n) >= 0.01 ? 3 : 4;
  return '$' + n.toLocaleString('en-US', { minimumFractionDigits: digits > 2 ? 2 : digits, maximumFractionDigits: digits });
}

export const number = (value) => value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');

/** "just now", "4 min ago", "3 h ago", "2 d ago" from unix seconds. */
export function ago(unixSeconds) {
  if (!unixSeconds) return '';
  const seconds = Math.max(0, Date.now() / 1000 - unixSeconds);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** 83.4 → "1:23". */
export function clock(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), sec = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return (h > 0 ? `${h}:` : '') + `${mm}:${String(sec).padStart(2, '0')}`;
}

/** A status badge: ok (green), run (accent), bad (red), off (grey), warn (amber). */
export const badge = (text, kind) => h('span', { class: `badge b-${kind}` }, text);

/**
 * Polls while there is something live: fn runs every `ms` for as long as it returns true. A failed tick is logged
 * as a warning and polling goes on (a restarting gateway should not freeze the page).
 */
export function poller(fn, ms) {
  let timer = null, stopped = false;
  const tick = async () => {
    timer = null;
    let again = true;
    try { again = await fn(); } catch (e) { if (e?.name === 'AbortError') return; console.warn(e); }
    if (again && !stopped && timer === null) timer = setTimeout(tick, ms);
  };
  return {
    /** Polls from now on (a no-op when already polling). */
    start() { if (timer === null && !stopped) timer = setTimeout(tick, ms); },
    stop() { stopped = true; clearTimeout(timer); timer = null; },
  };
}
