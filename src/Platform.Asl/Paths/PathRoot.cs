namespace Platform.Asl.Paths;

/// <summary>What a path starts from.</summary>
public enum PathRoot
{
    /// <summary><c>$</c>: the state's input (or effective input).</summary>
    Input,
    /// <summary><c>$$</c>: the Context Object.</summary>
    Context,
    /// <summary><c>$name</c>: a workflow variable.</summary>
    Variable,
}
