namespace Platform.Asl.Graph;

/// <summary>Computes a deterministic layered (Sugiyama-style) layout of a <see cref="StateGraph"/>.</summary>
/// <remarks>
/// Each scope is laid out on its own, innermost first, so a Parallel or Map node is sized to hold its clusters. Within a
/// scope: back edges found by a depth-first search from the start marker are reversed (cycle breaking); nodes get the
/// longest-path layer (the end marker goes to the bottom); long edges get a dummy vertex per layer crossed; a few
/// barycenter sweeps order each layer (the ordering with the fewest crossings wins); nodes move towards the mean of
/// their neighbours without overlapping; edges become polylines from the source's boundary through their dummies to the
/// target's boundary. Every choice depends on definition order alone, never on hashing, so the result is the same on
/// every run.
/// </remarks>
public static class LayeredLayout
{
    /// <summary>The margin around the drawing.</summary>
    public const double Margin = 20;

    /// <summary>The font size of state names, in pixels.</summary>
    public const double LabelFontSize = 13;

    /// <summary>The font size of the state type line, edge captions and cluster captions, in pixels.</summary>
    public const double SmallFontSize = 11;

    /// <summary>The height of a state node.</summary>
    public const double NodeHeight = 44;

    /// <summary>The diameter of a start or end marker.</summary>
    public const double MarkerSize = 24;

    /// <summary>The height of the header (name and type) of a Parallel or Map node, above its clusters.</summary>
    public const double HeaderHeight = 42;

    /// <summary>The height of a cluster's caption band.</summary>
    public const double ClusterLabelHeight = 22;

    private const double MinNodeWidth = 84;
    private const double NodePadX = 16;
    private const double LayerGap = 40;
    private const double LabeledLayerGap = 60;
    private const double CaptionStep = 22;
    private const double NodeSep = 28;
    private const double DummySep = 14;
    private const double DummyWidth = 6;
    private const double CompoundPad = 12;
    private const double ClusterPad = 12;
    private const double ClusterGap = 16;
    private const double SelfLoopSpace = 28;
    private const double PortSpacing = 16;
    private const int OrderingSweeps = 12;
    private const int PositioningSweeps = 8;

    /// <summary>Lays out a graph.</summary>
    public static GraphLayout Compute(StateGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var root = LayoutScope(graph.Root, cluster: null).Translate(Margin, Margin);
        return new GraphLayout(Round(root.Width + (2 * Margin)), Round(root.Height + (2 * Margin)), root.Nodes, root.Edges, root.Clusters);
    }

    /// <summary>Estimates the width of an edge caption.</summary>
    public static double CaptionWidth(string label) => TextMetrics.Width(label, SmallFontSize) + 8;

    internal static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static ScopeResult LayoutScope(GraphScope scope, string? cluster)
    {
        var nodes = scope.Nodes;
        int n = nodes.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            index[nodes[i].Id] = i;
        }

        // Sizes: nested scopes first, so compound nodes can hold them.
        var nested = new ScopeResult[n][];
        var width = new double[n];
        var height = new double[n];
        for (int i = 0; i < n; i++)
        {
            (width[i], height[i], nested[i]) = Size(nodes[i]);
        }

        var edges = scope.Edges;
        int m = edges.Count;
        var source = new int[m];
        var target = new int[m];
        var outgoing = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            outgoing[i] = [];
        }

        var selfLoops = new int[n];
        for (int e = 0; e < m; e++)
        {
            source[e] = index[edges[e].Source];
            target[e] = index[edges[e].Target];
            if (source[e] == target[e])
            {
                selfLoops[source[e]]++;
            }
            else
            {
                outgoing[source[e]].Add(e);
            }
        }

        bool[] reversed = BreakCycles(n, target, outgoing);
        int[] layer = AssignLayers(n, m, source, target, reversed);

        // The layered graph: real vertices 0..n-1, then one dummy per layer crossed by a long edge.
        var graph = new LayeredGraph(n, layer, width);
        var chains = new List<int>?[m];
        for (int e = 0; e < m; e++)
        {
            if (source[e] != target[e])
            {
                int a = reversed[e] ? target[e] : source[e];
                int b = reversed[e] ? source[e] : target[e];
                chains[e] = graph.AddChain(a, b);
            }
        }

        graph.Order();
        var layerTop = ComputeLayerTops(graph, height, edges, chains, reversed, source, layer, out var layerHeight);
        graph.Position(selfLoops);

        // Node boxes (rounded so edge end points computed from them lie exactly on their boundaries).
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Round(graph.CenterX[i] - (width[i] / 2));
            y[i] = Round(layerTop[layer[i]] + ((layerHeight[layer[i]] - height[i]) / 2));
        }

        var points = RouteEdges(graph, chains, reversed, nodes, x, y, width, height, layerTop, layerHeight, source, target);

        // Captions of one source sit at staggered fractions of their first segment (left to right, top to bottom) so they do not overlap.
        var captionAt = new double[m];
        foreach (var group in CaptionGroups(edges, chains, reversed, source))
        {
            var ordered = group.OrderBy(e => points[e]![0].X).ThenBy(e => e).ToList();
            for (int k = 0; k < ordered.Count; k++)
            {
                captionAt[ordered[k]] = (k + 1.0) / (ordered.Count + 1);
            }
        }

        var result = new ScopeResult();
        for (int i = 0; i < n; i++)
        {
            var node = nodes[i];
            result.Nodes.Add(new LayoutNode(node.Id, node.Label, node.Kind, node.StateName, cluster, layer[i], x[i], y[i], width[i], height[i]));
            if (nested[i].Length > 0)
            {
                PlaceClusters(result, node, nested[i], x[i], y[i], width[i], cluster);
            }
        }

        var selfLoopCount = new int[n];
        for (int e = 0; e < m; e++)
        {
            var edge = edges[e];
            IReadOnlyList<LayoutPoint> route;
            LayoutPoint? labelAt = null;
            if (source[e] == target[e])
            {
                int i = source[e];
                route = SelfLoop(x[i], y[i], width[i], height[i], selfLoopCount[i]++);
                if (edge.Label is not null)
                {
                    labelAt = new LayoutPoint(Round(route[1].X + 4 + (CaptionWidth(edge.Label) / 2)), Round((route[1].Y + route[2].Y) / 2));
                }
            }
            else
            {
                route = points[e]!;
                if (edge.Label is not null)
                {
                    double t = captionAt[e];
                    labelAt = new LayoutPoint(Round(route[0].X + ((route[1].X - route[0].X) * t)), Round(route[0].Y + ((route[1].Y - route[0].Y) * t)));
                }
            }

            result.Edges.Add(new LayoutEdge(edge.Id, edge.Source, edge.Target, edge.Kind, edge.Label, cluster, reversed[e], route, labelAt));
        }

        return result.Normalize();
    }

    private static (double Width, double Height, ScopeResult[] Nested) Size(GraphNode node)
    {
        if (node.IsMarker)
        {
            return (MarkerSize, MarkerSize, []);
        }

        double text = Math.Max(TextMetrics.Width(node.Label, LabelFontSize), TextMetrics.Width(node.Kind.ToString(), SmallFontSize));
        double w = Math.Max(MinNodeWidth, Math.Ceiling(text + (2 * NodePadX)));
        if (node.Scopes.Count == 0)
        {
            return (w, NodeHeight, []);
        }

        var nested = node.Scopes.Select(s => LayoutScope(s, s.Id)).ToArray();
        double inner = nested.Sum(r => r.Width + (2 * ClusterPad)) + (ClusterGap * (nested.Length - 1));
        double clusterHeight = nested.Max(r => r.Height) + ClusterLabelHeight + ClusterPad;
        return (Math.Max(w, Math.Ceiling(inner + (2 * CompoundPad))), Math.Ceiling(HeaderHeight + clusterHeight + CompoundPad), nested);
    }

    private static void PlaceClusters(ScopeResult result, GraphNode owner, ScopeResult[] nested, double x, double y, double width, string? parent)
    {
        double inner = nested.Sum(r => r.Width + (2 * ClusterPad)) + (ClusterGap * (nested.Length - 1));
        double clusterHeight = nested.Max(r => r.Height) + ClusterLabelHeight + ClusterPad;
        double left = Round(x + ((width - inner) / 2));
        double top = y + HeaderHeight;
        for (int j = 0; j < nested.Length; j++)
        {
            var scope = owner.Scopes[j];
            double clusterWidth = nested[j].Width + (2 * ClusterPad);
            result.Clusters.Add(new LayoutCluster(scope.Id, scope.Label, owner.Id, parent, left, Round(top), Round(clusterWidth), Round(clusterHeight)));
            var placed = nested[j].Translate(left + ClusterPad, top + ClusterLabelHeight);
            result.Nodes.AddRange(placed.Nodes);
            result.Edges.AddRange(placed.Edges);
            result.Clusters.AddRange(placed.Clusters);
            left = Round(left + clusterWidth + ClusterGap);
        }
    }

    /// <summary>Marks the edges that close a cycle in a depth-first search from the start marker (then from any unvisited node).</summary>
    private static bool[] BreakCycles(int n, int[] target, List<int>[] outgoing)
    {
        var reversed = new bool[target.Length];
        var state = new byte[n]; // 0 unvisited, 1 on the stack, 2 done
        var stack = new Stack<(int Node, int Next)>();
        for (int root = 0; root < n; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (u, next) = stack.Pop();
                if (next == outgoing[u].Count)
                {
                    state[u] = 2;
                    continue;
                }

                stack.Push((u, next + 1));
                int e = outgoing[u][next];
                int v = target[e];
                if (state[v] == 1)
                {
                    reversed[e] = true;
                }
                else if (state[v] == 0)
                {
                    state[v] = 1;
                    stack.Push((v, 0));
                }
            }
        }

        return reversed;
    }

    /// <summary>Longest-path layering of the acyclic graph (back edges reversed); the end marker goes below everything.</summary>
    private static int[] AssignLayers(int n, int m, int[] source, int[] target, bool[] reversed)
    {
        var layer = new int[n];
        var indegree = new int[n];
        var successors = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            successors[i] = [];
        }

        for (int e = 0; e < m; e++)
        {
            if (source[e] != target[e])
            {
                int a = reversed[e] ? target[e] : source[e];
                int b = reversed[e] ? source[e] : target[e];
                successors[a].Add(b);
                indegree[b]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < n; i++)
        {
            if (indegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        while (ready.TryDequeue(out int u, out _))
        {
            foreach (int v in successors[u])
            {
                layer[v] = Math.Max(layer[v], layer[u] + 1);
                if (--indegree[v] == 0)
                {
                    ready.Enqueue(v, v);
                }
            }
        }

        int end = n - 1;
        int deepest = 0;
        for (int i = 0; i < end; i++)
        {
            deepest = Math.Max(deepest, layer[i]);
        }

        layer[end] = Math.Max(layer[end], deepest + 1);
        return layer;
    }

    private static double[] ComputeLayerTops(
        LayeredGraph graph, double[] height, IReadOnlyList<GraphEdge> edges, List<int>?[] chains, bool[] reversed, int[] source, int[] layer, out double[] layerHeight)
    {
        int layers = graph.Layers.Length;
        layerHeight = new double[layers];
        for (int l = 0; l < layers; l++)
        {
            layerHeight[l] = MarkerSize;
            foreach (int v in graph.Layers[l])
            {
                if (v < height.Length)
                {
                    layerHeight[l] = Math.Max(layerHeight[l], height[v]);
                }
            }
        }

        // A caption sits in the gap its edge crosses first; captions of one source are stacked, so that gap grows with them.
        var captions = new int[layers];
        foreach (var group in CaptionGroups(edges, chains, reversed, source))
        {
            int gap = group.Key.Reversed ? layer[group.Key.Source] - 1 : layer[group.Key.Source];
            if (gap >= 0 && gap < layers)
            {
                captions[gap] = Math.Max(captions[gap], group.Count());
            }
        }

        var top = new double[layers];
        double y = 0;
        for (int l = 0; l < layers; l++)
        {
            top[l] = y;
            y += layerHeight[l] + (captions[l] == 0 ? LayerGap : LabeledLayerGap + (CaptionStep * (captions[l] - 1)));
        }

        return top;
    }

    /// <summary>The captioned edges (self-loops aside) grouped by source and direction, in edge order.</summary>
    private static IEnumerable<IGrouping<(int Source, bool Reversed), int>> CaptionGroups(
        IReadOnlyList<GraphEdge> edges, List<int>?[] chains, bool[] reversed, int[] source) =>
        Enumerable.Range(0, edges.Count)
            .Where(e => edges[e].Label is not null && chains[e] is not null)
            .GroupBy(e => (source[e], reversed[e]));

    private static List<LayoutPoint>?[] RouteEdges(
        LayeredGraph graph,
        List<int>?[] chains,
        bool[] reversed,
        IReadOnlyList<GraphNode> nodes,
        double[] x,
        double[] y,
        double[] width,
        double[] height,
        double[] layerTop,
        double[] layerHeight,
        int[] source,
        int[] target)
    {
        int n = nodes.Count;
        int m = chains.Length;

        // The vertex sequence of each edge in its own direction (a back edge runs up its reversed chain).
        var sequence = new List<int>?[m];
        for (int e = 0; e < m; e++)
        {
            if (chains[e] is { } chain)
            {
                sequence[e] = reversed[e] ? [.. Enumerable.Reverse(chain)] : chain;
            }
        }

        // Ports: each edge end on a side of a node, ordered by where the edge goes, then spread along that side.
        var bottom = new List<(double Towards, int Edge, bool IsStart)>[n];
        var top = new List<(double Towards, int Edge, bool IsStart)>[n];
        for (int i = 0; i < n; i++)
        {
            bottom[i] = [];
            top[i] = [];
        }

        for (int e = 0; e < m; e++)
        {
            if (sequence[e] is not { } s)
            {
                continue;
            }

            // Forward edges leave the bottom and enter the top; back edges leave the top and enter the bottom.
            (reversed[e] ? top : bottom)[source[e]].Add((graph.CenterX[s[1]], e, true));
            (reversed[e] ? bottom : top)[target[e]].Add((graph.CenterX[s[^2]], e, false));
        }

        var startPort = new LayoutPoint[m];
        var endPort = new LayoutPoint[m];
        for (int i = 0; i < n; i++)
        {
            AssignPorts(bottom[i], nodes[i].IsMarker, x[i], width[i], y[i] + height[i], startPort, endPort);
            AssignPorts(top[i], nodes[i].IsMarker, x[i], width[i], y[i], startPort, endPort);
        }

        var points = new List<LayoutPoint>?[m];
        for (int e = 0; e < m; e++)
        {
            if (sequence[e] is not { } s)
            {
                continue;
            }

            var route = new List<LayoutPoint> { startPort[e] };
            for (int k = 1; k < s.Count - 1; k++)
            {
                int d = s[k];
                int l = graph.Layer[d];
                double cx = Round(graph.CenterX[d]);
                double upper = Round(layerTop[l]);
                double lower = Round(layerTop[l] + layerHeight[l]);
                route.Add(new LayoutPoint(cx, reversed[e] ? lower : upper));
                route.Add(new LayoutPoint(cx, reversed[e] ? upper : lower));
            }

            route.Add(endPort[e]);
            points[e] = route;
        }

        return points;
    }

    private static void AssignPorts(
        List<(double Towards, int Edge, bool IsStart)> ends, bool isMarker, double x, double width, double y, LayoutPoint[] startPort, LayoutPoint[] endPort)
    {
        ends.Sort((a, b) => a.Towards != b.Towards ? a.Towards.CompareTo(b.Towards) : a.Edge != b.Edge ? a.Edge.CompareTo(b.Edge) : a.IsStart.CompareTo(b.IsStart));
        double center = x + (width / 2);
        double spacing = ends.Count > 1 ? Math.Min(PortSpacing, (width - 24) / (ends.Count - 1)) : 0;
        for (int k = 0; k < ends.Count; k++)
        {
            double px = isMarker ? center : center + ((k - ((ends.Count - 1) / 2.0)) * spacing);
            var point = new LayoutPoint(Math.Clamp(Round(px), x, x + width), y);
            if (ends[k].IsStart)
            {
                startPort[ends[k].Edge] = point;
            }
            else
            {
                endPort[ends[k].Edge] = point;
            }
        }
    }

    private static LayoutPoint[] SelfLoop(double x, double y, double width, double height, int nth)
    {
        double right = x + width;
        double reach = Round(right + 14 + (nth * 8));
        double upper = Round(y + (height * 0.3));
        double lower = Round(y + (height * 0.7));
        return [new(right, upper), new(reach, upper), new(reach, lower), new(right, lower)];
    }

    /// <summary>The vertices of one scope in layers, with dummies for long edges, their order and their x coordinates.</summary>
    private sealed class LayeredGraph
    {
        private readonly int _realCount;
        private readonly List<int> _layer;
        private readonly List<double> _width;
        private readonly List<List<int>> _predecessors = [];
        private readonly List<List<int>> _successors = [];
        private int[] _position = [];

        public LayeredGraph(int realCount, int[] layer, double[] width)
        {
            _realCount = realCount;
            _layer = [.. layer];
            _width = [.. width];
            for (int i = 0; i < realCount; i++)
            {
                _predecessors.Add([]);
                _successors.Add([]);
            }
        }

        public List<int> Layer => _layer;

        public int[][] Layers { get; private set; } = [];

        public double[] CenterX { get; private set; } = [];

        private int Count => _layer.Count;

        public List<int> AddChain(int from, int to)
        {
            var chain = new List<int> { from };
            int previous = from;
            for (int l = _layer[from] + 1; l < _layer[to]; l++)
            {
                int dummy = Count;
                _layer.Add(l);
                _width.Add(DummyWidth);
                _predecessors.Add([]);
                _successors.Add([]);
                Link(previous, dummy);
                chain.Add(dummy);
                previous = dummy;
            }

            Link(previous, to);
            chain.Add(to);
            return chain;
        }

        /// <summary>Orders each layer: breadth-first discovery order, then barycenter sweeps keeping the best ordering.</summary>
        public void Order()
        {
            int layers = _layer.Max() + 1;
            var lists = new List<int>[layers];
            for (int l = 0; l < layers; l++)
            {
                lists[l] = [];
            }

            var seen = new bool[Count];
            var queue = new Queue<int>();
            for (int v = 0; v < Count; v++)
            {
                if (_layer[v] == 0)
                {
                    seen[v] = true;
                    queue.Enqueue(v);
                }
            }

            while (queue.Count > 0)
            {
                int v = queue.Dequeue();
                lists[_layer[v]].Add(v);
                foreach (int w in _successors[v])
                {
                    if (!seen[w])
                    {
                        seen[w] = true;
                        queue.Enqueue(w);
                    }
                }
            }

            for (int v = 0; v < Count; v++)
            {
                if (!seen[v])
                {
                    lists[_layer[v]].Add(v);
                }
            }

            Layers = [.. lists.Select(l => l.ToArray())];
            _position = new int[Count];
            UpdatePositions();
            var best = Layers.Select(l => (int[])l.Clone()).ToArray();
            long bestCrossings = Crossings();
            for (int sweep = 0; sweep < OrderingSweeps && bestCrossings > 0; sweep++)
            {
                bool down = sweep % 2 == 0;
                if (down)
                {
                    for (int l = 1; l < layers; l++)
                    {
                        SortByBarycenter(l, _predecessors);
                    }
                }
                else
                {
                    for (int l = layers - 2; l >= 0; l--)
                    {
                        SortByBarycenter(l, _successors);
                    }
                }

                long crossings = Crossings();
                if (crossings < bestCrossings)
                {
                    bestCrossings = crossings;
                    best = [.. Layers.Select(l => (int[])l.Clone())];
                }
            }

            Layers = best;
            UpdatePositions();
        }

        /// <summary>Assigns x: packed layers, then sweeps pulling each vertex to the mean of its neighbours without overlaps.</summary>
        public void Position(int[] selfLoops)
        {
            CenterX = new double[Count];
            double Separation(int a, int b)
            {
                bool bothDummies = a >= _realCount && b >= _realCount;
                double loop = a < _realCount && selfLoops[a] > 0 ? SelfLoopSpace + (8 * (selfLoops[a] - 1)) : 0;
                return (_width[a] / 2) + loop + (bothDummies ? DummySep : NodeSep) + (_width[b] / 2);
            }

            foreach (var layer in Layers)
            {
                double cx = 0;
                for (int k = 0; k < layer.Length; k++)
                {
                    cx = k == 0 ? _width[layer[0]] / 2 : cx + Separation(layer[k - 1], layer[k]);
                    CenterX[layer[k]] = cx;
                }
            }

            for (int sweep = 0; sweep < PositioningSweeps; sweep++)
            {
                bool down = sweep % 2 == 0;
                var neighbours = down ? _predecessors : _successors;
                int count = Layers.Length;
                for (int step = 0; step < count; step++)
                {
                    var layer = Layers[down ? step : count - 1 - step];
                    var desired = new double[layer.Length];
                    for (int k = 0; k < layer.Length; k++)
                    {
                        var adjacent = neighbours[layer[k]];
                        desired[k] = adjacent.Count == 0 ? CenterX[layer[k]] : adjacent.Average(w => CenterX[w]);
                    }

                    // Two feasible placements, one pushing right and one pushing left; their mean is feasible too.
                    var left = new double[layer.Length];
                    var right = new double[layer.Length];
                    for (int k = 0; k < layer.Length; k++)
                    {
                        left[k] = k == 0 ? desired[0] : Math.Max(desired[k], left[k - 1] + Separation(layer[k - 1], layer[k]));
                    }

                    for (int k = layer.Length - 1; k >= 0; k--)
                    {
                        right[k] = k == layer.Length - 1 ? desired[k] : Math.Min(desired[k], right[k + 1] - Separation(layer[k], layer[k + 1]));
                    }

                    for (int k = 0; k < layer.Length; k++)
                    {
                        CenterX[layer[k]] = (left[k] + right[k]) / 2;
                    }
                }
            }
        }

        private void Link(int from, int to)
        {
            _successors[from].Add(to);
            _predecessors[to].Add(from);
        }

        private void UpdatePositions()
        {
            foreach (var layer in Layers)
            {
                for (int k = 0; k < layer.Length; k++)
                {
                    _position[layer[k]] = k;
                }
            }
        }

        private void SortByBarycenter(int l, List<List<int>> neighbours)
        {
            var layer = Layers[l];
            var keys = new Dictionary<int, (double Barycenter, int Position)>(layer.Length);
            foreach (int v in layer)
            {
                var adjacent = neighbours[v];
                double barycenter = adjacent.Count == 0 ? _position[v] : adjacent.Average(w => (double)_position[w]);
                keys[v] = (barycenter, _position[v]);
            }

            Array.Sort(layer, (a, b) =>
            {
                int byBarycenter = keys[a].Barycenter.CompareTo(keys[b].Barycenter);
                return byBarycenter != 0 ? byBarycenter : keys[a].Position.CompareTo(keys[b].Position);
            });
            for (int k = 0; k < layer.Length; k++)
            {
                _position[layer[k]] = k;
            }
        }

        private long Crossings()
        {
            long crossings = 0;
            var segments = new List<(int From, int To)>();
            for (int l = 0; l + 1 < Layers.Length; l++)
            {
                segments.Clear();
                foreach (int v in Layers[l])
                {
                    foreach (int w in _successors[v])
                    {
                        segments.Add((_position[v], _position[w]));
                    }
                }

                for (int i = 0; i < segments.Count; i++)
                {
                    for (int j = i + 1; j < segments.Count; j++)
                    {
                        if ((segments[i].From - segments[j].From) * (long)(segments[i].To - segments[j].To) < 0)
                        {
                            crossings++;
                        }
                    }
                }
            }

            return crossings;
        }
    }

    /// <summary>A laid-out scope in its own coordinates, with its nested clusters already placed.</summary>
    private sealed class ScopeResult
    {
        public double Width { get; private set; }

        public double Height { get; private set; }

        public List<LayoutNode> Nodes { get; } = [];

        public List<LayoutEdge> Edges { get; } = [];

        public List<LayoutCluster> Clusters { get; } = [];

        /// <summary>Moves the content so its bounding box (captions included) starts at (0, 0), and records its size.</summary>
        public ScopeResult Normalize()
        {
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            void Include(double left, double topY, double right, double bottomY)
            {
                minX = Math.Min(minX, left);
                minY = Math.Min(minY, topY);
                maxX = Math.Max(maxX, right);
                maxY = Math.Max(maxY, bottomY);
            }

            foreach (var node in Nodes)
            {
                Include(node.X, node.Y, node.X + node.Width, node.Y + node.Height);
            }

            foreach (var edge in Edges)
            {
                foreach (var p in edge.Points)
                {
                    Include(p.X, p.Y, p.X, p.Y);
                }

                if (edge is { Label: { } label, LabelPosition: { } at })
                {
                    double half = CaptionWidth(label) / 2;
                    Include(at.X - half, at.Y - 8, at.X + half, at.Y + 8);
                }
            }

            var moved = Translate(-minX, -minY);
            moved.Width = Round(maxX - minX);
            moved.Height = Round(maxY - minY);
            return moved;
        }

        public ScopeResult Translate(double dx, double dy)
        {
            var moved = new ScopeResult { Width = Width, Height = Height };
            moved.Nodes.AddRange(Nodes.Select(n => n with { X = Round(n.X + dx), Y = Round(n.Y + dy) }));
            moved.Edges.AddRange(Edges.Select(e => e with
            {
                Points = [.. e.Points.Select(p => Move(p, dx, dy))],
                LabelPosition = e.LabelPosition is { } at ? Move(at, dx, dy) : null,
            }));
            moved.Clusters.AddRange(Clusters.Select(c => c with { X = Round(c.X + dx), Y = Round(c.Y + dy) }));
            return moved;
        }

        private static LayoutPoint Move(LayoutPoint p, double dx, double dy) => new(Round(p.X + dx), Round(p.Y + dy));
    }
}
