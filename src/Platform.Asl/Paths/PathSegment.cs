using System.Globalization;
using System.Text;
using Platform.Asl.Paths.Filters;

namespace Platform.Asl.Paths;

/// <summary>One compiled step of a JSONPath; immutable and shared by every evaluation.</summary>
internal sealed class PathSegment
{
    private PathSegment(SegmentKind kind) => Kind = kind;

    /// <summary>Gets the kind of step.</summary>
    public SegmentKind Kind { get; }

    /// <summary>Gets the property name of a <see cref="SegmentKind.Name"/> step.</summary>
    public string Name { get; private init; } = string.Empty;

    /// <summary>Gets the index of an <see cref="SegmentKind.Index"/> step (negative counts from the end).</summary>
    public int Index { get; private init; }

    /// <summary>Gets the names of a <see cref="SegmentKind.NameUnion"/> step.</summary>
    public string[] Names { get; private init; } = [];

    /// <summary>Gets the indices of an <see cref="SegmentKind.IndexUnion"/> step.</summary>
    public int[] Indices { get; private init; } = [];

    /// <summary>Gets the slice start, if written.</summary>
    public int? SliceStart { get; private init; }

    /// <summary>Gets the slice end, if written.</summary>
    public int? SliceEnd { get; private init; }

    /// <summary>Gets the slice step, if written.</summary>
    public int? SliceStep { get; private init; }

    /// <summary>Gets the filter of a <see cref="SegmentKind.Filter"/> step.</summary>
    public FilterExpression? Filter { get; private init; }

    /// <summary>Gets the source text of a filter, between <c>[?</c> and <c>]</c>, e.g. <c>(@.price &lt; 10)</c>.</summary>
    public string FilterText { get; private init; } = string.Empty;

    /// <summary>Gets the step a <see cref="SegmentKind.Descent"/> applies at every level.</summary>
    public PathSegment? Inner { get; private init; }

    /// <summary>Gets the function of a <see cref="SegmentKind.Function"/> step.</summary>
    public PathFunction Function { get; private init; }

    /// <summary>Gets the function name as written.</summary>
    public string FunctionName { get; private init; } = string.Empty;

    /// <summary>Gets a value indicating whether this step selects at most one value by itself.</summary>
    public bool IsSingle => Kind is SegmentKind.Name or SegmentKind.Index;

    public static PathSegment ForName(string name) => new(SegmentKind.Name) { Name = name };

    public static PathSegment ForIndex(int index) => new(SegmentKind.Index) { Index = index };

    public static PathSegment ForWildcard() => new(SegmentKind.Wildcard);

    public static PathSegment ForNames(string[] names) => new(SegmentKind.NameUnion) { Names = names };

    public static PathSegment ForIndices(int[] indices) => new(SegmentKind.IndexUnion) { Indices = indices };

    public static PathSegment ForSlice(int? start, int? end, int? step) =>
        new(SegmentKind.Slice) { SliceStart = start, SliceEnd = end, SliceStep = step };

    public static PathSegment ForFilter(FilterExpression filter, string text) =>
        new(SegmentKind.Filter) { Filter = filter, FilterText = text };

    public static PathSegment ForDescent(PathSegment inner) => new(SegmentKind.Descent) { Inner = inner };

    public static PathSegment ForFunction(PathFunction function, string name) =>
        new(SegmentKind.Function) { Function = function, FunctionName = name };

    /// <summary>Appends this step in Jayway's bracket notation.</summary>
    public void AppendNormalized(StringBuilder sb)
    {
        switch (Kind)
        {
            case SegmentKind.Name:
                sb.Append("['").Append(Name).Append("']");
                break;
            case SegmentKind.Index:
                sb.Append('[').Append(Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                break;
            case SegmentKind.Wildcard:
                sb.Append("[*]");
                break;
            case SegmentKind.NameUnion:
                sb.Append('[');
                for (int i = 0; i < Names.Length; i++)
                {
                    sb.Append(i == 0 ? "'" : ",'").Append(Names[i]).Append('\'');
                }

                sb.Append(']');
                break;
            case SegmentKind.IndexUnion:
                sb.Append('[');
                for (int i = 0; i < Indices.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    sb.Append(Indices[i].ToString(CultureInfo.InvariantCulture));
                }

                sb.Append(']');
                break;
            case SegmentKind.Slice:
                sb.Append('[');
                if (SliceStart is int start)
                {
                    sb.Append(start.ToString(CultureInfo.InvariantCulture));
                }

                sb.Append(':');
                if (SliceEnd is int end)
                {
                    sb.Append(end.ToString(CultureInfo.InvariantCulture));
                }

                if (SliceStep is int step)
                {
                    sb.Append(':').Append(step.ToString(CultureInfo.InvariantCulture));
                }

                sb.Append(']');
                break;
            case SegmentKind.Filter:
                sb.Append("[?").Append(FilterText).Append(']');
                break;
            case SegmentKind.Descent:
                sb.Append("..");
                Inner!.AppendNormalized(sb);
                break;
            case SegmentKind.Function:
                sb.Append('.').Append(FunctionName).Append("()");
                break;
            default:
                throw new InvalidOperationException("Unknown segment kind.");
        }
    }
}
