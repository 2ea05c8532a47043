// The console's only ways to the server: the AWS Step Functions API (AWS JSON 1.0: POST / with X-Amz-Target), exactly
// as the AWS CLI and SDKs use it, and GET /console/api/graph for the layout `platform graph --format json` computes.
// With an API key configured on the server, the key the user entered (kept in sessionStorage) goes out as X-Api-Key.

const KEY_STORAGE = 'platform.console.apiKey';
const API_URL = new URL('../', document.baseURI);
const GRAPH_URL = new URL('api/graph', document.baseURI);

/** An answer that is not a success: the AWS error's __type (e.g. com.amazonaws.states#ExecutionDoesNotExist) and message. */
export class ApiError extends Error {
  constructor(type, message, status) {
    super(message);
    this.name = 'ApiError';
    this.type = type;
    this.status = status;
  }

  /** The code after '#', as the SDKs read it. */
  get code() {
    return this.type.includes('#') ? this.type.slice(this.type.indexOf('#') + 1) : this.type;
  }

  /** Whether the server wants an API key (none was sent, or a wrong one). */
  get needsKey() {
    return this.code === 'UnrecognizedClientException' || this.code === 'AccessDeniedException';
  }
}

const listeners = new Set();

/** Calls back whenever a request is refused for want of a (right) API key. */
export function onKeyRequired(listener) {
  listeners.add(listener);
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key) {
  if (key) {
    sessionStorage.setItem(KEY_STORAGE, key);
  } else {
    sessionStorage.removeItem(KEY_STORAGE);
  }
}

function headers(extra) {
  const all = { ...extra };
  const key = apiKey();
  if (key) {
    all['X-Api-Key'] = key;
  }
  return all;
}

async function send(url, init, what) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError('NetworkError', `${what}: the server did not answer (${error.message}). Is platform serve still running?`, 0);
  }
  const text = await response.text();
  let body;
  try {
    body = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(`HTTP ${response.status}`, `${what} answered with a body that is not JSON: ${text.slice(0, 300)}`, response.status);
  }
  if (!response.ok) {
    const error = new ApiError(body.__type ?? `HTTP ${response.status}`, body.message ?? (text || response.statusText), response.status);
    if (error.needsKey) {
      listeners.forEach((listener) => listener(error));
    }
    throw error;
  }
  return body;
}

/** Calls an AWS Step Functions operation, e.g. call('DescribeExecution', { executionArn }). Throws ApiError. */
export function call(operation, body = {}) {
  return send(API_URL, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}` }),
    body: JSON.stringify(body),
  }, operation);
}

/** The graph layout of a state machine ({ stateMachineArn }) or of the revision an execution runs ({ executionArn }). */
export function graphLayout(query) {
  const url = new URL(GRAPH_URL);
  for (const [name, value] of Object.entries(query)) {
    url.searchParams.set(name, value);
  }
  return send(url, { headers: headers({ Accept: 'application/json' }) }, 'The graph layout');
}

/** Every page of a listing: listAll('ListStateMachines', {}, 'stateMachines'). */
export async function listAll(operation, body, field) {
  const items = [];
  let nextToken;
  do {
    const page = await call(operation, { ...body, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    items.push(...(page[field] ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}
