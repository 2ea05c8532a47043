namespace Platform.Server.Tests.Support;

/// <summary>State machine definitions the tests share.</summary>
public static class Definitions
{
    public const string Pass = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"v":1},"ResultPath":"$.r","End":true}}}""";

    public const string PassTwo = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"v":2},"ResultPath":"$.r","End":true}}}""";

    /// <summary>Sends the token to the local queue 'q' (as MessageBody.token), waits for SendTaskSuccess, then a Pass that marks the revision.</summary>
    public static string Callback(string mark = "one") =>
        """{"StartAt":"Wait","States":{"Wait":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"ResultPath":"$.answer","Next":"Mark"},"Mark":{"Type":"Pass","Result":"MARK","ResultPath":"$.revision","End":true}}}""".Replace("MARK", mark, StringComparison.Ordinal);

    public const string Double = """{"StartAt":"D","States":{"D":{"Type":"Task","Resource":"Double","End":true}}}""";

    public const string NoHandler = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Missing","End":true}}}""";

    public const string Fails = """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"My.Error","Cause":"my cause"}}}""";

    /// <summary>Waits 30 s: long enough to be stopped.</summary>
    public const string LongWait = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}""";
}
