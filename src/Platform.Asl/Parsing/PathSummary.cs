using Platform.Asl.Paths;

namespace Platform.Asl.Parsing;

/// <summary>What the validator needs to know about a parsed path.</summary>
/// <param name="Root">What the path starts from.</param>
/// <param name="IsReferencePath">Whether the path has names and indices only.</param>
internal readonly record struct PathSummary(PathRoot Root, bool IsReferencePath);
