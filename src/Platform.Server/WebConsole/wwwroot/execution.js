// One execution: DescribeExecution, the graph of the revision it runs (/console/api/graph?executionArn=) coloured by
// what GetExecutionHistory says of each state, the states' inputs and outputs, the event history, Stop and Redrive, and
// the task token of a state that waits for a callback. While it runs, it polls every second (DescribeExecution, then the
// events after the last one seen, read newest first) and updates in place; it stops polling when the execution ends.

import { call, graphLayout } from './api.js';
import { STATUS_TEXT, drawGraph, paintGraph } from './graph.js';
import { deriveRun, detailsOf, stateNameOf } from './history.js';
import { badge, errorBox, fill, formatDate, formatDuration, h, jsonBlock, reportError } from './ui.js';

const POLL_MS = 1000;
const machineName = (arn) => arn.split(':')[6] ?? arn;

/** The whole history, oldest first. */
async function readHistory(executionArn) {
  const events = [];
  let nextToken;
  do {
    const page = await call('GetExecutionHistory', { executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** The events after `lastId`, oldest first: read newest first until an event already seen. */
async function readNewEvents(executionArn, lastId) {
  const fresh = [];
  let nextToken;
  do {
    const page = await call('GetExecutionHistory', { executionArn, reverseOrder: true, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    const older = page.events.findIndex((event) => event.id <= lastId);
    fresh.push(...(older >= 0 ? page.events.slice(0, older) : page.events));
    nextToken = older >= 0 ? undefined : page.nextToken;
  } while (nextToken);
  return fresh.reverse();
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Colours' },
    Object.entries(STATUS_TEXT).map(([status, text]) => h('li', {}, h('span', { class: 'swatch', 'data-status': status, 'aria-hidden': 'true' }), text)));
}

export async function executionView(main, executionArn, signal) {
  const title = h('h1', { id: 'execution-title' }, executionArn.split(':').at(-1));
  const statusBadge = badge(null, { id: 'execution-status' });
  const liveNote = h('span', { class: 'live', id: 'live-note', 'aria-live': 'polite' });
  const stopButton = h('button', { type: 'button', id: 'stop-button', disabled: true }, 'Stop…');
  const redriveButton = h('button', { type: 'button', id: 'redrive-button', disabled: true }, 'Redrive');
  const actionError = h('div', { class: 'form-error', id: 'action-error' });
  const stopError = h('input', { id: 'stop-error', name: 'error', maxlength: '256', autocomplete: 'off' });
  const stopCause = h('textarea', { id: 'stop-cause', name: 'cause', maxlength: '32768', rows: '2' });
  const stopForm = h('form', { class: 'stop-form', id: 'stop-form', hidden: true, 'aria-labelledby': 'stop-title' },
    h('h2', { id: 'stop-title' }, 'Stop this execution'),
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'stop-error' }, 'Error (optional)'), stopError),
      h('div', { class: 'grow' }, h('label', { for: 'stop-cause' }, 'Cause (optional)'), stopCause)),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'danger', id: 'stop-confirm' }, 'Stop execution'),
      h('button', { type: 'button', onclick: () => { stopForm.hidden = true; } }, 'Cancel')));
  const facts = h('dl', { class: 'facts compact', id: 'execution-facts' });
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/executions' }, 'Executions'));
  const graphBox = h('div', { class: 'graph-box', id: 'execution-graph' }, h('p', { class: 'muted' }, 'Drawing the graph…'));
  const statePanel = h('section', { class: 'panel state-panel', id: 'state-panel', 'aria-labelledby': 'state-title', 'aria-live': 'polite' });
  const callbackPanel = h('section', { class: 'panel callback', id: 'callback-panel', hidden: true, 'aria-labelledby': 'callback-title' });
  const statesBody = h('tbody');
  const historyBody = h('tbody');
  const ioPanel = h('div', { class: 'io', id: 'execution-io' });

  fill(main, 
    crumbs,
    h('div', { class: 'exec-head' }, title, statusBadge, liveNote,
      h('div', { class: 'actions' }, stopButton, redriveButton)),
    actionError,
    stopForm,
    facts,
    h('div', { class: 'exec-grid' },
      h('section', { class: 'panel graph-panel', 'aria-labelledby': 'exec-graph-title' },
        h('h2', { id: 'exec-graph-title' }, 'Graph'), legend(), graphBox),
      h('div', { class: 'side' }, callbackPanel, statePanel)),
    h('section', { class: 'panel', 'aria-labelledby': 'states-title' },
      h('h2', { id: 'states-title' }, 'States'),
      h('table', { class: 'list', id: 'state-list' },
        h('thead', {}, h('tr', {}, ['State', 'Type', 'Status', 'Entered', 'Exited', 'Duration'].map((t) => h('th', { scope: 'col' }, t)))),
        statesBody)),
    h('section', { class: 'panel', 'aria-labelledby': 'io-title' }, h('h2', { id: 'io-title' }, 'Execution input and output'), ioPanel),
    h('section', { class: 'panel', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, 'Event history'),
      h('table', { class: 'list history', id: 'history' },
        h('thead', {}, h('tr', {}, ['ID', 'Type', 'Step', 'Timestamp', 'Elapsed', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
        historyBody)));

  let description = null;
  let events = [];
  let run = deriveRun([], executionArn);
  let svg = null;
  let selected = null;
  let chosen = false;
  let timer = null;
  let polling = false;
  let shownState = '';
  let shownCallback = '';
  let shownIo = '';
  signal.addEventListener('abort', () => clearTimeout(timer));

  const [described, layout] = await Promise.allSettled([
    call('DescribeExecution', { executionArn }),
    graphLayout({ executionArn }),
  ]);
  if (signal.aborted) {
    return;
  }
  if (described.status === 'rejected') {
    fill(main, crumbs, title, errorBox(described.reason, 'DescribeExecution'));
    return;
  }
  description = described.value;
  if (layout.status === 'fulfilled') {
    svg = drawGraph(layout.value, { label: `Graph of execution ${description.name}`, onSelect: (name) => select(name) });
    fill(graphBox, svg);
  } else {
    fill(graphBox, errorBox(layout.reason, 'The graph'));
  }
  try {
    events = await readHistory(executionArn);
  } catch (error) {
    reportError(error, 'Reading the event history (GetExecutionHistory)');
  }
  if (signal.aborted) {
    return;
  }
  render();
  if (description.status === 'RUNNING') {
    schedule();
  } else {
    liveNote.textContent = '';
  }

  function schedule() {
    clearTimeout(timer);
    liveNote.textContent = 'Live: updates every second';
    timer = setTimeout(poll, POLL_MS);
  }

  async function poll() {
    if (signal.aborted || polling) {
      return;
    }
    polling = true;
    try {
      description = await call('DescribeExecution', { executionArn });
      const fresh = await readNewEvents(executionArn, run.lastEventId);
      if (signal.aborted) {
        return;
      }
      events.push(...fresh);
      render();
    } catch (error) {
      if (!signal.aborted) {
        reportError(error, 'Live update');
      }
    } finally {
      polling = false;
    }
    if (signal.aborted) {
      return;
    }
    if (description.status === 'RUNNING') {
      schedule();
    } else {
      liveNote.textContent = `Ended ${description.status}: live updates stopped.`;
    }
  }

  function refreshNow() {
    clearTimeout(timer);
    poll();
  }

  function select(name) {
    selected = name;
    chosen = true;
    render();
    document.getElementById('state-title')?.focus();
  }

  function render() {
    run = deriveRun(events, executionArn);
    title.textContent = description.name;
    statusBadge.textContent = description.status;
    statusBadge.setAttribute('data-status', description.status);
    fill(crumbs, 
      h('a', { href: '#/executions' }, 'Executions'), ' › ',
      h('a', { href: `#/executions?stateMachineArn=${encodeURIComponent(description.stateMachineArn)}` }, machineName(description.stateMachineArn)), ' › ',
      h('span', { 'aria-current': 'page' }, description.name));
    renderFacts();
    renderActions();
    if (!chosen) {
      // Until the user picks one, follow the execution: the state waiting for a callback, else the latest entered.
      const latest = [...run.states.values()].filter((st) => st.enteredId > 0).sort((a, b) => b.enteredId - a.enteredId)[0];
      selected = run.waiting[0]?.name ?? latest?.name ?? null;
    }
    if (svg) {
      paintGraph(svg, {
        statusOfState: (name) => run.states.get(name)?.status ?? 'not-reached',
        statusOfMarker: (kind, top) => (top ? (kind === 'start' ? run.start : run.end) ?? 'not-reached' : null),
        selected,
      });
    }
    renderStates();
    renderStatePanel();
    renderCallback();
    renderIo();
    renderHistory();
  }

  function renderFacts() {
    const ended = description.stopDate;
    const duration = ((ended ?? Date.now() / 1000) - description.startDate) * 1000;
    const fact = (term, ...value) => h('div', { class: ['Execution ARN', 'State machine', 'Redrive status'].includes(term) ? 'wide' : null }, h('dt', {}, term), h('dd', {}, ...value));
    fill(facts,
      fact('Execution ARN', h('span', { class: 'arn' }, description.executionArn)),
      fact('State machine', h('a', { href: `#/state-machines/${encodeURIComponent(description.stateMachineArn)}` }, description.stateMachineArn)),
      fact('Started', formatDate(description.startDate)),
      fact('Ended', formatDate(ended)),
      fact('Duration', formatDuration(duration)),
      fact('Redrives', String(description.redriveCount ?? 0), description.redriveDate ? ` (last ${formatDate(description.redriveDate)})` : ''),
      description.redriveStatus
        ? fact('Redrive status', description.redriveStatus, description.redriveStatusReason ? ` — ${description.redriveStatusReason}` : '')
        : null);
  }

  function renderActions() {
    stopButton.disabled = description.status !== 'RUNNING';
    if (stopButton.disabled) {
      stopForm.hidden = true;
    }
    redriveButton.disabled = description.redriveStatus !== 'REDRIVABLE';
    redriveButton.title = redriveButton.disabled
      ? `Not redrivable${description.redriveStatusReason ? `: ${description.redriveStatusReason}` : description.redriveStatus ? ` (${description.redriveStatus})` : ''}`
      : 'Run again from the states that did not succeed (RedriveExecution)';
  }

  function renderStates() {
    const states = [...run.states.values()].filter((st) => st.enteredId > 0).sort((a, b) => a.enteredId - b.enteredId);
    fill(statesBody, ...(states.length === 0
      ? [h('tr', {}, h('td', { colspan: '6', class: 'muted' }, 'No state entered yet.'))]
      : states.map((st) => h('tr', { 'data-state-row': st.name, 'aria-current': st.name === selected ? 'true' : null },
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', onclick: () => select(st.name) }, st.name)),
        h('td', {}, st.type ?? ''),
        h('td', {}, h('span', { class: 'status-text', 'data-status': st.status }, STATUS_TEXT[st.status]),
          st.entries > 1 ? h('span', { class: 'muted' }, ` (entered ${st.entries} times)`) : null),
        h('td', {}, formatDate(st.enteredAt)),
        h('td', {}, formatDate(st.exitedAt)),
        h('td', {}, st.exitedAt ? formatDuration((st.exitedAt - st.enteredAt) * 1000) : '—')))));
  }

  function renderStatePanel() {
    const st = selected === null ? null : run.states.get(selected) ?? { name: selected, status: 'not-reached', entries: 0, tokens: [] };
    const key = JSON.stringify(st && { ...st, tokens: st.tokens?.length });
    if (key === shownState) {
      return;
    }
    shownState = key;
    if (st === null) {
      fill(statePanel, h('h2', { id: 'state-title', tabindex: '-1' }, 'State'),
        h('p', { class: 'muted' }, 'Select a state in the graph or in the list of states to see its input and output.'));
      return;
    }
    fill(statePanel, 
      h('h2', { id: 'state-title', tabindex: '-1' }, `State: ${st.name}`),
      h('p', {},
        h('span', { class: 'status-text', 'data-status': st.status, id: 'state-status' }, STATUS_TEXT[st.status]),
        st.type ? ` · ${st.type}` : '',
        st.entries > 1 ? ` · entered ${st.entries} times; the latest is shown` : '',
        st.waiting ? ' · waiting for a callback with its task token' : ''),
      st.error !== undefined || st.cause !== undefined
        ? h('div', { class: 'error' }, h('strong', {}, st.error ?? 'Error'), st.cause ? `: ${st.cause}` : '')
        : null,
      h('h3', {}, 'Input'),
      jsonBlock(st.input, 'Not entered.'),
      h('h3', {}, 'Output'),
      jsonBlock(st.output, st.status === 'in-progress' ? 'Not exited yet.' : 'None.'),
      st.resource ? [h('h3', {}, 'Task'), h('p', { class: 'arn' }, st.resource), st.parameters ? jsonBlock(st.parameters) : null] : null);
  }

  function renderCallback() {
    const waiting = description.status === 'RUNNING' ? run.waiting : [];
    const key = JSON.stringify(waiting.map((st) => [st.name, st.tokens.map((t) => t.token)]));
    if (key === shownCallback) {
      return;
    }
    shownCallback = key;
    callbackPanel.hidden = waiting.length === 0;
    fill(callbackPanel, 
      h('h2', { id: 'callback-title' }, 'Waiting for a callback'),
      waiting.map((st, i) => callbackItem(st, i)));
  }

  function callbackItem(st, index) {
    if (st.tokens.length === 0) {
      return h('div', { class: 'callback-item' },
        h('p', {}, 'State ', h('strong', {}, st.name),
          ' waits for SendTaskSuccess or SendTaskFailure, but its parameters carry no task token of this execution: pass $$.Task.Token in its Parameters so that whoever answers can read it.'));
    }
    const { path, token } = st.tokens[0];
    const id = `token-${index}`;
    const field = h('textarea', { id, class: 'token', readonly: true, rows: '3', spellcheck: 'false', 'data-state': st.name });
    field.value = token;
    const copied = h('span', { class: 'muted', 'aria-live': 'polite' });
    const output = h('textarea', { id: `${id}-output`, rows: '3', spellcheck: 'false' });
    output.value = '{}';
    const failError = h('input', { id: `${id}-error`, maxlength: '256', autocomplete: 'off' });
    const failCause = h('input', { id: `${id}-cause`, maxlength: '32768', autocomplete: 'off' });
    const result = h('div', { class: 'form-error' });
    const send = async (operation, body) => {
      result.replaceChildren();
      try {
        await call(operation, { taskToken: token, ...body });
        fill(result, h('p', { class: 'ok' }, `${operation} accepted.`));
        refreshNow();
      } catch (error) {
        fill(result, errorBox(error, operation));
      }
    };
    return h('div', { class: 'callback-item' },
      h('p', {}, 'State ', h('strong', {}, st.name), ` waits for SendTaskSuccess or SendTaskFailure with this task token (its TaskScheduled parameters carry it at ${path}).`),
      h('label', { for: id }, `Task token of ${st.name}`),
      field,
      h('div', { class: 'buttons' },
        h('button', {
          type: 'button',
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(token);
              copied.textContent = 'Copied.';
            } catch (error) {
              field.select();
              copied.textContent = `The clipboard refused (${error.message}); the token is selected: copy it with Ctrl+C.`;
            }
          },
        }, 'Copy token'),
        copied),
      h('details', { class: 'answer' },
        h('summary', {}, 'Answer from here'),
        h('div', { class: 'row' },
          h('form', {
            class: 'grow',
            onsubmit: (event) => {
              event.preventDefault();
              try {
                JSON.parse(output.value);
              } catch (error) {
                fill(result, errorBox({ type: 'InvalidJSON', message: `The output is not valid JSON: ${error.message}` }, 'Not sent'));
                return;
              }
              send('SendTaskSuccess', { output: output.value });
            },
          },
          h('label', { for: `${id}-output` }, 'Output (JSON)'), output,
          h('button', { type: 'submit', class: 'primary' }, 'Send task success')),
          h('form', {
            class: 'grow',
            onsubmit: (event) => {
              event.preventDefault();
              send('SendTaskFailure', { ...(failError.value ? { error: failError.value } : {}), ...(failCause.value ? { cause: failCause.value } : {}) });
            },
          },
          h('label', { for: `${id}-error` }, 'Error'), failError,
          h('label', { for: `${id}-cause` }, 'Cause'), failCause,
          h('button', { type: 'submit', class: 'danger' }, 'Send task failure'))),
        result));
  }

  function renderIo() {
    const key = JSON.stringify([description.status, description.output, description.error, description.cause]);
    if (key === shownIo) {
      return;
    }
    shownIo = key;
    fill(ioPanel, 
      h('div', {}, h('h3', {}, 'Input'), jsonBlock(description.input)),
      h('div', {}, h('h3', {}, 'Output'), jsonBlock(description.output, description.status === 'RUNNING' ? 'Not ended yet.' : 'None.')),
      description.error !== undefined || description.cause !== undefined
        ? h('div', { id: 'execution-error' }, h('h3', {}, 'Error and cause'),
          h('div', { class: 'error' }, h('strong', {}, description.error ?? '(no error)'), description.cause ? `: ${description.cause}` : ''))
        : null);
  }

  function renderHistory() {
    const shown = historyBody.children.length;
    const start = events[0]?.timestamp ?? description.startDate;
    for (const event of events.slice(shown)) {
      const details = detailsOf(event);
      const step = stateNameOf(event) ?? run.stepOf.get(event.id) ?? '';
      const brief = details.error ? `${details.error}` : Object.keys(details).length === 0 ? null : 'Show';
      historyBody.append(h('tr', { 'data-event-id': event.id, 'data-event-type': event.type },
        h('td', {}, String(event.id)),
        h('td', {}, event.type),
        h('td', {}, step),
        h('td', {}, formatDate(event.timestamp)),
        h('td', {}, formatDuration((event.timestamp - start) * 1000)),
        h('td', {}, brief === null ? h('span', { class: 'muted' }, '—')
          : h('details', {}, h('summary', {}, brief), h('pre', { class: 'json', tabindex: '0' }, prettyDetails(details))))));
    }
  }

  stopButton.addEventListener('click', () => {
    stopForm.hidden = false;
    stopError.focus();
  });
  stopForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    actionError.replaceChildren();
    try {
      await call('StopExecution', {
        executionArn,
        ...(stopError.value ? { error: stopError.value } : {}),
        ...(stopCause.value ? { cause: stopCause.value } : {}),
      });
      stopForm.hidden = true;
      refreshNow();
    } catch (error) {
      fill(actionError, errorBox(error, 'StopExecution'));
    }
  });
  redriveButton.addEventListener('click', async () => {
    actionError.replaceChildren();
    redriveButton.disabled = true;
    try {
      await call('RedriveExecution', { executionArn });
      refreshNow();
    } catch (error) {
      fill(actionError, errorBox(error, 'RedriveExecution'));
      renderActions();
    }
  });
}

/** An event's details with its JSON strings (input, output, parameters) expanded for reading. */
function prettyDetails(details) {
  const expanded = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' && ['input', 'output', 'parameters'].includes(key)) {
      try {
        expanded[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON: shown as it is.
      }
    }
    expanded[key] = value;
  }
  return JSON.stringify(expanded, null, 2);
}
