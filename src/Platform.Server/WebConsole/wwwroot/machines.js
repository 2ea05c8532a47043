// State machines: the list (ListStateMachines, paged) and, for the one chosen, its description, its graph (the layout
// from /console/api/graph drawn in the browser), a form that starts an execution, and its latest executions.

import { call, graphLayout } from './api.js';
import { drawGraph, paintGraph } from './graph.js';
import { badge, errorBox, fill, formatDate, h, jsonBlock, reportError } from './ui.js';

const machineHref = (arn) => `#/state-machines/${encodeURIComponent(arn)}`;
const executionHref = (arn) => `#/executions/${encodeURIComponent(arn)}`;

export async function stateMachinesView(main, selectedArn, signal) {
  const body = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, 'Load more state machines');
  const list = h('section', { class: 'panel machines', 'aria-labelledby': 'machines-title' },
    h('h1', { id: 'machines-title' }, 'State machines'),
    h('table', { class: 'list', id: 'machine-list' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Created'))),
      body),
    more);
  const detail = h('section', { class: 'panel machine-detail', 'aria-labelledby': 'machine-title' });
  fill(main, h('div', { class: 'split' }, list, detail));

  let nextToken;
  const loadPage = async () => {
    more.disabled = true;
    try {
      const page = await call('ListStateMachines', { maxResults: 100, ...(nextToken ? { nextToken } : {}) });
      if (signal.aborted) {
        return;
      }
      for (const machine of page.stateMachines) {
        body.append(h('tr', { 'aria-current': machine.stateMachineArn === selectedArn ? 'true' : null },
          h('th', { scope: 'row' }, h('a', { href: machineHref(machine.stateMachineArn) }, machine.name)),
          h('td', {}, machine.type),
          h('td', {}, formatDate(machine.creationDate))));
      }
      nextToken = page.nextToken;
      more.hidden = !nextToken;
      if (body.children.length === 0) {
        body.append(h('tr', {}, h('td', { colspan: '3', class: 'muted' },
          'No state machines yet. Create one with CreateStateMachine (aws stepfunctions create-state-machine), or put a <name>.asl.json file in the workflows directory and restart the server.')));
      }
    } catch (error) {
      reportError(error, 'Listing the state machines (ListStateMachines)');
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', loadPage);

  const listed = loadPage();
  if (selectedArn) {
    await showMachine(detail, selectedArn, signal);
  } else {
    detail.append(h('h2', { id: 'machine-title', class: 'sr-only' }, 'State machine'),
      h('p', { class: 'muted' }, 'Choose a state machine to see its graph, start an execution, and see its executions.'));
  }
  await listed;
}

async function showMachine(detail, arn, signal) {
  fill(detail, h('h2', { id: 'machine-title' }, 'State machine'), h('p', { class: 'muted' }, 'Loading…'));
  let machine;
  try {
    machine = await call('DescribeStateMachine', { stateMachineArn: arn });
  } catch (error) {
    fill(detail, h('h2', { id: 'machine-title' }, 'State machine'), errorBox(error, 'DescribeStateMachine'));
    return;
  }
  if (signal.aborted) {
    return;
  }

  const graphBox = h('div', { class: 'graph-box', id: 'machine-graph' }, h('p', { class: 'muted' }, 'Drawing the graph…'));
  const stateBox = h('div', { class: 'state-definition', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Select a state in the graph to see its definition.'));
  const recent = h('div', { class: 'recent' });
  fill(detail, 
    h('h2', { id: 'machine-title' }, machine.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'ARN'), h('dd', { class: 'arn' }, machine.stateMachineArn),
      h('dt', {}, 'Type'), h('dd', {}, machine.type),
      h('dt', {}, 'Created'), h('dd', {}, formatDate(machine.creationDate)),
      h('dt', {}, 'Role'), h('dd', { class: 'arn' }, machine.roleArn),
      machine.description ? [h('dt', {}, 'Description'), h('dd', {}, machine.description)] : null),
    h('div', { class: 'machine-grid' },
      h('section', { class: 'graph-section', 'aria-labelledby': 'graph-title' },
        h('h3', { id: 'graph-title' }, 'Graph'), graphBox, stateBox),
      h('div', { class: 'side' },
        startForm(machine),
        h('section', { 'aria-labelledby': 'recent-title' }, h('h3', { id: 'recent-title' }, 'Latest executions'), recent))),
    h('details', { class: 'definition' }, h('summary', {}, 'Definition (ASL)'), jsonBlock(machine.definition)));

  const definition = parseDefinition(machine.definition);
  try {
    const layout = await graphLayout({ stateMachineArn: arn });
    if (signal.aborted) {
      return;
    }
    let svg;
    const select = (name) => {
      paintGraph(svg, { selected: name });
      const found = findState(definition, name);
      fill(stateBox, h('h4', {}, `State ${name}`),
        found ? h('pre', { class: 'json', tabindex: '0' }, JSON.stringify(found, null, 2)) : h('p', { class: 'muted' }, 'Not found in the definition text.'));
    };
    svg = drawGraph(layout, { label: `Graph of ${machine.name}`, onSelect: select });
    paintGraph(svg, {});
    fill(graphBox, svg);
  } catch (error) {
    fill(graphBox, errorBox(error, 'The graph'));
  }

  await showRecent(recent, machine, signal);
}

function parseDefinition(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The definition of the state named `name`, at any depth (Parallel branches, Map processors). */
function findState(node, name) {
  if (!node || typeof node !== 'object') {
    return null;
  }
  if (node.States && typeof node.States === 'object' && Object.hasOwn(node.States, name)) {
    return node.States[name];
  }
  for (const value of Object.values(node)) {
    const found = findState(value, name);
    if (found) {
      return found;
    }
  }
  return null;
}

function startForm(machine) {
  const nameInput = h('input', { id: 'start-name', name: 'name', maxlength: '80', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'start-name-hint' });
  const inputArea = h('textarea', {
    id: 'start-input', name: 'input', rows: '8', spellcheck: 'false', 'aria-describedby': 'start-input-status',
  });
  inputArea.value = '{}';
  const inputStatus = h('p', { id: 'start-input-status', class: 'field-status', 'aria-live': 'polite' }, 'Valid JSON.');
  const formError = h('div', { class: 'form-error', id: 'start-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'start-submit' }, 'Start execution');

  const check = () => {
    const text = inputArea.value.trim() === '' ? '{}' : inputArea.value;
    try {
      JSON.parse(text);
      inputArea.removeAttribute('aria-invalid');
      inputStatus.textContent = 'Valid JSON.';
      inputStatus.classList.remove('invalid');
      return text;
    } catch (error) {
      inputArea.setAttribute('aria-invalid', 'true');
      inputStatus.textContent = `The input is not valid JSON: ${error.message}`;
      inputStatus.classList.add('invalid');
      return null;
    }
  };
  inputArea.addEventListener('input', check);

  const form = h('form', { class: 'start-form', id: 'start-form', 'aria-labelledby': 'start-title', novalidate: true },
    h('h3', { id: 'start-title' }, 'Start execution'),
    h('label', { for: 'start-name' }, 'Name'),
    nameInput,
    h('p', { id: 'start-name-hint', class: 'hint' }, 'Optional: 1–80 characters; a GUID when left empty.'),
    h('label', { for: 'start-input' }, 'Input (JSON)'),
    inputArea,
    inputStatus,
    formError,
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.replaceChildren();
    const input = check();
    if (input === null) {
      fill(formError, errorBox({ type: 'InvalidJSON', message: inputStatus.textContent }, 'Not started'));
      inputArea.focus();
      return;
    }
    const name = nameInput.value.trim();
    submit.disabled = true;
    try {
      const started = await call('StartExecution', { stateMachineArn: machine.stateMachineArn, input, ...(name ? { name } : {}) });
      location.hash = executionHref(started.executionArn);
    } catch (error) {
      fill(formError, errorBox(error, 'StartExecution'));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function showRecent(box, machine, signal) {
  try {
    const page = await call('ListExecutions', { stateMachineArn: machine.stateMachineArn, maxResults: 10 });
    if (signal.aborted) {
      return;
    }
    const all = h('a', { href: `#/executions?stateMachineArn=${encodeURIComponent(machine.stateMachineArn)}` }, `All executions of ${machine.name}`);
    if (page.executions.length === 0) {
      fill(box, h('p', { class: 'muted' }, 'None yet.'));
      return;
    }
    fill(box, 
      h('ul', { class: 'recent-list' }, page.executions.map((execution) => h('li', {},
        badge(execution.status), ' ',
        h('a', { href: executionHref(execution.executionArn) }, execution.name), ' ',
        h('span', { class: 'muted' }, formatDate(execution.startDate))))),
      all);
  } catch (error) {
    fill(box, errorBox(error, 'ListExecutions'));
  }
}
