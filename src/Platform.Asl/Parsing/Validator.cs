using System.Globalization;
using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Validates a parsed definition against the ASL rules and builds the immutable model, reporting every problem.</summary>
/// <remarks>The checks are split by concern over the partial files <c>Validator.*.cs</c>.</remarks>
internal sealed partial class Validator
{
    private const int MaxStateNameLength = 80;
    private const string JsonataMachineMessage = "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, string> _stateNames = new(StringComparer.Ordinal);
    private readonly List<PendingTransition> _transitions = [];
    private QueryLanguage _machineLanguage = QueryLanguage.JSONPath;

    /// <summary>Creates a validator that reports into <paramref name="diagnostics"/>.</summary>
    public Validator(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    /// <summary>Validates a definition; returns the model, or <see langword="null"/> when there are errors.</summary>
    public StateMachineDefinition? Validate(JNode root)
    {
        if (root is not JObject obj)
        {
            Error(string.Empty, AslRules.MachineNotObject, $"a state machine definition must be a JSON object, found {ValueText.Describe(root)}");
            return null;
        }

        var machine = ValidateMachine(obj, string.Empty, MachineKind.Root);
        CheckTransitionTargets();
        return _diagnostics.HasErrors ? null : machine;
    }

    private StateMachineDefinition ValidateMachine(JObject obj, string pointer, MachineKind kind)
    {
        var reader = new ObjectReader(obj, pointer);
        string where = kind switch
        {
            MachineKind.Root => "at the top level of a state machine",
            MachineKind.Branch => "in a Parallel branch",
            _ => "in a Map ItemProcessor",
        };
        CheckFields(reader, FieldTable.Machine(kind), QueryLanguage.JSONPath, where);

        string version = "1.0";
        int? timeout = null;
        if (kind == MachineKind.Root)
        {
            version = ReadString(reader, "Version") ?? version;
            timeout = (int?)ReadInteger(reader, "TimeoutSeconds", 1, int.MaxValue, AslRules.MachineTimeoutSeconds);
            _machineLanguage = ReadQueryLanguage(reader) ?? QueryLanguage.JSONPath;
        }

        string? comment = ReadString(reader, "Comment");
        string? startAt = ReadString(reader, "StartAt", required: true);
        var states = new List<StateDefinition>();
        var statesObject = ReadObject(reader, "States", required: true);
        if (statesObject is not null)
        {
            string statesPointer = reader.At("States");
            var block = new StatesBlock(statesObject, statesPointer);
            foreach (var (name, node) in statesObject)
            {
                var state = ValidateState(name, node, JsonPointer.Append(statesPointer, name), block);
                if (state is not null)
                {
                    states.Add(state);
                }
            }

            if (statesObject.Count == 0)
            {
                Error(statesPointer, AslRules.MachineStatesEmpty, "must contain at least one state, found none");
            }
            else if (startAt is not null)
            {
                if (block.Contains(startAt))
                {
                    ReportUnreachable(block, startAt);
                }
                else
                {
                    Error(reader.At("StartAt"), AslRules.MachineStartAt, $"must name a state of this States block, found {ValueText.Quote(startAt)}");
                }
            }
        }

        return new StateMachineDefinition(startAt ?? string.Empty, states, pointer)
        {
            Comment = comment,
            Version = version,
            TimeoutSeconds = timeout,
            QueryLanguage = _machineLanguage,
            Source = obj,
        };
    }

    private StateDefinition? ValidateState(string name, JNode node, string pointer, StatesBlock block)
    {
        CheckStateName(name, pointer);
        if (node is not JObject obj)
        {
            TypeError(pointer, "an object (a state)", node);
            return null;
        }

        var reader = new ObjectReader(obj, pointer);
        var type = ReadStateType(reader);
        var language = ReadStateLanguage(reader);
        if (type is null)
        {
            return null;
        }

        CheckStateFields(reader, type.Value, language);
        var context = new StateContext(name, type.Value, language, block, reader);
        StateDefinition state = type.Value switch
        {
            StateType.Pass => ValidatePass(context),
            StateType.Task => ValidateTask(context),
            StateType.Choice => ValidateChoice(context),
            StateType.Wait => ValidateWait(context),
            StateType.Succeed => new SucceedState { Name = name, Pointer = pointer },
            StateType.Fail => ValidateFail(context),
            StateType.Parallel => ValidateParallel(context),
            _ => ValidateMap(context),
        };

        if (context.IsJsonata)
        {
            CheckJsonataExpressions(context);
        }

        var (next, end) = ReadTransition(context);
        return state with
        {
            Comment = ReadString(reader, "Comment"),
            QueryLanguage = language,
            Next = next,
            End = end,
            InputPath = ReadNullablePath(reader, "InputPath", isResultPath: false),
            OutputPath = ReadNullablePath(reader, "OutputPath", isResultPath: false),
            Assign = ReadAssign(reader, "Assign", language),
            Output = reader.Get("Output"),
        };
    }

    private void CheckStateName(string name, string pointer)
    {
        int length = name.EnumerateRunes().Count();
        if (length is 0 or > MaxStateNameLength)
        {
            Error(pointer, AslRules.StateNameLength, $"a state name must be 1 to {MaxStateNameLength} characters, found {length}");
        }

        if (!_stateNames.TryAdd(name, pointer))
        {
            Error(pointer, AslRules.StateNameDuplicate,
                $"state name {ValueText.Quote(name)} is already used at {_stateNames[name]}; state names must be unique across the whole state machine");
        }
    }

    private StateType? ReadStateType(ObjectReader reader)
    {
        var node = reader.Get("Type");
        if (node is null)
        {
            Required(reader, "Type");
            return null;
        }

        if (node is JString s && Enum.TryParse<StateType>(s.Value, ignoreCase: false, out var type)
            && Enum.IsDefined(type) && string.Equals(type.ToString(), s.Value, StringComparison.Ordinal))
        {
            return type;
        }

        Error(reader.At("Type"), AslRules.StateType,
            $"must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map, found {ValueText.Describe(node)}");
        return null;
    }

    private QueryLanguage? ReadQueryLanguage(ObjectReader reader)
    {
        var node = reader.Get("QueryLanguage");
        switch (node)
        {
            case null:
                return null;
            case JString { Value: "JSONPath" }:
                return QueryLanguage.JSONPath;
            case JString { Value: "JSONata" }:
                return QueryLanguage.JSONata;
            default:
                Error(reader.At("QueryLanguage"), AslRules.QueryLanguageInvalid, $"must be JSONPath or JSONata, found {ValueText.Describe(node)}");
                return null;
        }
    }

    private QueryLanguage ReadStateLanguage(ObjectReader reader)
    {
        var language = ReadQueryLanguage(reader);
        if (language == QueryLanguage.JSONPath && _machineLanguage == QueryLanguage.JSONata)
        {
            Error(reader.At("QueryLanguage"), AslRules.QueryLanguageDowngrade, JsonataMachineMessage);
        }

        return language ?? _machineLanguage;
    }

    private void CheckStateFields(ObjectReader reader, StateType type, QueryLanguage language)
    {
        foreach (var key in reader.Object.Keys)
        {
            if (type is StateType.Choice or StateType.Succeed or StateType.Fail && key is "Next" or "End")
            {
                reader.Reject(key);
                Error(reader.At(key), AslRules.TransitionNotAllowed, type == StateType.Choice
                    ? $"Choice states cannot have {key}; their transitions come from Choices and Default"
                    : $"{type} states cannot have {key}; they end their state machine");
            }
            else if (type is StateType.Succeed or StateType.Fail && key == "Assign")
            {
                reader.Reject(key);
                Error(reader.At(key), AslRules.AssignNotAllowed, $"Assign is not supported by {type} states");
            }
        }

        CheckFields(reader, FieldTable.For(type), language, $"by {type} states");
    }

    private void CheckFields(ObjectReader reader, IReadOnlyDictionary<string, FieldScope> allowed, QueryLanguage language, string where)
    {
        foreach (var key in reader.Object.Keys)
        {
            if (!reader.Has(key))
            {
                continue;
            }

            if (!allowed.TryGetValue(key, out var scope))
            {
                reader.Reject(key);
                Error(reader.At(key), AslRules.FieldUnsupported, $"field '{key}' is not supported {where}");
            }
            else if (scope == FieldScope.JsonPath && language == QueryLanguage.JSONata)
            {
                reader.Reject(key);
                Error(reader.At(key), AslRules.QueryLanguageJsonPathField, $"field '{key}' is not supported in JSONata states{JsonataHint(key)}");
            }
            else if (scope == FieldScope.Jsonata && language == QueryLanguage.JSONPath)
            {
                reader.Reject(key);
                Error(reader.At(key), AslRules.QueryLanguageJsonataField, $"field '{key}' is only supported in JSONata states");
            }
        }
    }

    private static string JsonataHint(string key) => key switch
    {
        "InputPath" or "Parameters" => "; use Arguments",
        "ResultSelector" or "ResultPath" or "OutputPath" or "Result" => "; use Output",
        "ItemsPath" => "; use Items",
        "Variable" => "; use Condition",
        _ when key.EndsWith("Path", StringComparison.Ordinal) => $"; use {key[..^4]} with a JSONata expression",
        _ => string.Empty,
    };

    private (string? Next, bool End) ReadTransition(StateContext context)
    {
        if (context.Type is StateType.Choice or StateType.Succeed or StateType.Fail)
        {
            return (null, context.Type != StateType.Choice);
        }

        var reader = context.Reader;
        var nextNode = reader.Get("Next");
        var endNode = reader.Get("End");
        string? next = nextNode switch
        {
            null => null,
            JString s => s.Value,
            _ => TypeError<string>(reader.At("Next"), "a state name (a string)", nextNode),
        };
        bool? end = endNode switch
        {
            null => null,
            JBool b => b.Value,
            _ => TypeError<bool?>(reader.At("End"), "a boolean", endNode),
        };

        if (next is not null)
        {
            AddTransition(context, next, reader.At("Next"));
            if (end == true)
            {
                Error(context.Pointer, AslRules.TransitionConflict, "must have either Next or End: true, found both");
            }
        }
        else if (nextNode is null && end != true && (endNode is null || end is not null))
        {
            Error(context.Pointer, AslRules.TransitionMissing,
                $"must have Next or End: true, found {(endNode is null ? "neither" : "End: false")}");
        }

        return (next, end == true && next is null);
    }

    private void AddTransition(StateContext context, string target, string pointer)
    {
        _transitions.Add(new PendingTransition(context.Block, target, pointer));
        context.Block.AddEdge(context.Name, target);
    }

    private void CheckTransitionTargets()
    {
        foreach (var transition in _transitions)
        {
            if (transition.Block.Contains(transition.Target))
            {
                continue;
            }

            string message = _stateNames.TryGetValue(transition.Target, out var elsewhere)
                ? $"must name a state of the same States block, found {ValueText.Quote(transition.Target)}, which is at {elsewhere}; transitions cannot cross Parallel branches or Map processors"
                : $"must name a state of the same States block, found {ValueText.Quote(transition.Target)}, which does not exist";
            Error(transition.Pointer, AslRules.TransitionTarget, message);
        }
    }

    private void ReportUnreachable(StatesBlock block, string startAt)
    {
        var reachable = block.Reachable(startAt);
        foreach (var name in block.States.Keys)
        {
            if (!reachable.Contains(name))
            {
                _diagnostics.Warning(JsonPointer.Append(block.Pointer, name), AslRules.StateUnreachable,
                    $"state {ValueText.Quote(name)} cannot be reached from StartAt {ValueText.Quote(startAt)}");
            }
        }
    }

    private void Error(string pointer, string rule, string message) => _diagnostics.Error(pointer, rule, message);

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
