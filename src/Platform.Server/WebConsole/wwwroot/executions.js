// Executions, of one state machine or of all: ListExecutions (with statusFilter, paged by nextToken) for each state
// machine, merged newest first in the browser. The AWS API has no search by name, so the name filter is applied here to
// the executions read, and "Load more" reads on until it has found another page of matches.

import { call, listAll } from './api.js';
import { badge, fill, formatDate, formatDuration, h, reportError } from './ui.js';

export const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const PAGE = 25;
const MAX_SCAN = 2000;

/** Reads several state machines' executions as one list, newest first: a merge of their ListExecutions pages. */
export class ExecutionFeed {
  constructor(stateMachineArns, statusFilter, onError) {
    this.statusFilter = statusFilter;
    this.onError = onError;
    this.cursors = stateMachineArns.map((arn) => ({ arn, buffer: [], nextToken: undefined, done: false }));
  }

  /** Whether every execution has been returned. */
  get done() {
    return this.cursors.every((c) => c.done && c.buffer.length === 0);
  }

  async refill() {
    await Promise.all(this.cursors.filter((c) => c.buffer.length === 0 && !c.done).map(async (c) => {
      try {
        const page = await call('ListExecutions', {
          stateMachineArn: c.arn,
          maxResults: 100,
          ...(this.statusFilter ? { statusFilter: this.statusFilter } : {}),
          ...(c.nextToken ? { nextToken: c.nextToken } : {}),
        });
        c.buffer.push(...page.executions);
        c.nextToken = page.nextToken;
        c.done = !page.nextToken;
      } catch (error) {
        c.done = true;
        this.onError(error, c.arn);
      }
    }));
  }

  /** The next execution (the newest not yet returned), or null at the end. */
  async next() {
    await this.refill();
    let best = null;
    for (const c of this.cursors) {
      if (c.buffer.length > 0 && (best === null || c.buffer[0].startDate > best.buffer[0].startDate)) {
        best = c;
      }
    }
    return best === null ? null : best.buffer.shift();
  }
}

const machineName = (arn) => arn.split(':')[6] ?? arn;

export async function executionsView(main, params, signal) {
  const machineSelect = h('select', { id: 'filter-machine', name: 'stateMachineArn' }, h('option', { value: '' }, 'All state machines'));
  const statusSelect = h('select', { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, 'Any status'), STATUSES.map((status) => h('option', { value: status }, status)));
  const nameInput = h('input', { id: 'filter-name', name: 'name', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const summary = h('p', { class: 'summary', id: 'executions-summary', 'aria-live': 'polite' });
  const body = h('tbody');
  const more = h('button', { type: 'button', id: 'executions-more', hidden: true }, 'Load more');
  fill(main, h('section', { class: 'panel', 'aria-labelledby': 'executions-title' },
    h('h1', { id: 'executions-title' }, 'Executions'),
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter executions', onsubmit: (event) => event.preventDefault() },
      h('div', {}, h('label', { for: 'filter-machine' }, 'State machine'), machineSelect),
      h('div', {}, h('label', { for: 'filter-status' }, 'Status'), statusSelect),
      h('div', {}, h('label', { for: 'filter-name' }, 'Name contains'), nameInput)),
    summary,
    h('table', { class: 'list', id: 'execution-list' },
      h('thead', {}, h('tr', {},
        ['Name', 'State machine', 'Status', 'Started', 'Ended', 'Duration'].map((title) => h('th', { scope: 'col' }, title)))),
      body),
    more));

  let machines;
  try {
    machines = await listAll('ListStateMachines', {}, 'stateMachines');
  } catch (error) {
    reportError(error, 'Listing the state machines (ListStateMachines)');
    return;
  }
  if (signal.aborted) {
    return;
  }
  for (const machine of machines) {
    machineSelect.append(h('option', { value: machine.stateMachineArn }, machine.name));
  }
  const wanted = params.get('stateMachineArn') ?? '';
  if (wanted && !machines.some((m) => m.stateMachineArn === wanted)) {
    machineSelect.append(h('option', { value: wanted }, wanted)); // a version or alias ARN, or one that no longer exists
  }
  machineSelect.value = wanted;
  statusSelect.value = STATUSES.includes(params.get('status')) ? params.get('status') : '';
  nameInput.value = params.get('name') ?? '';

  let feed;
  let generation = 0;
  let shown = 0;
  let scanned = 0;

  const row = (execution) => h('tr', {},
    h('th', { scope: 'row' }, h('a', { href: `#/executions/${encodeURIComponent(execution.executionArn)}` }, execution.name)),
    h('td', {}, h('a', { href: `#/state-machines/${encodeURIComponent(execution.stateMachineArn)}` }, machineName(execution.stateMachineArn))),
    h('td', {}, badge(execution.status)),
    h('td', {}, formatDate(execution.startDate)),
    h('td', {}, formatDate(execution.stopDate)),
    h('td', {}, execution.stopDate ? formatDuration((execution.stopDate - execution.startDate) * 1000) : '—'));

  const loadMore = async () => {
    const mine = generation;
    const needle = nameInput.value.trim().toLowerCase();
    more.disabled = true;
    summary.textContent = 'Loading…';
    let added = 0;
    let read = 0;
    while (added < PAGE && read < MAX_SCAN) {
      const execution = await feed.next();
      if (mine !== generation || signal.aborted) {
        return;
      }
      if (execution === null) {
        break;
      }
      read++;
      scanned++;
      if (needle && !execution.name.toLowerCase().includes(needle)) {
        continue;
      }
      body.append(row(execution));
      added++;
      shown++;
    }
    more.hidden = feed.done;
    more.disabled = false;
    const matching = needle ? ` matching “${nameInput.value.trim()}” (of ${scanned} read)` : '';
    summary.textContent = shown === 0 && feed.done
      ? `No executions${matching}.`
      : `${shown} execution${shown === 1 ? '' : 's'}${matching}${feed.done ? '; that is all.' : '; more with Load more.'}`;
  };

  const restart = () => {
    generation++;
    const query = new URLSearchParams();
    for (const [key, value] of [['stateMachineArn', machineSelect.value], ['status', statusSelect.value], ['name', nameInput.value.trim()]]) {
      if (value) {
        query.set(key, value);
      }
    }
    const hash = `#/executions${query.size > 0 ? `?${query}` : ''}`;
    if (location.hash !== hash) {
      history.replaceState(null, '', hash);
    }
    const arns = machineSelect.value ? [machineSelect.value] : machines.map((m) => m.stateMachineArn);
    feed = new ExecutionFeed(arns, statusSelect.value, (error, arn) => reportError(error, `Listing the executions of ${machineName(arn)} (ListExecutions)`));
    body.replaceChildren();
    shown = 0;
    scanned = 0;
    return loadMore();
  };

  let typing;
  machineSelect.addEventListener('change', restart);
  statusSelect.addEventListener('change', restart);
  nameInput.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(restart, 250);
  });
  more.addEventListener('click', loadMore);
  await restart();
}
