using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

public class S3IntegrationTests
{
    private const string PutGetList = """
        {"StartAt":"Put","States":{
          "Put":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:putObject",
                 "Parameters":{"Bucket":"reports","Key.$":"$.key","Body.$":"$.doc","ContentType":"application/json","Metadata":{"Owner":"ada"}},
                 "ResultPath":"$.put","Next":"Get"},
          "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject",
                 "Parameters":{"Bucket":"reports","Key.$":"$.key"},"ResultPath":"$.got","Next":"List"},
          "List":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listObjectsV2",
                 "Parameters":{"Bucket":"reports","Prefix":"2024/"},"ResultPath":"$.listed","End":true}}}
        """;

    [Fact]
    public void PutGetList_RoundTrip_ReturnsAwsShapes()
    {
        using var fixture = new IntegrationFixture();
        var output = fixture.Run(PutGetList, """{"key":"2024/q1.json","doc":{"total":42}}""").Output();

        string etag = ((JString)((JObject)output["put"]!)["ETag"]!).Value;
        etag.Should().MatchRegex("^\"[0-9a-f]{32}\"$");
        var got = (JObject)output["got"]!;
        got["Body"].Should().Be(JNode.From("""{"total":42}"""));
        got["ContentType"].Should().Be(JNode.From("application/json"));
        got["ContentLength"].Should().Be(JNode.From(12));
        got["ETag"].Should().Be(JNode.From(etag));
        got["Metadata"].Should().Be(JNode.Parse("""{"owner":"ada"}"""));
        got["LastModified"].Should().Be(JNode.From("2024-01-01T00:00:00Z"));
        var listed = (JObject)output["listed"]!;
        listed["KeyCount"].Should().Be(JNode.From(1));
        listed["IsTruncated"].Should().Be(JNode.False);
        listed["Name"].Should().Be(JNode.From("reports"));
        ((JObject)((JArray)listed["Contents"]!)[0])["Key"].Should().Be(JNode.From("2024/q1.json"));
        File.ReadAllText(Path.Combine(fixture.Objects.Root, "reports", "2024", "q1.json")).Should().Be("""{"total":42}""");
    }

    [Fact]
    public void GetObject_MissingKey_IsCaughtAsNoSuchKeyException()
    {
        using var fixture = new IntegrationFixture();
        fixture.Objects.CreateContainer("reports");
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::aws-sdk:s3:getObject", """{"Bucket":"reports","Key":"nope.txt"}""", """["S3.NoSuchKeyException"]""")).Caught();
        error.Should().Be("S3.NoSuchKeyException");
        cause.Should().Contain("The specified key does not exist.");
    }

    [Fact]
    public void GetObject_MissingBucket_IsCaughtAsNoSuchBucketException()
    {
        using var fixture = new IntegrationFixture();
        fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::aws-sdk:s3:getObject", """{"Bucket":"nobucket","Key":"a"}""", """["S3.NoSuchBucketException"]"""))
            .Caught().Error.Should().Be("S3.NoSuchBucketException");
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a\\\\..\\\\b")]
    [InlineData("a/./b")]
    public void PutObject_TraversingKey_IsRefusedAndWritesNothingOutside(string key)
    {
        using var fixture = new IntegrationFixture();
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::aws-sdk:s3:putObject", $$"""{"Bucket":"reports","Key":"{{key}}","Body":"x"}""")).Caught();
        error.Should().Be("S3.S3Exception");
        cause.Should().Contain("Invalid key for container 'reports'");
        Directory.EnumerateFiles(fixture.Directory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal) && !f.Contains(".db-", StringComparison.Ordinal))
            .Should().BeEmpty();
    }

    [Theory]
    [InlineData("..", ObjectStoreError.InvalidContainerName)]
    [InlineData("UPPER", ObjectStoreError.InvalidContainerName)]
    [InlineData("a", ObjectStoreError.InvalidContainerName)]
    [InlineData(".meta", ObjectStoreError.InvalidContainerName)]
    public async Task FolderStore_BadContainer_IsRefusedWithItsCode(string container, ObjectStoreError code)
    {
        using var fixture = new IntegrationFixture();
        var act = async () => await fixture.Objects.PutAsync(container, "k", new byte[] { 1 });
        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.Code.Should().Be(code);
    }

    [Fact]
    public async Task FolderStore_KeyWithNulCharacter_IsRefusedPrecisely()
    {
        using var fixture = new IntegrationFixture();
        var act = async () => await fixture.Objects.PutAsync("reports", "a\0b", new byte[] { 1 });
        (await act.Should().ThrowAsync<ObjectStoreException>()).WithMessage("*U+0000 at position 1*");
    }

    [Fact]
    public void PutObject_IfNoneMatchOnExistingKey_FailsWithPreconditionAndKeepsTheObject()
    {
        using var fixture = new IntegrationFixture();
        const string Put = """{"Bucket":"locks","Key":"job-1","Body":"first","IfNoneMatch":"*"}""";
        fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::aws-sdk:s3:putObject", Put)).Output().ContainsKey("error").Should().BeFalse();
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::aws-sdk:s3:putObject", Put.Replace("first", "second", StringComparison.Ordinal))).Caught();
        error.Should().Be("S3.S3Exception");
        cause.Should().Contain("PreconditionFailed");
        File.ReadAllText(Path.Combine(fixture.Objects.Root, "locks", "job-1")).Should().Be("first");
    }

    [Fact]
    public async Task ListObjectsV2_Paging_WalksEveryKeyOnceInOrder()
    {
        using var fixture = new IntegrationFixture();
        foreach (string key in new[] { "b", "a", "c/d", "c/e", "f" })
        {
            await fixture.Objects.PutAsync("bucket", key, "x"u8.ToArray());
        }

        const string Pager = """
            {"StartAt":"L","States":{
              "L":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listObjectsV2",
                   "Parameters":{"Bucket":"bucket","MaxKeys":2,"ContinuationToken.$":"$.token"},"End":true}}}
            """;
        var keys = new List<string>();
        string input = """{"token":null}""";
        var first = fixture.Run(Pager.Replace(",\"ContinuationToken.$\":\"$.token\"", string.Empty, StringComparison.Ordinal)).Output();
        keys.AddRange(((JArray)first["Contents"]!).Select(c => ((JString)((JObject)c)["Key"]!).Value));
        var page = first;
        while (page["NextContinuationToken"] is JString next)
        {
            input = new JObject(["token"], [next]).ToString();
            page = fixture.Run(Pager, input).Output();
            keys.AddRange(((JArray)page["Contents"]!).Select(c => ((JString)((JObject)c)["Key"]!).Value));
        }

        keys.Should().Equal("a", "b", "c/d", "c/e", "f");
    }

    [Fact]
    public void PutObject_UnknownField_IsStatesRuntimeNamingTheField()
    {
        using var fixture = new IntegrationFixture();
        var result = fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::aws-sdk:s3:putObject", """{"Bucket":"b1b","Key":"k","Bodyy":"x"}"""));
        result.ShouldFailWith("States.Runtime", "The field 'Bodyy' is not supported by aws-sdk:s3:putObject");
    }

    [Fact]
    public async Task DeleteObject_RemovesTheFileAndItsEmptyFolders()
    {
        using var fixture = new IntegrationFixture();
        await fixture.Objects.PutAsync("bucket", "deep/er/file.txt", "x"u8.ToArray());
        fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::aws-sdk:s3:deleteObject", """{"Bucket":"bucket","Key":"deep/er/file.txt"}""")).Output().ContainsKey("error").Should().BeFalse();
        Directory.Exists(Path.Combine(fixture.Objects.Root, "bucket", "deep")).Should().BeFalse();
        (await fixture.Objects.GetAsync("bucket", "deep/er/file.txt")).Should().BeNull();
    }
}
