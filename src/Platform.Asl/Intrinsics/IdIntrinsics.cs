using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>States.UUID.</summary>
internal static class IdIntrinsics
{
    /// <summary>Returns a version 4 UUID built from the context's (replay-safe) id source.</summary>
    public static JNode Uuid(IntrinsicInvocation call)
    {
        Span<char> text = stackalloc char[36];
        call.Scope.Context.NewGuid().TryFormat(text, out _, "D");
        text[14] = '4';
        char variant = text[19];
        int nibble = variant <= '9' ? variant - '0' : (variant | 0x20) - 'a' + 10;
        text[19] = "89ab"[nibble & 0x3];
        return new JString(new string(text));
    }
}
