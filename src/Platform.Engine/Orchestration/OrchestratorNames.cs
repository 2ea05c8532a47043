namespace Platform.Engine.Orchestration;

/// <summary>Names of the orchestrations a host registers.</summary>
public static class OrchestratorNames
{
    /// <summary>The one orchestration that runs every state machine: its input is an
    /// <see cref="Execution.ExecutionInput"/> (naming the state machine), its output an <see cref="ExecutionEnd"/> document.</summary>
    /// <remarks>The engine calls sub-orchestrations by state machine name; a host with one registered orchestrator (Durable
    /// Functions) runs them all under this name, since the input already names the machine.</remarks>
    public const string Execution = "asl-execution";
}
