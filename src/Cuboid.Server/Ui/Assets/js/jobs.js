// A list of jobs (video jobs, analyses) that refreshes itself while any of them is live. Each job keeps its card
// between refreshes (found again by id and updated in place), so a playing video or an open menu is not rebuilt.
import { api } from './api.js';
import { clear, poller } from './dom.js';

/**
 * @param box      where the list (or its empty state) goes
 * @param list     the element that holds the cards
 * @param url      the API list to read ({ data: [...] })
 * @param isLive   job → still changing?
 * @param make     job → { card, ... } (a new card)
 * @param update   (entry, job) → void
 * @param none     () → the empty state
 * @param settled  called when the last live job ends (spend has changed)
 */
export function liveJobs({ box, list, url, isLive, make, update, none, settled }) {
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
    if (live) poll.start();
    return live;
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
