namespace Platform.Asl.Parsing;

/// <summary>The stable rule ids that <see cref="Diagnostic.Rule"/> carries, one per kind of problem.</summary>
public static class AslRules
{
    /// <summary>The text is not well-formed JSON or YAML.</summary>
    public const string InputMalformed = "Input.Malformed";

    /// <summary>An object repeats a key.</summary>
    public const string InputDuplicateKey = "Input.DuplicateKey";

    /// <summary>The definition is larger than 1 MB.</summary>
    public const string InputTooLarge = "Input.TooLarge";

    /// <summary>The definition nests deeper than the parser allows.</summary>
    public const string InputTooDeep = "Input.TooDeep";

    /// <summary>The definition is not a JSON object.</summary>
    public const string MachineNotObject = "Machine.NotObject";

    /// <summary>StartAt does not name a state of its States block.</summary>
    public const string MachineStartAt = "Machine.StartAt";

    /// <summary>States is empty.</summary>
    public const string MachineStatesEmpty = "Machine.StatesEmpty";

    /// <summary>A machine-level TimeoutSeconds is not a positive integer.</summary>
    public const string MachineTimeoutSeconds = "Machine.TimeoutSeconds";

    /// <summary>A required field is missing.</summary>
    public const string FieldRequired = "Field.Required";

    /// <summary>A field has the wrong JSON type.</summary>
    public const string FieldType = "Field.Type";

    /// <summary>A field is not supported where it appears.</summary>
    public const string FieldUnsupported = "Field.Unsupported";

    /// <summary>Two fields that exclude each other (such as X and XPath) are both present.</summary>
    public const string FieldExclusive = "Field.Exclusive";

    /// <summary>A field holds a value outside its allowed set or range.</summary>
    public const string FieldValue = "Field.Value";

    /// <summary>A state name is empty or longer than 80 characters.</summary>
    public const string StateNameLength = "State.NameLength";

    /// <summary>A state name is used twice in the machine (including nested branches and processors).</summary>
    public const string StateNameDuplicate = "State.NameDuplicate";

    /// <summary>A state's Type is missing or not one of the eight types.</summary>
    public const string StateType = "State.Type";

    /// <summary>A state cannot be reached from StartAt (a warning).</summary>
    public const string StateUnreachable = "State.Unreachable";

    /// <summary>A state needs exactly one of Next and End: true.</summary>
    public const string TransitionMissing = "Transition.Missing";

    /// <summary>A state has both Next and End: true.</summary>
    public const string TransitionConflict = "Transition.Conflict";

    /// <summary>Choice, Succeed and Fail states cannot have Next or End.</summary>
    public const string TransitionNotAllowed = "Transition.NotAllowed";

    /// <summary>A Next, Default or Catch Next does not name a state of the same States block.</summary>
    public const string TransitionTarget = "Transition.Target";

    /// <summary>QueryLanguage is not JSONPath or JSONata.</summary>
    public const string QueryLanguageInvalid = "QueryLanguage.Invalid";

    /// <summary>A state sets JSONPath under a machine that sets JSONata.</summary>
    public const string QueryLanguageDowngrade = "QueryLanguage.Downgrade";

    /// <summary>A JSONPath-only field appears in a JSONata state.</summary>
    public const string QueryLanguageJsonPathField = "QueryLanguage.JsonPathField";

    /// <summary>A JSONata-only field appears in a JSONPath state.</summary>
    public const string QueryLanguageJsonataField = "QueryLanguage.JsonataField";

    /// <summary>A value must be a JSONata expression (<c>{% … %}</c>) or a literal of the field's type.</summary>
    public const string JsonataExpected = "Jsonata.Expected";

    /// <summary>A JSONata expression in a JSONata state does not parse (AWS: INVALID_JSONATA_EXPRESSION).</summary>
    public const string JsonataInvalid = "Jsonata.Invalid";

    /// <summary>A JSONata expression reads what a JSONata state cannot provide: <c>$</c>, <c>$$</c> or a field name at the
    /// top level, or <c>$states.result</c> / <c>$states.errorOutput</c> outside the fields that have them
    /// (AWS: UNSUPPORTED_JSONATA_EXPRESSION).</summary>
    public const string JsonataUnsupported = "Jsonata.Unsupported";

    /// <summary>A path is not valid JSONPath.</summary>
    public const string PathInvalid = "Path.Invalid";

    /// <summary>A ResultPath is not a Reference Path, or starts from the Context Object or a variable.</summary>
    public const string PathResultPath = "Path.ResultPath";

    /// <summary>An intrinsic function call is not valid.</summary>
    public const string IntrinsicInvalid = "Intrinsic.Invalid";

    /// <summary>A payload template's <c>.$</c> key does not hold a string (reported by <see cref="DataFlow.PayloadTemplate"/>).</summary>
    public const string TemplateValue = DataFlow.PayloadTemplate.RuleValueType;

    /// <summary>A payload template's <c>.$</c> path does not parse (reported by <see cref="DataFlow.PayloadTemplate"/>).</summary>
    public const string TemplatePath = DataFlow.PayloadTemplate.RulePath;

    /// <summary>A payload template's <c>.$</c> intrinsic call does not parse (reported by <see cref="DataFlow.PayloadTemplate"/>).</summary>
    public const string TemplateIntrinsic = DataFlow.PayloadTemplate.RuleIntrinsic;

    /// <summary>Two payload template keys collide once <c>.$</c> is removed (reported by <see cref="DataFlow.PayloadTemplate"/>).</summary>
    public const string TemplateKeyCollision = DataFlow.PayloadTemplate.RuleDuplicateKey;

    /// <summary>A Task's HeartbeatSeconds is not smaller than its TimeoutSeconds.</summary>
    public const string TaskHeartbeat = "Task.Heartbeat";

    /// <summary>ErrorEquals is missing, empty, or not an array of strings.</summary>
    public const string ErrorEquals = "Retry.ErrorEquals";

    /// <summary>States.ALL is not alone in its ErrorEquals, or not in the last retrier or catcher.</summary>
    public const string ErrorEqualsStatesAll = "Retry.StatesAll";

    /// <summary>A retrier's IntervalSeconds is not an integer from 1 to 99,999,999.</summary>
    public const string RetryIntervalSeconds = "Retry.IntervalSeconds";

    /// <summary>A retrier's MaxAttempts is not an integer from 0 to 99,999,999.</summary>
    public const string RetryMaxAttempts = "Retry.MaxAttempts";

    /// <summary>A retrier's BackoffRate is not a number of at least 1.0.</summary>
    public const string RetryBackoffRate = "Retry.BackoffRate";

    /// <summary>A retrier's MaxDelaySeconds is not an integer from 1 to 31,622,400.</summary>
    public const string RetryMaxDelaySeconds = "Retry.MaxDelaySeconds";

    /// <summary>A retrier's JitterStrategy is not FULL or NONE.</summary>
    public const string RetryJitterStrategy = "Retry.JitterStrategy";

    /// <summary>A Choice state has no rules.</summary>
    public const string ChoiceEmpty = "Choice.Empty";

    /// <summary>A top-level Choice rule lacks Next, or a nested rule has one.</summary>
    public const string ChoiceRuleNext = "Choice.RuleNext";

    /// <summary>A Choice rule does not have exactly one operator (or And, Or, Not).</summary>
    public const string ChoiceOperator = "Choice.Operator";

    /// <summary>A comparison's operand has the wrong type or form.</summary>
    public const string ChoiceOperand = "Choice.Operand";

    /// <summary>A StringMatches pattern has an escape other than <c>\*</c> or <c>\\</c>.</summary>
    public const string ChoiceStringMatches = "Choice.StringMatches";

    /// <summary>And or Or is not a non-empty array, or Not is not a single rule.</summary>
    public const string ChoiceCombinator = "Choice.Combinator";

    /// <summary>A JSONata Choice rule has no valid Condition.</summary>
    public const string ChoiceCondition = "Choice.Condition";

    /// <summary>A Wait state does not have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath.</summary>
    public const string WaitDuration = "Wait.Duration";

    /// <summary>A timestamp is not RFC 3339 (uppercase T, and Z or an offset).</summary>
    public const string Timestamp = "Value.Timestamp";

    /// <summary>A Parallel state has no branches, or a branch is malformed.</summary>
    public const string ParallelBranches = "Parallel.Branches";

    /// <summary>A Map state's processor (ItemProcessor or Iterator) or its ProcessorConfig is wrong.</summary>
    public const string MapProcessor = "Map.Processor";

    /// <summary>A Map's ItemReader is malformed.</summary>
    public const string MapItemReader = "Map.ItemReader";

    /// <summary>A Map's ItemBatcher is malformed.</summary>
    public const string MapItemBatcher = "Map.ItemBatcher";

    /// <summary>A Map's ResultWriter is malformed.</summary>
    public const string MapResultWriter = "Map.ResultWriter";

    /// <summary>An Assign variable name is invalid, too long or reserved.</summary>
    public const string AssignName = "Assign.Name";

    /// <summary>Assign appears on a Succeed or Fail state.</summary>
    public const string AssignNotAllowed = "Assign.NotAllowed";

    /// <summary>A Parallel branch or Map iteration assigns a variable that an enclosing scope assigns.</summary>
    public const string AssignOuterScope = "Assign.OuterScope";
}
