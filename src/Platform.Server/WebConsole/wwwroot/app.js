// The console's entry point: the API key dialog and a hash router (#/state-machines, #/state-machines/<arn>,
// #/executions?stateMachineArn=&status=&name=, #/executions/<arn>). Each view gets an AbortSignal that is aborted when
// the user navigates away, which stops its polling.

import { apiKey, onKeyRequired, setApiKey } from './api.js';
import { clearErrors, reportError } from './ui.js';
import { stateMachinesView } from './machines.js';
import { executionsView } from './executions.js';
import { executionView } from './execution.js';

const main = document.getElementById('main');
const dialog = document.getElementById('key-dialog');
const keyInput = document.getElementById('key-input');
const keyStatus = document.getElementById('key-status');
let current = null;

function showKeyStatus() {
  keyStatus.textContent = apiKey() ? 'API key: set for this tab' : 'API key: none';
}

function openKeyDialog() {
  if (!dialog.open) {
    keyInput.value = '';
    dialog.showModal();
    keyInput.focus();
  }
}

document.getElementById('key-button').addEventListener('click', openKeyDialog);
document.getElementById('key-cancel').addEventListener('click', () => dialog.close());
document.getElementById('key-forget').addEventListener('click', () => {
  setApiKey(null);
  dialog.close();
  showKeyStatus();
  route();
});
document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  if (key === '') {
    keyInput.setAttribute('aria-invalid', 'true');
    return;
  }
  keyInput.removeAttribute('aria-invalid');
  setApiKey(key);
  dialog.close();
  showKeyStatus();
  route();
});
onKeyRequired(() => openKeyDialog());

const routes = [
  [/^#\/state-machines\/(.+)$/, (m, signal) => stateMachinesView(main, decodeURIComponent(m[1]), signal)],
  [/^#\/state-machines\/?$/, (m, signal) => stateMachinesView(main, null, signal)],
  [/^#\/executions\/([^?]+)$/, (m, signal) => executionView(main, decodeURIComponent(m[1]), signal)],
  [/^#\/executions\/?(?:\?(.*))?$/, (m, signal) => executionsView(main, new URLSearchParams(m[1] ?? ''), signal)],
];

async function route() {
  current?.abort();
  current = new AbortController();
  const signal = current.signal;
  const hash = location.hash || '#/state-machines';
  for (const link of document.querySelectorAll('nav a[data-nav]')) {
    if (hash.startsWith(`#/${link.dataset.nav}`)) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  clearErrors();
  const found = routes.map(([pattern, view]) => [pattern.exec(hash), view]).find(([match]) => match);
  if (!found) {
    main.replaceChildren();
    reportError({ type: 'NotFound', message: `The console has no page '${hash}'.` }, 'Navigation');
    return;
  }
  try {
    await found[1](found[0], signal);
  } catch (error) {
    if (!signal.aborted) {
      reportError(error, 'Showing this page');
    }
  }
}

window.addEventListener('hashchange', route);
showKeyStatus();
route();
