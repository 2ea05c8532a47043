namespace Platform.Asl.Parsing;

/// <summary>A transition whose target is checked once every state name of the machine is known.</summary>
/// <param name="Block">The block the transition must stay in.</param>
/// <param name="Target">The state named.</param>
/// <param name="Pointer">The pointer of the Next, Default or Catch Next value.</param>
internal sealed record PendingTransition(StatesBlock Block, string Target, string Pointer);
