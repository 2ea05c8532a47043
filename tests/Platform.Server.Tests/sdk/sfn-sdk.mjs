// Drives a running `platform serve` with @aws-sdk/client-sfn: every operation the CLI test does not cover, and error cases.
// Usage: node sfn-sdk.mjs <endpoint> <api key>. Prints "ok - ..." or "not ok - ..." per check; exits 1 if any failed.
import * as sfn from "@aws-sdk/client-sfn";

const [endpoint, apiKey] = process.argv.slice(2);
const client = new sfn.SFNClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: apiKey, secretAccessKey: "unused-by-the-server" },
  // StartSyncExecution has the host prefix "sync-", which a local endpoint does not resolve.
  disableHostPrefix: true,
  maxAttempts: 1,
});
const send = (name, input) => client.send(new sfn[`${name}Command`](input));
let failures = 0;

async function check(name, body) {
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (error) {
    failures++;
    console.log(`not ok - ${name}: ${error?.name}: ${error?.message}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
async function expectError(code, body) {
  try {
    await body();
  } catch (error) {
    expect(error.name === code, `expected ${code}, got ${error.name}: ${error.message}`);
    expect(error.$metadata?.httpStatusCode === 400, `expected HTTP 400, got ${error.$metadata?.httpStatusCode}`);
    return;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
async function until(what, body) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await body();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const role = "arn:aws:iam::123456789012:role/sdk";
const callback = JSON.stringify({
  StartAt: "Wait",
  States: {
    Wait: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "q", MessageBody: { "token.$": "$$.Task.Token" } },
      HeartbeatSeconds: 60,
      End: true,
    },
  },
});
const pass = (value) => JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: value, End: true } } });
let machine, version1, version2, alias, execution, token;

await check("ValidateStateMachineDefinition OK and FAIL", async () => {
  expect((await send("ValidateStateMachineDefinition", { definition: callback })).result === "OK", "valid definition");
  const bad = await send("ValidateStateMachineDefinition", { definition: '{"StartAt":"X","States":{}}' });
  expect(bad.result === "FAIL" && bad.diagnostics.length > 0 && bad.diagnostics[0].severity === "ERROR", JSON.stringify(bad));
});
await check("CreateStateMachine, DescribeStateMachine (dates parse)", async () => {
  const created = await send("CreateStateMachine", { name: "sdk-callback", definition: callback, roleArn: role });
  machine = created.stateMachineArn;
  expect(created.creationDate instanceof Date && !isNaN(created.creationDate), "creationDate is a Date");
  const described = await send("DescribeStateMachine", { stateMachineArn: machine });
  expect(described.definition === callback && described.type === "STANDARD" && described.status === "ACTIVE", JSON.stringify(described));
});
await check("ListStateMachines pages", async () => {
  const first = await send("ListStateMachines", { maxResults: 1 });
  expect(first.stateMachines.length === 1 && first.nextToken, "first page");
  const rest = await send("ListStateMachines", { nextToken: first.nextToken });
  const names = [...first.stateMachines, ...rest.stateMachines].map((m) => m.name);
  expect(names.includes("sdk-callback") && names.includes("hello-world"), names.join(","));
});
await check("UpdateStateMachine with publish, PublishStateMachineVersion, ListStateMachineVersions", async () => {
  version1 = (await send("PublishStateMachineVersion", { stateMachineArn: machine, description: "v1" })).stateMachineVersionArn;
  const updated = await send("UpdateStateMachine", { stateMachineArn: machine, roleArn: role + "-2", publish: true });
  version2 = updated.stateMachineVersionArn;
  expect(version1.endsWith(":1") && version2.endsWith(":2") && updated.revisionId, JSON.stringify(updated));
  const versions = await send("ListStateMachineVersions", { stateMachineArn: machine });
  expect(versions.stateMachineVersions.map((v) => v.stateMachineVersionArn).join() === [version2, version1].join(), "newest first");
});
await check("CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias, ListStateMachineAliases", async () => {
  alias = (await send("CreateStateMachineAlias", { name: "prod", routingConfiguration: [{ stateMachineVersionArn: version1, weight: 100 }] })).stateMachineAliasArn;
  await send("UpdateStateMachineAlias", { stateMachineAliasArn: alias, description: "production" });
  const described = await send("DescribeStateMachineAlias", { stateMachineAliasArn: alias });
  expect(described.description === "production" && described.routingConfiguration[0].weight === 100, JSON.stringify(described));
  const aliases = await send("ListStateMachineAliases", { stateMachineArn: machine });
  expect(aliases.stateMachineAliases.length === 1 && aliases.stateMachineAliases[0].stateMachineAliasArn === alias, "one alias");
});
await check("StartExecution through an alias, DescribeExecution, ListExecutions by alias", async () => {
  execution = (await send("StartExecution", { stateMachineArn: alias, name: "sdk-1", input: '{"n":1}' })).executionArn;
  const described = await send("DescribeExecution", { executionArn: execution });
  expect(described.status === "RUNNING" && described.stateMachineAliasArn === alias && described.stateMachineVersionArn === version1, JSON.stringify(described));
  expect(described.startDate instanceof Date, "startDate is a Date");
  const listed = await send("ListExecutions", { stateMachineArn: alias, statusFilter: "RUNNING" });
  expect(listed.executions.length === 1 && listed.executions[0].executionArn === execution, JSON.stringify(listed));
});
await check("GetExecutionHistory of a running execution holds the task token; SendTaskHeartbeat", async () => {
  token = await until("TaskScheduled", async () => {
    const history = await send("GetExecutionHistory", { executionArn: execution });
    const scheduled = history.events.find((e) => e.type === "TaskScheduled");
    return scheduled && JSON.parse(scheduled.taskScheduledEventDetails.parameters).MessageBody.token;
  });
  await send("SendTaskHeartbeat", { taskToken: token });
});
await check("DescribeStateMachineForExecution shows the version's role", async () => {
  const described = await send("DescribeStateMachineForExecution", { executionArn: execution });
  expect(described.roleArn === role && described.definition === callback, JSON.stringify(described));
});
await check("SendTaskFailure fails the execution with the error and cause", async () => {
  await send("SendTaskFailure", { taskToken: token, error: "Denied", cause: "by the SDK test" });
  const ended = await until("the end", async () => {
    const d = await send("DescribeExecution", { executionArn: execution });
    return d.status !== "RUNNING" && d;
  });
  expect(ended.status === "FAILED" && ended.error === "Denied" && ended.cause === "by the SDK test", JSON.stringify(ended));
  const reversed = await send("GetExecutionHistory", { executionArn: execution, reverseOrder: true, maxResults: 1 });
  expect(reversed.events[0].type === "ExecutionFailed" && reversed.nextToken, JSON.stringify(reversed.events[0]));
  expect(reversed.events[0].timestamp instanceof Date, "event timestamps are Dates");
});
await check("StartSyncExecution of an Express machine", async () => {
  const express = await send("CreateStateMachine", { name: "sdk-express", definition: pass({ fast: true }), roleArn: role, type: "EXPRESS" });
  const result = await send("StartSyncExecution", { stateMachineArn: express.stateMachineArn, input: "{}" });
  expect(result.status === "SUCCEEDED" && JSON.parse(result.output).fast === true && result.stopDate instanceof Date, JSON.stringify(result));
});
await check("TestState runs a Choice and names the next state", async () => {
  const definition = JSON.stringify({ Type: "Choice", Choices: [{ Variable: "$.go", BooleanEquals: true, Next: "Yes" }], Default: "No" });
  const answer = await send("TestState", { definition, roleArn: role, input: '{"go":true}', inspectionLevel: "DEBUG" });
  expect(answer.status === "SUCCEEDED" && answer.nextState === "Yes" && answer.inspectionData?.input === '{"go":true}', JSON.stringify(answer));
});
await check("StopExecution aborts a running execution", async () => {
  const running = (await send("StartExecution", { stateMachineArn: machine })).executionArn;
  const stopped = await send("StopExecution", { executionArn: running, error: "Stop", cause: "now" });
  expect(stopped.stopDate instanceof Date, "stopDate");
  const d = await until("ABORTED", async () => {
    const x = await send("DescribeExecution", { executionArn: running });
    return x.status === "ABORTED" && x;
  });
  expect(d.error === "Stop", JSON.stringify(d));
});
await check("errors: StateMachineDoesNotExist, ExecutionDoesNotExist, ExecutionAlreadyExists, InvalidName, InvalidArn, InvalidToken, ValidationException, InvalidDefinition, StateMachineTypeNotSupported", async () => {
  await expectError("StateMachineDoesNotExist", () => send("DescribeStateMachine", { stateMachineArn: machine + "-ghost" }));
  await expectError("ExecutionDoesNotExist", () => send("DescribeExecution", { executionArn: execution + "-ghost" }));
  await expectError("ExecutionAlreadyExists", () => send("StartExecution", { stateMachineArn: machine, name: "sdk-1", input: '{"n":2}' }));
  await expectError("InvalidName", () => send("StartExecution", { stateMachineArn: machine, name: "bad name" }));
  await expectError("InvalidArn", () => send("DescribeExecution", { executionArn: "arn:not-an-execution" }));
  await expectError("InvalidToken", () => send("SendTaskSuccess", { taskToken: "forged", output: "{}" }));
  await expectError("TaskTimedOut", () => send("SendTaskSuccess", { taskToken: token, output: "{}" }));
  await expectError("ValidationException", () => send("ListExecutions", { stateMachineArn: machine, maxResults: 5000 }));
  await expectError("InvalidDefinition", () => send("CreateStateMachine", { name: "broken", definition: "{}", roleArn: role }));
  await expectError("StateMachineTypeNotSupported", () => send("StartSyncExecution", { stateMachineArn: machine }));
  await expectError("ExecutionDoesNotExist", () => send("RedriveExecution", { executionArn: execution + "-ghost" }));
});
await check("RedriveExecution reruns the failed callback task; a succeeded execution is not redrivable", async () => {
  const redriven = await send("RedriveExecution", { executionArn: execution });
  expect(redriven.redriveDate instanceof Date, JSON.stringify(redriven));
  const running = await send("DescribeExecution", { executionArn: execution });
  expect(running.status === "RUNNING" && running.redriveCount === 1, JSON.stringify(running));
  const fresh = await until("a new token", async () => {
    const history = await send("GetExecutionHistory", { executionArn: execution });
    const scheduled = history.events.filter((e) => e.type === "TaskScheduled");
    const last = scheduled.length > 1 && JSON.parse(scheduled[scheduled.length - 1].taskScheduledEventDetails.parameters).MessageBody.token;
    return last && last !== token && history.events.some((e) => e.type === "ExecutionRedriven") && last;
  });
  await send("SendTaskSuccess", { taskToken: fresh, output: '{"approved":true}' });
  const ended = await until("the end", async () => {
    const d = await send("DescribeExecution", { executionArn: execution });
    return d.status !== "RUNNING" && d;
  });
  expect(ended.status === "SUCCEEDED" && ended.redriveCount === 1 && ended.redriveDate instanceof Date, JSON.stringify(ended));
  await expectError("ExecutionNotRedrivable", () => send("RedriveExecution", { executionArn: execution }));
});
await check("DeleteStateMachineAlias, DeleteStateMachineVersion, DeleteStateMachine", async () => {
  await send("DeleteStateMachineAlias", { stateMachineAliasArn: alias });
  await send("DeleteStateMachineVersion", { stateMachineVersionArn: version1 });
  await send("DeleteStateMachine", { stateMachineArn: machine });
  await expectError("StateMachineDoesNotExist", () => send("DescribeStateMachine", { stateMachineArn: machine }));
});

console.log(failures === 0 ? "all SDK checks passed" : `${failures} SDK check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
