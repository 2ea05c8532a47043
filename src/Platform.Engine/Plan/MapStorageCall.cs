using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Engine.Plan;

/// <summary>One object-storage call of a Map's ItemReader or ResultWriter: an activity through the host's S3 integration
/// (<c>arn:aws:states:::aws-sdk:s3:&lt;action&gt;</c>), recorded like any task, so a replay calls nothing again.</summary>
/// <remarks>A call still waiting when the execution is redriven (its failure ended the execution, and the redrive set that
/// aside) is made again, as a Task's attempt is: without that the redriven run would wait for an answer no one sends.</remarks>
internal static class MapStorageCall
{
    /// <summary>Calls the action and returns its outcome (a failure as a failed outcome, never thrown).</summary>
    public static async ValueTask<TaskOutcome> CallAsync(BranchRun run, string stateName, string action, JObject request)
    {
        var context = run.Execution.Context;
        var invocation = new TaskInvocation
        {
            StateName = stateName,
            Resource = "arn:aws:states:::aws-sdk:s3:" + action,
            Input = request,
            ExecutionId = context.InstanceId,
        };
        while (true)
        {
            var redrive = context.RedriveToken;
            Task<TaskOutcome> call;
            try
            {
                call = context.CallActivityAsync<TaskOutcome>(ActivityNames.ExecuteTask, invocation).AsTask();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return TaskOutcome.FromException(ex);
            }

            if (!call.IsCompleted && (redrive.CanBeCanceled || run.Cancellation.CanBeCanceled))
            {
                var interrupted = new TaskCompletionSource();
                using (redrive.Register(() => interrupted.TrySetResult()))
                using (run.Cancellation.Register(() => interrupted.TrySetResult()))
                {
                    await Task.WhenAny(call, interrupted.Task);
                }

                run.Cancellation.ThrowIfCancellationRequested();
                if (!call.IsCompleted)
                {
                    continue;
                }
            }

            try
            {
                return await call;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return TaskOutcome.FromException(ex);
            }
        }
    }
}
