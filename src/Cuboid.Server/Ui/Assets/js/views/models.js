// The model leaderboard: one tab per task, models by decayed rating, with raw rating, age, price and whether this
// gateway can call them (a provider key is configured for them here).
import { api } from '../api.js';
import { h, clear, empty, loading, errorBox, money, number } from '../dom.js';

const rating = (v) => Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 });

const ORDER = ['chat', 'reason', 'caption', 'video-understanding', 'transcribe', 't2v', 'i2v', 'extend', 't2i', 'i2i'];
const NAMES = {
  chat: 'Chat', reason: 'Reasoning', caption: 'Captioning', 'video-understanding': 'Video understanding',
  transcribe: 'Transcription', t2v: 'Text → video', i2v: 'Image → video', extend: 'Extend video',
  t2i: 'Text → image', i2i: 'Image → image',
};

export const taskName = (task) => NAMES[task] ?? task;

function price(task, prices) {
  if (!prices) return '—';
  if (['t2v', 'i2v', 'extend'].includes(task) && prices.per_output_video_second != null) return `${money(prices.per_output_video_second)} / s`;
  if (['t2i', 'i2i'].includes(task) && prices.per_image != null) return `${money(prices.per_image)} / image`;
  if (task === 'transcribe' && prices.per_audio_minute != null) return `${money(prices.per_audio_minute)} / min`;
  if (prices.input_per_mtok != null || prices.output_per_mtok != null) return `${money(prices.input_per_mtok ?? 0)} · ${money(prices.output_per_mtok ?? 0)}`;
  return '—';
}

function priceHeading(task) {
  if (['t2v', 'i2v', 'extend'].includes(task)) return 'Price';
  if (['t2i', 'i2i'].includes(task)) return 'Price';
  if (task === 'transcribe') return 'Price';
  return 'In · out / M tok';
}

export function render(main, { args }) {
  let stopped = false;
  const head = h('div', { class: 'head' },
    h('div', {},
      h('h1', {}, 'Models'),
      h('p', { class: 'lede' }, 'Ratings decay with a 30-day half-life, so a model nobody has re-rated slides down. The gateway routes each task over its best usable models.')));
  const body = h('div', {}, loading('Loading the catalog…'));
  main.append(head, body);

  api('/v1/models').then((list) => {
    if (stopped) return;
    const models = list.data;
    const tasks = [...new Set(models.flatMap((m) => Object.keys(m.cuboid?.ratings ?? {})))]
      .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
    if (tasks.length === 0) {
      clear(body).append(empty('No models', 'This key may not use any model in the catalog. Ask your admin which tasks and models it allows.', 'search'));
      return;
    }
    let task = tasks.includes(args[0]) ? args[0] : tasks[0];
    let usableOnly = false;

    const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Task' });
    const only = h('input', { type: 'checkbox', id: 'usable-only' });
    const summary = h('p', { class: 'muted small', id: 'models-summary', 'aria-live': 'polite' });
    const table = h('div', { class: 'tablebox stacked', id: 'leaderboard', role: 'tabpanel', tabindex: 0 });
    const buttons = tasks.map((t) => h('button', {
      type: 'button', role: 'tab', id: `tab-${t}`, 'aria-selected': String(t === task), 'aria-controls': 'leaderboard', tabindex: t === task ? 0 : -1,
      onclick: () => select(t),
    }, taskName(t)));
    tabs.append(...buttons);
    tabs.addEventListener('keydown', (e) => {
      const i = tasks.indexOf(task);
      const next = e.key === 'ArrowRight' ? tasks[(i + 1) % tasks.length] : e.key === 'ArrowLeft' ? tasks[(i - 1 + tasks.length) % tasks.length] : null;
      if (next) { e.preventDefault(); select(next); document.getElementById(`tab-${next}`).focus(); }
    });
    only.addEventListener('change', () => { usableOnly = only.checked; draw(); });

    function select(t) {
      task = t;
      history.replaceState(null, '', `#/models/${t}`);
      for (const b of buttons) {
        const on = b.id === `tab-${t}`;
        b.setAttribute('aria-selected', String(on));
        b.tabIndex = on ? 0 : -1;
      }
      draw();
    }

    function draw() {
      const rows = models
        .filter((m) => m.cuboid?.ratings?.[task])
        .sort((a, b) => b.cuboid.ratings[task].effective - a.cuboid.ratings[task].effective || a.id.localeCompare(b.id));
      const usable = rows.filter((m) => m.cuboid.usable).length;
      const shown = usableOnly ? rows.filter((m) => m.cuboid.usable) : rows;
      summary.textContent = `${rows.length} model${rows.length === 1 ? '' : 's'} for ${taskName(task).toLowerCase()} · ${usable} usable here`;
      table.setAttribute('aria-labelledby', `tab-${task}`);
      clear(table);
      if (shown.length === 0) {
        table.append(empty('Nothing usable here yet', 'No provider key for these models is configured on this gateway. Set one in the server\'s environment (see docs/SERVER.md).', 'search'));
        return;
      }
      const best = Math.max(...shown.map((m) => m.cuboid.ratings[task].effective), 1);
      table.append(h('table', {},
        h('caption', { class: 'muted small', hidden: true }, `${taskName(task)} leaderboard`),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, '#'),
          h('th', { class: 'l', scope: 'col' }, 'Model'),
          h('th', { scope: 'col', title: 'Rating after decay (30-day half-life)' }, 'Rating'),
          h('th', { scope: 'col' }, 'Raw'),
          h('th', { scope: 'col', title: 'Days since the rating was observed' }, 'Age'),
          h('th', { scope: 'col' }, priceHeading(task)),
          h('th', { scope: 'col' }, 'Context'),
          h('th', { class: 'l', scope: 'col' }, 'Here'))),
        h('tbody', {}, shown.map((m, i) => {
          const r = m.cuboid.ratings[task];
          return h('tr', { dataset: { model: m.id } },
            h('td', { class: 'rank' }, i + 1),
            h('td', { class: 'l model' }, h('b', {}, m.cuboid.name ?? m.id.split(':').slice(1).join(':')), h('code', {}, m.id)),
            h('td', { 'data-label': 'Rating' }, h('span', { class: 'meter', 'aria-hidden': 'true' }, meterFill(r.effective / best)), rating(r.effective)),
            h('td', { 'data-label': 'Raw' }, r.rating == null ? '—' : rating(r.rating)),
            h('td', { 'data-label': 'Age' }, r.age_days == null ? '—' : `${Math.round(r.age_days)} d`),
            h('td', { 'data-label': 'Price' }, price(task, m.cuboid.prices)),
            h('td', { 'data-label': 'Context' }, m.cuboid.context_window ? `${number(Math.round(m.cuboid.context_window / 1000))}k` : '—'),
            h('td', { class: 'l here' }, m.cuboid.usable
              ? h('span', { class: 'badge b-ok' }, 'Usable')
              : h('span', { class: 'badge b-off', title: m.cuboid.status || 'not configured here' }, 'No key')));
        }))));
    }

    clear(body).append(tabs, h('div', { class: 'toolbar' }, summary, h('label', { class: 'check', for: 'usable-only' }, only, 'Only models usable here')), table);
    select(task);
  }).catch((e) => { if (!stopped) clear(body).append(errorBox(e)); });

  return () => { stopped = true; };
}

function meterFill(fraction) {
  const fill = h('i');
  fill.style.width = `${Math.round(Math.max(0.02, Math.min(1, fraction)) * 100)}%`;
  return fill;
}
