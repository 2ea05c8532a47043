namespace Platform.Asl.Paths;

/// <summary>What the parser produces: the root, the variable name for variable paths, and the steps.</summary>
internal readonly record struct ParsedPath(PathRoot Root, string? VariableName, PathSegment[] Segments);
