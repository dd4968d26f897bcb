// Workers (admin): every process taking steps from the shared queue, grouped from Hangfire's servers (one per process
// and queue): its role, each queue with how many steps it runs at once and how many it is running, its last heartbeat,
// and the steps it is running now; above them, how many steps wait in each queue. Refreshed every two seconds.
import { api } from '../api.js';
import { h, clear, empty, loading, errorBox, number, badge, poller } from '../dom.js';

const ROLES = { all: ['API + worker', 'ok'], worker: ['Worker', 'run'], api: ['API', 'off'] };

/** Hangfire beats every 30 s by default: a process silent for over a minute has probably stopped. */
const SILENT_AFTER = 60;

const secondsAgo = (unix) => Math.max(0, Math.round(Date.now() / 1000 - unix));

function age(seconds) {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** One card a process: Hangfire's servers of the same process (their names start with MACHINE:PID) together. */
function processes(servers) {
  const byProcess = new Map();
  for (const server of servers) {
    const key = server.process ?? server.name;
    if (!byProcess.has(key)) byProcess.set(key, { name: key, role: server.role, servers: [] });
    byProcess.get(key).servers.push(server);
  }
  return [...byProcess.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function render(main, { caller }) {
  const head = h('div', { class: 'head' },
    h('div', {},
      h('h1', {}, 'Workers'),
      h('p', { class: 'lede' }, 'The processes that take steps from the shared queue. Media steps decode (about one per spare core); provider steps wait on model APIs (many at once). A process silent for over a minute has probably stopped: its steps go back to the queue.')));
  if (!caller.admin) {
    main.append(head, empty('Admin only', 'The worker list shows every key\'s work, so it needs the admin key.', 'box'));
    return null;
  }

  const tiles = h('div', { class: 'tiles', id: 'queue-tiles' });
  const body = h('div', {}, loading('Asking the queue…'));
  main.append(head, tiles, body);
  let stopped = false;
  const poll = poller(refresh, 2000);

  async function refresh() {
    const answer = await api('/v1/workers');
    if (stopped) return false;
    show(answer);
    return true;
  }

  function show(answer) {
    const tile = (label, value, sub) => h('div', { class: 'card tile' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
    const queues = answer.queues.length > 0 ? answer.queues : [{ name: 'media', length: 0, fetched: 0 }, { name: 'providers', length: 0, fetched: 0 }];
    clear(tiles).append(
      ...queues.map((q) => tile(`${q.name} queue`, number(q.length), `waiting${q.fetched ? ` · ${number(q.fetched)} taken` : ''}`)),
      tile('Running', number(answer.steps.processing), `${number(answer.steps.scheduled)} retrying later`),
      tile('Steps done', number(answer.steps.succeeded), `${number(answer.steps.failed)} failed for good`));
    const list = processes(answer.data);
    if (list.length === 0) {
      clear(body).append(empty('No worker has joined', 'Start one with cuboid serve --role worker --jobs postgres://… on any machine that shares the store. This process may be an API only.', 'box'));
      return;
    }
    clear(body).append(h('div', { class: 'jobs', id: 'workers' }, list.map(card)));
  }

  function card(p) {
    const [roleWord, roleKind] = ROLES[p.role] ?? [p.role ?? 'unknown role', 'off'];
    const beat = Math.max(...p.servers.map((s) => s.heartbeat ?? 0));
    const silent = beat > 0 ? secondsAgo(beat) : null;
    const started = Math.min(...p.servers.map((s) => s.started_at));
    const current = p.servers.flatMap((s) => (s.current ?? []).map((step) => ({ ...step, queue: s.queue ?? s.queues[0] })));
    return h('article', { class: 'card job worker', dataset: { process: p.name }, 'aria-label': `Worker process ${p.name}` },
      h('div', { class: 'job-head' }, h('p', { class: 'job-title' }, h('code', {}, p.name)),
        silent !== null && silent > SILENT_AFTER ? badge(`Silent ${age(silent)}`, 'warn') : badge(roleWord, roleKind)),
      h('ul', { class: 'meta' },
        h('li', {}, silent === null ? 'no heartbeat yet' : `heartbeat ${age(silent)} ago`),
        h('li', {}, `up ${age(secondsAgo(started))}`)),
      h('table', { class: 'queues' },
        h('thead', {}, h('tr', {}, h('th', { class: 'l', scope: 'col' }, 'Queue'), h('th', { scope: 'col' }, 'At once'), h('th', { scope: 'col' }, 'Busy'))),
        h('tbody', {}, p.servers.map((s) => h('tr', {},
          h('td', { class: 'l' }, s.queue ?? s.queues.join(', ')), h('td', {}, number(s.workers)), h('td', {}, number((s.current ?? []).length)))))),
      current.length === 0
        ? h('p', { class: 'muted small idle' }, 'Idle: no step running.')
        : h('ul', { class: 'steps', 'aria-label': 'Steps running now' }, current.map((step) =>
          h('li', {}, h('b', {}, step.step), h('code', {}, step.item ?? step.job), h('span', {}, step.started_at ? age(secondsAgo(step.started_at)) : '')))));
  }

  refresh().then(() => poll.start()).catch((e) => { if (!stopped) clear(body).append(errorBox(e)); });
  return () => { stopped = true; poll.stop(); };
}
