// What an execution's history says about each state, as the AWS console reads it: entered → in progress, exited →
// succeeded (or "caught error" when its last attempt failed and a Catch moved on), a failure that ends the execution →
// failed, a stop → aborted; never entered → not reached. Pure functions of the events (GetExecutionHistory's shape), with
// no DOM, so they can run anywhere.

const ENTERED = 'StateEntered';
const EXITED = 'StateExited';

/** The platform's task tokens: "v1." + base64url(execution id, U+001F, wait id, U+001F, expiry) + "." + signature. */
const TOKEN = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Decodes what a task token names ({ executionId, waitId, expires } with expires in epoch seconds), or null. */
export function decodeTaskToken(token) {
  const match = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!match) {
    return null;
  }
  try {
    const base64 = match[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parts = text.split('\u001f');
    if (parts.length !== 3 || parts[0] === '' || parts[1] === '' || !/^\d+$/.test(parts[2])) {
      return null;
    }
    return { executionId: parts[0], waitId: parts[1], expires: Number(parts[2]) };
  } catch {
    return null;
  }
}

function pathOf(parent, key) {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The task tokens in a TaskScheduled event's parameters (JSON text) that name this execution: [{ path, token, expires }],
 * where path is where $$.Task.Token was put (e.g. $.Payload.taskToken).
 */
export function findTaskTokens(parametersText, executionArn) {
  let value;
  try {
    value = JSON.parse(parametersText);
  } catch {
    return [];
  }
  const found = [];
  const walk = (node, path) => {
    if (typeof node === 'string') {
      const decoded = decodeTaskToken(node);
      if (decoded && (!executionArn || decoded.executionId === executionArn)) {
        found.push({ path, token: node, expires: decoded.expires });
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, pathOf(path, i)));
    } else if (node && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        walk(item, pathOf(path, key));
      }
    }
  };
  walk(value, '$');
  return found;
}

/** The details object of an event: the one field ending in "EventDetails". */
export function detailsOf(event) {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails')) {
      return value ?? {};
    }
  }
  return {};
}

/** The state an event belongs to (for Entered and Exited events, the one they name), or null. */
export function stateNameOf(event) {
  return event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name ?? null;
}

const isTaskFamily = (type) => /^(Task|LambdaFunction|Activity)/.test(type);
const isContainerFamily = (type) => /^(Parallel|Map)State/.test(type);

function newState(name) {
  return {
    name,
    type: null,
    status: 'not-reached',
    entries: 0,
    enteredAt: null,
    enteredId: 0,
    exitedAt: null,
    input: undefined,
    output: undefined,
    error: undefined,
    cause: undefined,
    attemptFailed: false,
    resource: undefined,
    parameters: undefined,
    tokens: [],
    waiting: false,
  };
}

/**
 * Reads an execution's events (any order; GetExecutionHistory's shape) into
 * { states: Map(name → state), start, end, waiting: [state], lastEventId, stepOf: Map(event id → state name or null) }. A state is { name, type (Task, Pass, ...),
 * status (not-reached | in-progress | succeeded | failed | caught | aborted), entries, enteredAt, enteredId, exitedAt, input,
 * output, error, cause, resource, parameters, tokens: [{ path, token, expires }], waiting }. start and end are the
 * statuses of the top-level markers (null while not reached); waiting lists the states that wait for a task token.
 */
export function deriveRun(events, executionArn) {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const states = new Map();
  const ownerOf = new Map(); // event id → the state it happened in (null: between states)
  const open = []; // states in progress, most recently entered last
  let interrupted = []; // states a stop or failure cut short: a redrive resumes them (without entering them again)
  const run = { states, start: null, end: null, waiting: [], lastEventId: 0, stepOf: ownerOf };
  const state = (name) => {
    if (!states.has(name)) {
      states.set(name, newState(name));
    }
    return states.get(name);
  };
  const close = (st) => {
    const at = open.lastIndexOf(st);
    if (at >= 0) {
      open.splice(at, 1);
    }
  };
  // Events without a state of their own (task and Parallel/Map events) follow previousEventId to the state they
  // happened in; failing that (a chain that starts between states), the latest open state of the right family.
  const owner = (event) => {
    const known = ownerOf.get(event.previousEventId);
    if (known) {
      return states.get(known);
    }
    const family = isTaskFamily(event.type) ? ['Task'] : isContainerFamily(event.type) ? ['Parallel', 'Map'] : null;
    for (let i = open.length - 1; family && i >= 0; i--) {
      if (family.includes(open[i].type)) {
        return open[i];
      }
    }
    return null;
  };

  for (const event of sorted) {
    const type = event.type;
    const details = detailsOf(event);
    run.lastEventId = Math.max(run.lastEventId, event.id);
    let owned = null;

    if (type.endsWith(ENTERED)) {
      const st = state(details.name);
      Object.assign(st, {
        type: type.slice(0, -ENTERED.length),
        entries: st.entries + 1,
        enteredAt: event.timestamp,
        enteredId: event.id,
        exitedAt: null,
        input: details.input,
        output: undefined,
        error: undefined,
        cause: undefined,
        attemptFailed: false,
        resource: undefined,
        parameters: undefined,
        tokens: [],
        waiting: false,
      });
      close(st);
      if (st.type === 'Fail') {
        st.status = 'failed'; // terminal: its branch (or the execution) fails right here
      } else {
        st.status = 'in-progress';
        open.push(st);
      }
      owned = st.name;
    } else if (type.endsWith(EXITED)) {
      const st = state(details.name);
      st.status = st.attemptFailed ? 'caught' : 'succeeded';
      st.output = details.output;
      st.exitedAt = event.timestamp;
      st.waiting = false;
      close(st);
    } else if (type.startsWith('Execution')) {
      if (type === 'ExecutionStarted') {
        run.start = 'succeeded';
      } else if (type === 'ExecutionSucceeded') {
        run.end = 'succeeded';
      } else if (type === 'ExecutionRedriven') {
        // The redrive reruns what did not finish, from where it was: those states are in progress again.
        run.end = null;
        for (const st of interrupted) {
          Object.assign(st, { status: 'in-progress', attemptFailed: false, error: undefined, cause: undefined, waiting: false });
          open.push(st);
        }
        interrupted = [];
      } else if (type === 'ExecutionFailed' || type === 'ExecutionTimedOut' || type === 'ExecutionAborted') {
        const ending = type === 'ExecutionAborted' ? 'aborted' : 'failed';
        run.end = ending;
        for (const st of open.splice(0)) {
          st.status = st.status === 'in-progress' ? ending : st.status;
          st.waiting = false;
          if (st.error === undefined && ending === 'failed') {
            st.error = details.error;
            st.cause = details.cause;
          }
          interrupted.push(st);
        }
      }
    } else if (type.endsWith('StateAborted')) {
      // TaskStateAborted, WaitStateAborted, ...: no details; previousEventId leads to the state that was cut short.
      const st = owner(event);
      if (st) {
        st.status = 'aborted';
        st.waiting = false;
        close(st);
        interrupted.push(st);
      }
    } else if (!type.startsWith('MapIteration') && !type.startsWith('MapRun')) {
      const st = owner(event);
      if (st) {
        owned = st.name;
        if (/Scheduled$/.test(type) && isTaskFamily(type)) {
          st.resource = details.resourceType ? `${details.resourceType}:${details.resource}` : details.resource;
          st.parameters = details.parameters ?? details.input;
          st.tokens = findTaskTokens(st.parameters, executionArn);
          st.attemptFailed = false;
        } else if (type === 'TaskSubmitted') {
          st.waiting = /\.waitForTaskToken$/.test(details.resource ?? '');
        } else if (/Succeeded$/.test(type)) {
          st.attemptFailed = false;
          st.waiting = false;
          st.error = undefined;
          st.cause = undefined;
        } else if (/(Failed|TimedOut)$/.test(type)) {
          st.attemptFailed = true;
          st.waiting = false;
          st.error = details.error;
          st.cause = details.cause;
        }
      }
    }
    ownerOf.set(event.id, owned);
  }

  run.waiting = [...states.values()].filter((st) => st.waiting && st.status === 'in-progress');
  return run;
}
