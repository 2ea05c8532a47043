namespace Platform.Asl.Json;

/// <summary>Structural equality and hashing: numbers by value, arrays in order, objects regardless of key order.</summary>
public static class JsonEquality
{
    /// <summary>Compares two values structurally.</summary>
    public static bool DeepEquals(JNode? a, JNode? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Kind != b.Kind)
        {
            return false;
        }

        switch (a)
        {
            case JBool x:
                return x.Value == ((JBool)b).Value;
            case JNumber x:
                return x.Value == ((JNumber)b).Value;
            case JString x:
                return string.Equals(x.Value, ((JString)b).Value, StringComparison.Ordinal);
            case JArray x:
            {
                var y = (JArray)b;
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (int i = 0; i < x.Count; i++)
                {
                    if (!DeepEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JObject x:
            {
                var y = (JObject)b;
                if (x.Count != y.Count)
                {
                    return false;
                }

                var keys = x.Keys;
                var values = x.Values;
                for (int i = 0; i < keys.Length; i++)
                {
                    if (!y.TryGetValue(keys[i], out var other) || !DeepEquals(values[i], other))
                    {
                        return false;
                    }
                }

                return true;
            }

            default:
                return true; // null
        }
    }

    /// <summary>Returns a hash consistent with <see cref="DeepEquals"/>.</summary>
    public static int GetHashCode(JNode node)
    {
        switch (node)
        {
            case JBool b:
                return b.Value ? 1 : 2;
            case JNumber n:
                return n.Value.GetHashCode();
            case JString s:
                return StringComparer.Ordinal.GetHashCode(s.Value);
            case JArray a:
            {
                var hash = new HashCode();
                foreach (var item in a.Items)
                {
                    hash.Add(GetHashCode(item));
                }

                return hash.ToHashCode();
            }

            case JObject o:
            {
                int hash = 17;
                var keys = o.Keys;
                var values = o.Values;
                for (int i = 0; i < keys.Length; i++)
                {
                    hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(keys[i]), GetHashCode(values[i]));
                }

                return hash;
            }

            default:
                return 0;
        }
    }
}
