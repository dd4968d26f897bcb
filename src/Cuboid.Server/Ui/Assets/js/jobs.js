// Lists of jobs (video jobs, analyses, batches) that refresh themselves while any of them is live, and the card every
// job shares: a title, a status badge, a meta line, a progress bar with its words, and a problem line. Each job keeps
// its card between refreshes (found again by id and updated in place), so a playing video or an open menu is not rebuilt.
import { api } from './api.js';
import { h, clear, badge, loading, errorBox, poller } from './dom.js';

/**
 * A page's list section and its live refresh: the heading, a box showing "loading", the cards or the empty state.
 * @param id       the list's element id (tests and styles find it by it)
 * @param heading  the section's title
 * @param waiting  what the box says while the first answer is on its way
 * @param url      the API list to read ({ data: [...] })
 * @param isLive   job → still changing?
 * @param make     job → { card, ... } (a new card)
 * @param update   (entry, job) → void
 * @param none     () → the empty state
 * @param settled  called when the last live job ends (spend has changed)
 * @param watch    keep polling when nothing is live (jobs also arrive from elsewhere: a batch from the command line)
 * @returns { section, refresh, stop }: refresh() has already started (its failure shows in the box)
 */
export function jobList({ id, heading, waiting, url, isLive, make, update, none, settled, watch = false }) {
  const list = h('div', { class: 'jobs', id, 'aria-live': 'polite' });
  const box = h('div', {}, loading(waiting));
  const section = h('section', { 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, heading), box);
  const jobs = liveJobs({ box, list, url, isLive, make, update, none, settled, watch });
  jobs.refresh().catch((e) => clear(box).append(errorBox(e)));
  return { section, ...jobs };
}

/**
 * @param box      where the list (or its empty state) goes
 * @param list     the element that holds the cards
 * (the rest as for jobList)
 */
export function liveJobs({ box, list, url, isLive, make, update, none, settled, watch = false }) {
  const cards = new Map();
  const poll = poller(refresh, 1500);
  let live = false;

  /** Reads the jobs, shows them, and says whether any is still live (so polling goes on). */
  async function refresh() {
    const answer = await api(url);
    show(answer.data);
    const nowLive = answer.data.some(isLive);
    if (live && !nowLive) settled?.();
    live = nowLive;
    if (live || watch) poll.start();
    return live || watch;
  }

  function show(jobs) {
    if (jobs.length === 0) {
      cards.clear();
      clear(box).append(none());
      return;
    }
    if (!box.contains(list)) clear(box).append(list);
    const seen = new Set();
    jobs.forEach((job, index) => {
      seen.add(job.id);
      let entry = cards.get(job.id);
      if (!entry) {
        entry = make(job);
        cards.set(job.id, entry);
      }
      update(entry, job);
      if (list.children[index] !== entry.card) list.insertBefore(entry.card, list.children[index] ?? null);
    });
    for (const [id, entry] of cards) {
      if (!seen.has(id)) { entry.card.remove(); cards.delete(id); }
    }
  }

  return { refresh, stop: () => poll.stop() };
}

/**
 * A job's card: title and badge, the meta line, the progress bar and its words, then `body` (anything the kind of job
 * adds), the problem line and `foot`. Returns { card, parts, status } for jobList's make().
 */
export function jobCard(job, { label, body = [], foot = [] }) {
  const title = h('p', { class: 'job-title' });
  const state = h('span');
  const meta = h('ul', { class: 'meta' });
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Progress' });
  const words = h('span');
  const progress = h('div', { class: 'progress' }, bar, words);
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const card = h('article', { class: 'card job', dataset: { id: job.id }, 'aria-label': label },
    h('div', { class: 'job-head' }, title, state), meta, progress, ...body, problem, ...foot);
  return { card, parts: { title, state, meta, bar, words, progress, problem }, status: null };
}

/**
 * Shows what every card shows: the title, the status as a badge (statuses: status → [word, kind]), the meta items
 * (null ones left out), the progress while live (done of total, or a moving bar with its words), the problem.
 */
export function showJob(entry, { title, status, statuses, meta, live, done, total, words, problem }) {
  const p = entry.parts;
  p.title.textContent = title;
  const [word, kind] = statuses[status] ?? [status, 'off'];
  clear(p.state).append(badge(word, kind));
  clear(p.meta).append(...meta.filter((item) => item !== null && item !== undefined && item !== '').map((item) => h('li', {}, item)));
  p.progress.hidden = !live;
  if (total > 0) {
    p.bar.max = total;
    p.bar.value = done;
  } else {
    p.bar.removeAttribute('value');
  }
  p.words.textContent = words ?? '';
  p.problem.hidden = !problem;
  p.problem.textContent = problem ?? '';
}
