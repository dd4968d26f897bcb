// Spend per day, model or key over the last 7, 30 or 90 days, as a chart with the same numbers as a table beside
// it. The admin sees every key; a virtual key its own spend and what is left of its budget.
import { api } from '../api.js';
import { h, clear, empty, loading, errorBox, money, number } from '../dom.js';
import { columns, bars } from '../charts.js';

export function render(main, { caller, args }) {
  const groups = caller.admin ? [['day', 'By day'], ['model', 'By model'], ['key', 'By key']] : [['day', 'By day'], ['model', 'By model']];
  let group = groups.some(([g]) => g === args[0]) ? args[0] : 'day';
  let days = 30;
  let stopChart = null;
  let stopped = false;

  const head = h('div', { class: 'head' },
    h('div', {},
      h('h1', {}, 'Spend'),
      h('p', { class: 'lede' }, caller.admin
        ? 'What every virtual key spent, booked at catalog prices after each call. Calls made with the admin key are not metered.'
        : 'What this key spent, booked at catalog prices after each call.')));
  const switcher = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Group spend' });
  const buttons = groups.map(([g, label]) => h('button', { type: 'button', 'aria-pressed': String(g === group), dataset: { group: g }, onclick: () => { group = g; history.replaceState(null, '', `#/spend/${g}`); load(); } }, label));
  switcher.append(...buttons);
  const range = h('select', { id: 'range', 'aria-label': 'Period' },
    h('option', { value: 7 }, 'Last 7 days'), h('option', { value: 30, selected: true }, 'Last 30 days'), h('option', { value: 90 }, 'Last 90 days'));
  range.addEventListener('change', () => { days = Number(range.value); load(); });
  const tiles = h('div', { class: 'tiles' });
  const body = h('div', {}, loading('Adding up the spend…'));
  main.append(head, h('div', { class: 'toolbar' }, switcher, range), tiles, body);

  async function load() {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.group === group));
    stopChart?.();
    stopChart = null;
    clear(body).append(loading('Adding up the spend…'));
    try {
      const usage = await api(`/v1/usage?group=${group}&days=${days}`);
      if (stopped) return;
      drawTiles(usage);
      clear(body);
      if (usage.calls === 0) {
        body.append(empty(`Nothing spent in the last ${days} days`,
          caller.admin ? 'Spend shows here after a paid call made with a virtual key.' : 'Spend shows here after your first paid call with this key.', 'chart'));
        return;
      }
      const chartBox = h('div', { class: 'chart', id: 'spend-chart' });
      const title = { day: 'Spend per day', model: 'Spend per model', key: 'Spend per key' }[group];
      const card = h('section', { class: 'card', 'aria-labelledby': 'chart-title' },
        h('h2', { id: 'chart-title' }, title, h('span', { class: 'count' }, `${usage.from} to ${usage.to} (UTC)`)), chartBox, table(usage));
      body.append(card);
      const shown = group === 'day' ? usage.data : usage.data.filter((b) => b.dollars > 0 || b.calls > 0);
      stopChart = (group === 'day' ? columns : bars)(chartBox, shown, `${title}, ${usage.from} to ${usage.to}: ${money(usage.total)} in total`);
    } catch (e) {
      if (!stopped) clear(body).append(errorBox(e));
    }
  }

  function drawTiles(usage) {
    const tile = (label, value, sub) => h('div', { class: 'card tile' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
    // The dearest bucket: the busiest day, or the model or key that spent most (the list comes dearest first).
    const top = group === 'day' ? usage.data.reduce((a, b) => (b.dollars > a.dollars ? b : a), usage.data[0]) : usage.data[0];
    const topName = { day: 'Busiest day', model: 'Top model', key: 'Top key' }[group];
    clear(tiles).append(
      tile(`Spent, ${days} days`, money(usage.total), `${number(usage.calls)} charge${usage.calls === 1 ? '' : 's'}`),
      caller.admin
        ? tile(topName, top && top.dollars > 0 ? money(top.dollars) : '—', top && top.dollars > 0 ? top.label : 'nothing spent yet')
        : tile(`This ${usage.caller.period}`, money(usage.caller.spent_this_period),
          usage.caller.budget != null ? `of ${money(usage.caller.budget)} budget · ${money(Math.max(0, usage.caller.budget - usage.caller.spent_this_period))} left` : 'no budget set'),
      tile('Tokens', number(usage.data.reduce((n, b) => n + b.input_tokens + b.output_tokens, 0)), 'input and output'));
  }

  function table(usage) {
    const rows = group === 'day' ? usage.data.filter((b) => b.calls > 0).reverse() : usage.data;
    const name = { day: 'Day', model: 'Model', key: 'Key' }[group];
    return h('details', { class: 'table' }, h('summary', {}, 'Show as a table'),
      h('div', { class: 'tablebox' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { class: 'l', scope: 'col' }, name), h('th', { scope: 'col' }, 'Dollars'), h('th', { scope: 'col' }, 'Charges'), h('th', { scope: 'col' }, 'Input tok'), h('th', { scope: 'col' }, 'Output tok'))),
        h('tbody', {}, rows.map((b) => h('tr', {},
          h('td', { class: 'l' }, group === 'model' ? h('code', {}, b.label) : b.label),
          h('td', {}, money(b.dollars)), h('td', {}, number(b.calls)), h('td', {}, number(b.input_tokens)), h('td', {}, number(b.output_tokens))))))));
  }

  load();
  return () => { stopped = true; stopChart?.(); };
}
