namespace Platform.Asl.Model;

/// <summary>The query language of a state machine or state.</summary>
public enum QueryLanguage
{
    /// <summary>JSONPath with payload templates and intrinsic functions (the default).</summary>
    JSONPath,
    /// <summary>JSONata expressions in <c>{% %}</c> strings.</summary>
    JSONata,
}
