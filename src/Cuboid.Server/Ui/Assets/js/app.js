// The shell: sign-in, the caller shown in the top bar, the menu on narrow screens, and a hash router over the pages.
import { api, getKey, setKey, clearKey, onUnauthorized } from './api.js';
import { h, clear, money } from './dom.js';
import * as models from './views/models.js';
import * as videos from './views/videos.js';
import * as analyses from './views/analyses.js';
import * as spend from './views/spend.js';
import * as batches from './views/batches.js';
import * as workers from './views/workers.js';

const pages = { models, videos, analyses, batches, workers, spend };
const main = document.getElementById('main');
const top = document.getElementById('top');
const menu = document.getElementById('menu');
let session = null;   // { caller } once signed in
let leave = null;     // the current page's clean-up (stops its polling)

/** Who the key belongs to (and whether it is accepted at all): /v1/usage answers with the caller. */
async function whoIs(key) {
  const usage = await api('/v1/usage?group=key&days=1', { key });
  return usage.caller;
}

function showCaller(caller) {
  const name = document.getElementById('who-name');
  clear(name);
  if (caller.admin) {
    name.append(h('span', { class: 'badge b-admin' }, 'admin'), h('b', {}, 'Admin key'));
  } else {
    name.append(h('b', {}, caller.name));
    if (caller.budget !== null && caller.budget !== undefined) {
      name.append(h('span', {}, `${money(caller.spent_this_period)} of ${money(caller.budget)} this ${caller.period}`));
    }
  }
}

function signIn(message) {
  leave?.();
  leave = null;
  session = null;
  document.body.classList.remove('signed-in');
  document.title = 'Sign in · Cuboid gateway';
  const input = h('input', { id: 'key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'key-hint' });
  const error = h('p', { class: 'error', id: 'signin-error', role: 'alert', hidden: !message }, message ?? '');
  const button = h('button', { class: 'primary', type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'card', novalidate: true },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'lede' }, 'Use a virtual key issued by your gateway admin, or the admin key.'),
    error,
    h('div', { class: 'field' },
      h('label', { for: 'key' }, 'API key'),
      input,
      h('p', { class: 'hint', id: 'key-hint' }, 'Kept in this browser tab only, and sent to this gateway as a bearer token.')),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      error.textContent = 'Enter a key to sign in.';
      error.hidden = false;
      input.focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Checking…';
    try {
      const caller = await whoIs(key);
      setKey(key);
      start(caller);
    } catch (e) {
      error.textContent = e.status === 401
        ? 'That key was not accepted. Check that you copied all of it; a revoked key no longer works.'
        : e.message;
      error.hidden = false;
      button.disabled = false;
      button.textContent = 'Sign in';
      input.select();
    }
  });
  clear(main).append(h('section', { class: 'signin', 'aria-labelledby': 'signin-title' }, form));
  form.querySelector('h1').id = 'signin-title';
  input.focus();
}

function start(caller) {
  session = { caller };
  document.body.classList.add('signed-in');
  // The worker list is the admin's (it shows every key's work).
  document.querySelector('nav a[data-route=workers]').hidden = !caller.admin;
  showCaller(caller);
  if (!location.hash || location.hash === '#/' || location.hash === '#') history.replaceState(null, '', '#/models');
  route();
}

function route() {
  if (!session) return;
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = pages[name] ? name : 'models';
  for (const link of document.querySelectorAll('nav a[data-route]')) {
    if (link.dataset.route === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  top.classList.remove('open');
  menu.setAttribute('aria-expanded', 'false');
  leave?.();
  clear(main);
  leave = pages[page].render(main, { caller: session.caller, args: rest, refreshCaller }) ?? null;
  main.focus({ preventScroll: true });
}

/** Re-reads the caller (its spend this period changes after a paid call). */
async function refreshCaller() {
  try {
    session.caller = await whoIs();
    showCaller(session.caller);
  } catch { /* the page shows its own errors */ }
}

menu.addEventListener('click', () => {
  const open = !top.classList.contains('open');
  top.classList.toggle('open', open);
  menu.setAttribute('aria-expanded', String(open));
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && top.classList.contains('open')) {
    top.classList.remove('open');
    menu.setAttribute('aria-expanded', 'false');
    menu.focus();
  }
});
document.getElementById('signout').addEventListener('click', () => {
  clearKey();
  history.replaceState(null, '', '#/');
  signIn();
});
window.addEventListener('hashchange', route);
onUnauthorized(() => {
  clearKey();
  signIn('The gateway no longer accepts this key (it may have been revoked). Sign in again.');
});

(async () => {
  const key = getKey();
  if (!key) { signIn(); return; }
  try {
    start(await whoIs(key));
  } catch (e) {
    if (e.status === 401) { clearKey(); signIn('Your saved key is no longer accepted. Sign in again.'); }
    else signIn(e.message);
  }
})();
