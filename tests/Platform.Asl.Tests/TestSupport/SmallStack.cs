namespace Platform.Asl.Tests.TestSupport;

/// <summary>Runs code on a thread with a small (256 KiB) stack, so a test shows that deep nesting ends in an error
/// rather than a stack overflow that would kill the test process. Rethrows what the code threw.</summary>
internal static class SmallStack
{
    public static void Run(Action action)
    {
        Exception? caught = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    caught = e;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();
        if (caught is not null)
        {
            throw caught;
        }
    }
}
