// Batches: every corpus submitted with `cuboid analyze DIR --server` (or POST /v1/batches) with its progress (done,
// running, queued, failed) and dollars, live while it runs; one batch's page lists its videos with a link to each
// finished report and to the batch's index page (signed links, so they open in a tab of their own).
import { api } from '../api.js';
import { h, clear, empty, loading, errorBox, money, number, ago, badge, poller } from '../dom.js';
import { jobList, jobCard, showJob } from '../jobs.js';

const VIDEO_STATUS = { queued: ['Queued', 'off'], running: ['Running', 'run'], completed: ['Done', 'ok'], failed: ['Failed', 'bad'] };

/** The batch's state as one status word: queued (nothing started yet), running, done, or done with failures. */
function state(b) {
  if (b.status !== 'finished') return b.running === 0 && b.completed + b.failed === 0 ? 'queued' : 'running';
  return b.failed > 0 ? 'partial' : 'done';
}

const STATUS = { queued: ['Queued', 'off'], running: ['Running', 'run'], done: ['Done', 'ok'], partial: ['Done, some failed', 'warn'] };

const counts = (b) => `${number(b.completed)} done · ${number(b.running)} running · ${number(b.queued)} queued · ${number(b.failed)} failed`;

const spent = (b) => b.budget != null ? `${money(b.dollars)} of ${money(b.budget)}` : money(b.dollars);

export function render(main, { args, refreshCaller }) {
  return args[0] ? one(main, args[0], refreshCaller) : all(main, refreshCaller);
}

function all(main, refreshCaller) {
  const head = h('div', { class: 'head' },
    h('div', {},
      h('h1', {}, 'Batches'),
      h('p', { class: 'lede' }, 'A corpus of videos as one job: each video is analysed in short steps that the gateway\'s workers share. Submit one with ',
        h('code', {}, 'cuboid analyze FOLDER --server URL'), ' or ', h('code', {}, 'POST /v1/batches'), '.')));
  const jobs = jobList({
    id: 'batches', heading: 'Your batches', waiting: 'Loading your batches…', url: '/v1/batches',
    isLive: (b) => b.status !== 'finished', make: card, update, settled: refreshCaller, watch: true,
    none: () => empty('No batches yet', 'Run cuboid analyze on a folder of videos with --server pointing here. Its progress shows up on this page.', 'film'),
  });
  main.append(head, jobs.section);

  function card(b) {
    const open = h('a', { class: 'button secondary', href: `#/batches/${encodeURIComponent(b.id)}` }, 'Videos and reports');
    return jobCard(b, { label: `Batch ${b.name ?? b.id}`, foot: [h('div', { class: 'job-foot' }, h('code', { class: 'muted small' }, b.id), open)] });
  }

  function update(entry, b) {
    showJob(entry, {
      title: b.name ?? b.id, status: state(b), statuses: STATUS,
      meta: [ago(b.created_at), `${number(b.total)} video${b.total === 1 ? '' : 's'}`, spent(b)],
      live: true, done: b.completed + b.failed, total: b.total, words: counts(b),
    });
  }

  return () => jobs.stop();
}

function one(main, id, refreshCaller) {
  let stopped = false;
  let links = null;
  let linked = -1;   // how many finished videos the links were signed for
  const title = h('h1', {}, 'Batch');
  const lede = h('p', { class: 'lede' }, h('code', {}, id));
  const index = h('a', { class: 'button secondary', id: 'batch-index', target: '_blank', rel: 'noopener', hidden: true }, 'Index page');
  const head = h('div', { class: 'head' }, h('div', {}, title, lede),
    h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/batches' }, 'All batches'), index));
  const tiles = h('div', { class: 'tiles', id: 'batch-tiles' });
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Videos finished' });
  const words = h('span');
  const progress = h('div', { class: 'progress batch-progress' }, bar, words);
  const body = h('div', {}, loading('Loading the batch…'));
  main.append(head, tiles, progress, body);
  const poll = poller(refresh, 1500);
  let live = true;

  async function refresh() {
    const b = await api(`/v1/batches/${encodeURIComponent(id)}`);
    if (stopped) return false;
    if (b.completed !== linked) {
      links = await api(`/v1/batches/${encodeURIComponent(id)}/link`);
      linked = b.completed;
      index.href = links.index;
      index.hidden = false;
    }
    show(b);
    const nowLive = b.status !== 'finished';
    if (live && !nowLive) refreshCaller?.();
    live = nowLive;
    return live;
  }

  function show(b) {
    title.textContent = b.name ?? b.id;
    document.title = `${b.name ?? b.id} · Batches · Cuboid gateway`;
    clear(lede).append(h('code', {}, b.id), ` · every ${b.options.every} s${b.options.focus ? ` · focus: ${b.options.focus}` : ''}${b.options.offline ? ' · structural only' : ''} · started ${ago(b.created_at)}`);
    const tile = (label, value, kind) => h('div', { class: `card tile${kind ? ` t-${kind}` : ''}` }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
    clear(tiles).append(
      tile('Done', number(b.completed), 'ok'), tile('Running', number(b.running), 'run'),
      tile('Queued', number(b.queued)), tile('Failed', number(b.failed), b.failed > 0 ? 'bad' : null),
      tile(b.budget != null ? `Spent of ${money(b.budget)}` : 'Spent', money(b.dollars)));
    bar.max = Math.max(1, b.total);
    bar.value = b.completed + b.failed;
    words.textContent = `${number(b.completed + b.failed)} of ${number(b.total)} finished`;
    progress.hidden = b.status === 'finished';
    if (b.videos.length === 0) {
      clear(body).append(empty('No videos yet', 'Videos added to this batch show up here as they are uploaded.', 'film'));
      return;
    }
    // Failures first, so none is missed; then in the order they were added.
    const videos = [...b.videos].sort((x, y) => (x.status === 'failed' ? 0 : 1) - (y.status === 'failed' ? 0 : 1));
    clear(body).append(h('div', { class: 'tablebox batch-videos' }, h('table', { id: 'batch-videos' },
      h('thead', {}, h('tr', {}, h('th', { class: 'l', scope: 'col' }, 'Video'), h('th', { class: 'l', scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Cost'), h('th', { class: 'l', scope: 'col' }, 'Report'))),
      h('tbody', {}, videos.map((v) => {
        const [word, kind] = VIDEO_STATUS[v.status] ?? [v.status, 'off'];
        const report = links?.reports?.[v.id];
        return h('tr', { dataset: { id: v.id } },
          h('td', { class: 'l name' }, h('b', {}, v.name), v.reused_from ? h('span', { class: 'muted small' }, 'reused an earlier report') : null,
            v.error ? h('span', { class: 'problem' }, v.error) : null),
          h('td', { class: 'l', 'data-label': 'Status' }, badge(word, kind)),
          h('td', { 'data-label': 'Cost' }, money(v.dollars)),
          h('td', { class: 'l', 'data-label': 'Report' }, report
            ? h('a', { href: report, target: '_blank', rel: 'noopener', 'aria-label': `Report of ${v.name}` }, 'Open report')
            : h('span', { class: 'muted' }, v.status === 'failed' ? 'none' : 'not yet')));
      })))));
  }

  refresh().then((again) => { if (again) poll.start(); })
    .catch((e) => { if (!stopped) clear(body).append(errorBox(e)); });
  return () => { stopped = true; poll.stop(); };
}
