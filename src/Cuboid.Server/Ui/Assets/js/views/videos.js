// Video jobs: start one (prompt, model or auto, seconds, size), watch every job's state and progress update live,
// and play a finished one in the page from a signed link to /v1/videos/{id}/content's file.
import { api } from '../api.js';
import { h, clear, empty, errorBox, money, ago } from '../dom.js';
import { jobList, jobCard, showJob } from '../jobs.js';

const LIVE = new Set(['queued', 'in_progress']);
const STATUS = {
  queued: ['Queued', 'run'], in_progress: ['Generating', 'run'], completed: ['Ready', 'ok'],
  failed: ['Failed', 'bad'], cancelled: ['Cancelled', 'off'], expired: ['Expired', 'warn'],
};
const SIZES = ['1280x720', '720x1280', '1920x1080', '1080x1920', '854x480', '480x854', '1024x1024'];

export function render(main, { refreshCaller }) {
  const head = h('div', { class: 'head' },
    h('div', {},
      h('h1', {}, 'Videos'),
      h('p', { class: 'lede' }, 'Describe a shot. The gateway routes it to the best video model a host here can run, follows the job and checks the MP4 before it is ready.')));
  const form = createForm();
  const jobs = jobList({
    id: 'video-jobs', heading: 'Your jobs', waiting: 'Loading your video jobs…', url: '/v1/videos?limit=50',
    isLive: (j) => LIVE.has(j.status), make: card, update, settled: refreshCaller,
    none: () => empty('No video jobs yet', 'Write a prompt and press Generate. Jobs you start show up here with their progress, and play here when they are done.', 'film'),
  });
  main.append(head, h('div', { class: 'grid2' }, form.element, jobs.section));

  function card(job) {
    const media = h('div');
    const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
    const entry = jobCard(job, {
      label: `Video job ${job.id}`, body: [media],
      foot: [h('div', { class: 'job-foot' }, h('code', { class: 'muted small' }, job.id), remove)],
    });
    entry.parts.media = media;
    remove.addEventListener('click', async () => {
      remove.disabled = true;
      try {
        await api(`/v1/videos/${encodeURIComponent(job.id)}`, { method: 'DELETE' });
        await jobs.refresh();
      } catch (e) {
        entry.parts.problem.textContent = e.message;
        entry.parts.problem.hidden = false;
        remove.disabled = false;
      }
    });
    return entry;
  }

  function update(entry, job) {
    const cost = job.cuboid?.actual_cost ?? job.cuboid?.estimated_cost;
    showJob(entry, {
      title: job.prompt, status: job.status, statuses: STATUS,
      meta: [job.model, `${job.seconds} s · ${job.size}`, ago(job.created_at), cost != null ? `${job.cuboid?.actual_cost != null ? '' : '≈ '}${money(cost)}` : null],
      live: LIVE.has(job.status), done: job.progress ?? 0, total: 100, words: `${job.progress ?? 0}%`,
      problem: job.error?.message,
    });
    if (job.status === 'completed' && entry.status !== 'completed') play(entry, job);
    entry.status = job.status;
  }

  async function play(entry, job) {
    const media = entry.parts.media;
    clear(media).append(h('div', { class: 'skeleton', 'aria-hidden': 'true' }));
    try {
      const link = await api(`/v1/videos/${encodeURIComponent(job.id)}/link`);
      const video = h('video', { controls: true, preload: 'metadata', playsinline: true, src: link.url, 'aria-label': job.prompt });
      clear(media).append(h('div', { class: 'player' }, video),
        h('p', { class: 'small' }, h('a', { href: link.url, download: `${job.id}.mp4` }, 'Download MP4')));
    } catch (e) {
      clear(media).append(errorBox(e));
    }
  }

  function createForm() {
    const prompt = h('textarea', { id: 'prompt', name: 'prompt', required: true, maxlength: 4000, placeholder: 'A red kite rising over a windy beach at golden hour, slow dolly in' });
    const model = h('select', { id: 'video-model', name: 'model' }, h('option', { value: '' }, 'Auto: best usable model'));
    const seconds = h('input', { id: 'seconds', name: 'seconds', type: 'number', min: 1, max: 60, step: 1, value: 4, inputmode: 'numeric' });
    const size = h('input', { id: 'size', name: 'size', type: 'text', value: '1280x720', list: 'sizes', pattern: '\\d{2,5}x\\d{2,5}', autocomplete: 'off' });
    const sizes = h('datalist', { id: 'sizes' }, SIZES.map((v) => h('option', { value: v })));
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const submit = h('button', { class: 'primary', type: 'submit' }, 'Generate');
    const element = h('form', { class: 'card', 'aria-labelledby': 'new-video' },
      h('h2', { id: 'new-video' }, 'New video'),
      error,
      h('div', { class: 'field' }, h('label', { for: 'prompt' }, 'Prompt'), prompt),
      h('div', { class: 'field' }, h('label', { for: 'video-model' }, 'Model'), model,
        h('p', { class: 'hint' }, 'Auto picks by rating and price among the hosts configured here, and falls over before the job starts.')),
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'seconds' }, 'Seconds'), seconds),
        h('div', { class: 'field' }, h('label', { for: 'size' }, 'Size'), size, sizes)),
      h('div', { class: 'actions' }, submit));

    api('/v1/models?task=t2v').then((answer) => {
      const usable = answer.data.filter((m) => m.cuboid?.usable)
        .sort((a, b) => (b.cuboid.ratings.t2v?.effective ?? 0) - (a.cuboid.ratings.t2v?.effective ?? 0));
      for (const m of usable) model.append(h('option', { value: m.id }, `${m.cuboid.name ?? m.id}${m.cuboid.prices?.per_output_video_second != null ? ` · ${money(m.cuboid.prices.per_output_video_second)}/s` : ''}`));
    }).catch(() => { /* Auto still works; the list is a convenience */ });

    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      if (!prompt.value.trim()) { error.textContent = 'Write a prompt first.'; error.hidden = false; prompt.focus(); return; }
      if (!/^\d{2,5}x\d{2,5}$/.test(size.value.trim())) { error.textContent = 'Size is width x height in pixels, like 1280x720.'; error.hidden = false; size.focus(); return; }
      submit.disabled = true;
      submit.textContent = 'Starting…';
      try {
        const body = { prompt: prompt.value.trim(), seconds: String(seconds.value || 4), size: size.value.trim() };
        if (model.value) body.model = model.value;
        await api('/v1/videos', { method: 'POST', json: body });
        prompt.value = '';
        await jobs.refresh();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      } finally {
        submit.disabled = false;
        submit.textContent = 'Generate';
      }
    });
    return { element };
  }

  return () => jobs.stop();
}
