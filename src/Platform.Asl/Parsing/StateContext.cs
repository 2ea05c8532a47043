using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>The state being validated: its name, place, type, effective query language and fields.</summary>
/// <param name="Name">The state name.</param>
/// <param name="Type">The state type.</param>
/// <param name="Language">The effective query language.</param>
/// <param name="Block">The States block it belongs to.</param>
/// <param name="Reader">Its fields.</param>
internal sealed record StateContext(string Name, StateType Type, QueryLanguage Language, StatesBlock Block, ObjectReader Reader)
{
    /// <summary>Gets the state's pointer.</summary>
    public string Pointer => Reader.Pointer;

    /// <summary>Gets a value indicating whether the state uses JSONata.</summary>
    public bool IsJsonata => Language == QueryLanguage.JSONata;
}
