// Analyses: upload a video (multipart POST /v1/analyses, with upload progress), watch each run's stage and
// progress, then open its HTML report in the page (or a tab) and read its chapters.
import { api, upload } from '../api.js';
import { h, clear, empty, loading, errorBox, money, ago, clock } from '../dom.js';
import { jobList, jobCard, showJob } from '../jobs.js';

const LIVE = new Set(['queued', 'running']);
const STATUS = { queued: ['Queued', 'run'], running: ['Analysing', 'run'], completed: ['Done', 'ok'], failed: ['Failed', 'bad'] };

export function render(main, { refreshCaller }) {
  const head = h('div', { class: 'head' },
    h('div', {},
      h('h1', {}, 'Analyses'),
      h('p', { class: 'lede' }, 'Upload a video. A cheap model captions a frame every few seconds, the speech is transcribed, and a reasoning model writes chapters and a summary.')));
  const viewer = h('section', { class: 'viewer', id: 'viewer', hidden: true, 'aria-labelledby': 'viewer-title' });
  const jobs = jobList({
    id: 'analyses', heading: 'Your analyses', waiting: 'Loading your analyses…', url: '/v1/analyses?limit=50',
    isLive: (a) => LIVE.has(a.status), make: card, update, settled: refreshCaller,
    none: () => empty('No analyses yet', 'Choose a video on the left. Its report opens here when the run is done.', 'film'),
  });
  main.append(head, h('div', { class: 'grid2' }, uploadForm(), jobs.section), viewer);

  function card(analysis) {
    const actions = h('div', { class: 'actions' });
    const entry = jobCard(analysis, { label: `Analysis of ${analysis.filename ?? analysis.id}`, foot: [actions] });
    entry.parts.actions = actions;
    return entry;
  }

  function update(entry, a) {
    const counted = a.progress && a.progress.total > 0;
    showJob(entry, {
      title: a.filename ?? a.id, status: a.status, statuses: STATUS,
      meta: [ago(a.created_at), a.cost ? money(a.cost) : a.status === 'completed' ? 'no model cost' : null, h('code', {}, a.id)],
      live: LIVE.has(a.status), done: counted ? a.progress.done : 0, total: counted ? a.progress.total : 0,
      words: counted ? `${a.progress.stage} ${a.progress.done}/${a.progress.total}` : a.status === 'queued' ? 'waiting for its turn' : (a.progress?.stage ?? 'starting'),
      problem: a.error,
    });
    if (a.status === 'completed' && entry.status !== 'completed') {
      clear(entry.parts.actions).append(
        h('button', { type: 'button', class: 'primary', onclick: () => openReport(a) }, 'Open report'),
        h('button', { type: 'button', class: 'secondary', onclick: () => openChapters(a) }, 'Chapters'));
    }
    entry.status = a.status;
  }

  async function openReport(a) {
    viewer.hidden = false;
    clear(viewer).append(viewerHead(a, 'Report'), loading('Opening the report…'));
    viewer.scrollIntoView({ behavior: 'smooth', block: 'start' });
    try {
      const links = await api(`/v1/analyses/${encodeURIComponent(a.id)}/link`);
      const frame = h('iframe', { class: 'report', id: 'report-frame', src: links.report, title: `Report of ${a.filename ?? a.id}` });
      clear(viewer).append(viewerHead(a, 'Report',
        h('a', { class: 'button secondary', href: links.report, target: '_blank', rel: 'noopener' }, 'Open in a new tab'),
        h('a', { class: 'button secondary', href: links.chapters, download: 'chapters.vtt' }, 'chapters.vtt')), frame);
    } catch (e) {
      clear(viewer).append(viewerHead(a, 'Report'), errorBox(e));
    }
  }

  async function openChapters(a) {
    viewer.hidden = false;
    clear(viewer).append(viewerHead(a, 'Chapters'), loading('Loading the chapters…'));
    viewer.scrollIntoView({ behavior: 'smooth', block: 'start' });
    try {
      const full = await api(`/v1/analyses/${encodeURIComponent(a.id)}`);
      const chapters = full.report?.chapters ?? [];
      const summary = full.report?.summary;
      clear(viewer).append(viewerHead(a, 'Chapters'), h('div', { class: 'card' },
        summary ? h('p', {}, summary) : null,
        chapters.length === 0
          ? empty('No chapters', 'A structural report (no model configured, or "structural only") has scenes but no chapters. Open the report to see them.', 'film')
          : h('ol', { class: 'chapters', id: 'chapter-list' }, chapters.map((c) =>
            h('li', {}, h('b', {}, clock(c.start)), c.title, c.summary ? h('span', {}, c.summary) : null)))));
    } catch (e) {
      clear(viewer).append(viewerHead(a, 'Chapters'), errorBox(e));
    }
  }

  function viewerHead(a, what, ...actions) {
    return h('div', { class: 'head' },
      h('h2', { id: 'viewer-title' }, `${what}: ${a.filename ?? a.id}`),
      h('div', { class: 'actions' }, ...actions,
        h('button', { type: 'button', class: 'secondary', onclick: () => { viewer.hidden = true; clear(viewer); } }, 'Close')));
  }

  function uploadForm() {
    const file = h('input', { type: 'file', id: 'video-file', name: 'file', accept: 'video/*,.mp4,.mov,.mkv,.webm', required: true });
    const chosen = h('span', { class: 'file muted' }, 'MP4, MOV, MKV or WebM');
    const drop = h('label', { class: 'drop', for: 'video-file' },
      h('span', {}, h('strong', {}, 'Choose a video'), ' or drop it here'), chosen, file);
    const every = h('input', { id: 'every', name: 'every', type: 'number', min: 0.5, step: 0.5, value: 5, inputmode: 'decimal' });
    const focus = h('input', { id: 'focus', name: 'focus', type: 'text', placeholder: 'e.g. safety incidents', autocomplete: 'off' });
    const offline = h('input', { id: 'offline', name: 'offline', type: 'checkbox' });
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Upload progress' });
    const sent = h('span');
    const progress = h('div', { class: 'progress', hidden: true }, bar, sent);
    const submit = h('button', { class: 'primary', type: 'submit' }, 'Analyze');
    const form = h('form', { class: 'card', 'aria-labelledby': 'new-analysis' },
      h('h2', { id: 'new-analysis' }, 'New analysis'), error, drop,
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'every' }, 'Frame every (s)'), every),
        h('div', { class: 'field' }, h('label', { for: 'focus' }, 'Focus'), focus)),
      h('div', { class: 'field' }, h('label', { class: 'check', for: 'offline' }, offline, 'Structural only: scenes, motion and audio, no model calls')),
      progress, h('div', { class: 'actions' }, submit));

    const pick = () => { chosen.textContent = file.files[0] ? `${file.files[0].name} · ${(file.files[0].size / 1048576).toFixed(1)} MB` : 'MP4, MOV, MKV or WebM'; };
    file.addEventListener('change', pick);
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer.files.length) { file.files = e.dataTransfer.files; pick(); }
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      if (!file.files[0]) { error.textContent = 'Choose a video to analyse.'; error.hidden = false; file.focus(); return; }
      const data = new FormData();
      data.append('file', file.files[0]);
      if (every.value) data.append('every', every.value);
      if (focus.value.trim()) data.append('focus', focus.value.trim());
      if (offline.checked) data.append('offline', 'true');
      submit.disabled = true;
      submit.textContent = 'Uploading…';
      progress.hidden = false;
      try {
        await upload('/v1/analyses', data, (fraction) => {
          bar.value = fraction;
          sent.textContent = `${Math.round(fraction * 100)}%`;
        });
        form.reset();
        pick();
        await jobs.refresh();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      } finally {
        submit.disabled = false;
        submit.textContent = 'Analyze';
        progress.hidden = true;
      }
    });
    return form;
  }

  return () => jobs.stop();
}
