// Unit tests of the console's history reading (src/Platform.Server/WebConsole/wwwroot/history.js), run with node --test
// by ConsoleScriptTests. history.js imports nothing, so it is loaded as a data: module (always ESM, on any Node version).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = readFileSync(fileURLToPath(new URL('../../../src/Platform.Server/WebConsole/wwwroot/history.js', import.meta.url)), 'utf8');
const { deriveRun, decodeTaskToken, findTaskTokens } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

const ARN = 'arn:aws:states:us-east-1:123456789012:execution:approval-callback:run-1';
const token = (executionId, waitId = 'task-1', expiry = '1900000000') =>
  `v1.${Buffer.from(`${executionId}\u001f${waitId}\u001f${expiry}`).toString('base64url')}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;

/** Events with ids 1.. and previousEventId = the one before, unless an event gives its own. */
function history(...events) {
  return events.map((event, i) => ({ id: i + 1, previousEventId: i, timestamp: 1000 + i, ...event }));
}
const started = { type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } };
const entered = (type, name, input = '{}') => ({ type: `${type}StateEntered`, stateEnteredEventDetails: { name, input } });
const exited = (type, name, output = '{}') => ({ type: `${type}StateExited`, stateExitedEventDetails: { name, output } });
const scheduled = (parameters, resource = 'invoke.waitForTaskToken') =>
  ({ type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'lambda', resource, region: 'us-east-1', parameters: JSON.stringify(parameters) } });
const submitted = (resource = 'invoke.waitForTaskToken') => ({ type: 'TaskSubmitted', taskSubmittedEventDetails: { resourceType: 'lambda', resource, output: '{}' } });
const taskSucceeded = { type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: '{"ok":true}' } };
const taskFailed = (error = 'Custom.Boom', cause = 'it went boom') => ({ type: 'TaskFailed', taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error, cause } });
const status = (run) => Object.fromEntries([...run.states.values()].map((st) => [st.name, st.status]));

test('a waiting callback: the Task is in progress and its token is found where $$.Task.Token was put', () => {
  const run = deriveRun(history(started, entered('Pass', 'PrepareRequest'), exited('Pass', 'PrepareRequest'), entered('Task', 'WaitForApproval'),
    scheduled({ FunctionName: 'request-approval', Payload: { request: {}, taskToken: token(ARN) } }), { type: 'TaskStarted', taskStartedEventDetails: {} }, submitted()), ARN);
  assert.deepEqual(status(run), { PrepareRequest: 'succeeded', WaitForApproval: 'in-progress' });
  assert.equal(run.start, 'succeeded');
  assert.equal(run.end, null);
  assert.deepEqual(run.waiting.map((st) => st.name), ['WaitForApproval']);
  assert.deepEqual(run.waiting[0].tokens.map((t) => [t.path, t.token]), [['$.Payload.taskToken', token(ARN)]]);
  assert.equal(run.lastEventId, 7);
  assert.equal(run.stepOf.get(5), 'WaitForApproval', 'task events belong to the state they happen in');
});

test('the callback answered: every state succeeded, the end marker too, nothing waits', () => {
  const run = deriveRun(history(started, entered('Task', 'WaitForApproval'), scheduled({ token: token(ARN) }), submitted(), taskSucceeded,
    exited('Task', 'WaitForApproval', '{"decision":1}'), entered('Succeed', 'Approved'), exited('Succeed', 'Approved'),
    { type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{}' } }), ARN);
  assert.deepEqual(status(run), { WaitForApproval: 'succeeded', Approved: 'succeeded' });
  assert.equal(run.end, 'succeeded');
  assert.deepEqual(run.waiting, []);
  assert.equal(run.states.get('WaitForApproval').output, '{"decision":1}');
});

test('a failure caught by a Catch is a caught error, and the Fail state it leads to is failed', () => {
  const run = deriveRun(history(started, entered('Task', 'Charge'), scheduled({}, 'invoke'), taskFailed(), exited('Task', 'Charge'),
    entered('Fail', 'Rejected'), { type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Rejected', cause: 'no' } }), ARN);
  assert.deepEqual(status(run), { Charge: 'caught', Rejected: 'failed' });
  assert.equal(run.states.get('Charge').error, 'Custom.Boom');
  assert.equal(run.end, 'failed');
});

test('a retried Task that then succeeds is succeeded', () => {
  const run = deriveRun(history(started, entered('Task', 'Charge'), scheduled({}, 'invoke'), taskFailed(), scheduled({}, 'invoke'), taskSucceeded,
    exited('Task', 'Charge')), ARN);
  assert.deepEqual(status(run), { Charge: 'succeeded' });
  assert.equal(run.states.get('Charge').error, undefined);
});

test('an uncaught failure fails the state it happened in, with its error and cause', () => {
  const run = deriveRun(history(started, entered('Task', 'Charge'), scheduled({}, 'invoke'), taskFailed('States.Runtime', 'No task handler'),
    { type: 'ExecutionFailed', executionFailedEventDetails: { error: 'States.Runtime', cause: 'No task handler' } }), ARN);
  assert.deepEqual(status(run), { Charge: 'failed' });
  assert.equal(run.states.get('Charge').cause, 'No task handler');
  assert.equal(run.end, 'failed');
});

test('a stopped execution leaves its running state aborted and nothing waiting', () => {
  const run = deriveRun(history(started, entered('Task', 'WaitForApproval'), scheduled({ token: token(ARN) }), submitted(),
    { type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Cancelled', cause: 'by a person' } }), ARN);
  assert.deepEqual(status(run), { WaitForApproval: 'aborted' });
  assert.equal(run.end, 'aborted');
  assert.deepEqual(run.waiting, []);
});

test('a redrive re-enters the failed state: in progress again, the end marker not reached', () => {
  const run = deriveRun(history(started, entered('Task', 'Charge'), scheduled({}, 'invoke'), taskFailed(),
    { type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Custom.Boom' } },
    { type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: 1 } }, entered('Task', 'Charge'), scheduled({}, 'invoke')), ARN);
  assert.deepEqual(status(run), { Charge: 'in-progress' });
  assert.equal(run.states.get('Charge').entries, 2);
  assert.equal(run.states.get('Charge').error, undefined);
  assert.equal(run.end, null);
});

test('a stop then a redrive: the aborted Task resumes without being entered again, and waits on its new token', () => {
  const run = deriveRun(history(started, entered('Task', 'WaitForApproval'), scheduled({ token: token(ARN, 'task-1') }), submitted(),
    { type: 'TaskStateAborted' },
    { type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Cancelled' } },
    { type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: 1 } },
    scheduled({ token: token(ARN, 'task-2') }), submitted()), ARN);
  assert.deepEqual(status(run), { WaitForApproval: 'in-progress' });
  assert.equal(run.states.get('WaitForApproval').entries, 1);
  assert.deepEqual(run.waiting.map((st) => st.tokens[0].token), [token(ARN, 'task-2')]);
  assert.equal(run.end, null);
});

test('a stopped Wait is aborted by its own WaitStateAborted event', () => {
  const run = deriveRun(history(started, entered('Wait', 'Pause'), { type: 'WaitStateAborted' },
    { type: 'ExecutionAborted', executionAbortedEventDetails: {} }), ARN);
  assert.deepEqual(status(run), { Pause: 'aborted' });
  assert.equal(run.end, 'aborted');
});

test('a Parallel whose branch failed and whose Catch moved on is a caught error (the engine chains ParallelStateFailed to ParallelStateStarted)', () => {
  const events = [
    { id: 1, previousEventId: 0, ...started },
    { id: 2, previousEventId: 1, ...entered('Parallel', 'Par') },
    { id: 3, previousEventId: 2, type: 'ParallelStateStarted' },
    { id: 4, previousEventId: 3, ...entered('Pass', 'A') },
    { id: 5, previousEventId: 4, ...exited('Pass', 'A') },
    { id: 6, previousEventId: 3, ...entered('Fail', 'B') },
    { id: 7, previousEventId: 3, type: 'ParallelStateFailed' },
    { id: 8, previousEventId: 7, ...exited('Parallel', 'Par') },
    { id: 9, previousEventId: 8, ...entered('Succeed', 'Done') },
    { id: 10, previousEventId: 9, ...exited('Succeed', 'Done') },
    { id: 11, previousEventId: 10, type: 'ExecutionSucceeded' },
  ].map((e, i) => ({ timestamp: 1000 + i, ...e }));
  const run = deriveRun(events.reverse(), ARN);
  assert.deepEqual(status(run), { Par: 'caught', A: 'succeeded', B: 'failed', Done: 'succeeded' });
  assert.equal(run.end, 'succeeded');
});

test('task events follow previousEventId to their own state, even with two Tasks running side by side', () => {
  const events = [
    { id: 1, previousEventId: 0, ...started },
    { id: 2, previousEventId: 1, ...entered('Parallel', 'Both') },
    { id: 3, previousEventId: 2, type: 'ParallelStateStarted' },
    { id: 4, previousEventId: 3, ...entered('Task', 'Left') },
    { id: 5, previousEventId: 3, ...entered('Task', 'Right') },
    { id: 6, previousEventId: 4, ...scheduled({}, 'invoke') },
    { id: 7, previousEventId: 5, ...scheduled({ token: token(ARN) }) },
    { id: 8, previousEventId: 7, ...submitted() },
    { id: 9, previousEventId: 6, ...taskFailed() },
    { id: 10, previousEventId: 9, ...exited('Task', 'Left') },
  ].map((e, i) => ({ timestamp: 1000 + i, ...e }));
  const run = deriveRun(events, ARN);
  assert.deepEqual(status(run), { Both: 'in-progress', Left: 'caught', Right: 'in-progress' });
  assert.deepEqual(run.waiting.map((st) => st.name), ['Right']);
});

test('task tokens: only this platform\'s tokens that name this execution are found', () => {
  assert.deepEqual(decodeTaskToken(token(ARN, 'wait-7', '1900000001')), { executionId: ARN, waitId: 'wait-7', expires: 1900000001 });
  assert.equal(decodeTaskToken('v1.not-base64!.x'), null);
  assert.equal(decodeTaskToken(`v1.${Buffer.from('no separators').toString('base64url')}.sig`), null);
  assert.equal(decodeTaskToken(42), null);
  const other = token('arn:aws:states:us-east-1:123456789012:execution:approval-callback:someone-else');
  assert.deepEqual(findTaskTokens(JSON.stringify({ mine: [token(ARN)], theirs: other, 'odd key': { t: token(ARN) } }), ARN).map((t) => t.path),
    ['$.mine[0]', '$["odd key"].t']);
  assert.deepEqual(findTaskTokens('not json', ARN), []);
});
