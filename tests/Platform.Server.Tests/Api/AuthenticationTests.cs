using System.Net;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class AuthenticationTests
{
    private static readonly Dictionary<string, string?> WithKey = new() { ["ApiKey"] = "s3cret" };

    [Fact]
    public async Task ApiKeyConfigured_RequestWithoutKey_UnrecognizedClientException()
    {
        await using var h = await ServerHarness.StartAsync(WithKey);
        (await h.CallAsync("ListStateMachines")).ShouldFailWith("UnrecognizedClientException").Should().Contain("no API key");
        (await h.CallAsync("ListStateMachines", null, r => r.Headers.Add("X-Api-Key", "wrong"))).ShouldFailWith("UnrecognizedClientException")
            .Should().Contain("does not match");
    }

    [Theory]
    [InlineData("Authorization", "Bearer s3cret")]
    [InlineData("X-Api-Key", "s3cret")]
    [InlineData("Authorization", "AWS4-HMAC-SHA256 Credential=s3cret/20250101/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef")]
    public async Task ApiKeyConfigured_KeyPresented_Served(string header, string value)
    {
        await using var h = await ServerHarness.StartAsync(WithKey);
        (await h.CallAsync("ListStateMachines", null, r => r.Headers.TryAddWithoutValidation(header, value))).Status.Should().Be(200);
    }

    [Fact]
    public async Task ApiKeyConfigured_SigV4WithAnotherAccessKey_Refused()
    {
        await using var h = await ServerHarness.StartAsync(WithKey);
        (await h.CallAsync("ListStateMachines", null, r => r.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAOTHER/20250101/us-east-1/states/aws4_request, Signature=x")))
            .ShouldFailWith("UnrecognizedClientException");
    }

    [Fact]
    public async Task ApiKeyConfigured_ConsoleWithoutKey_AccessDenied_ApprovalsExempt()
    {
        await using var h = await ServerHarness.StartAsync(WithKey);
        var console = await h.Client.GetAsync("/console/");
        console.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await console.Content.ReadAsStringAsync()).Should().Contain("AccessDeniedException");
        var approvals = await h.Client.GetAsync("/approvals/some-token");
        approvals.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the approval page answers without a key, and refuses a malformed link");
        (await approvals.Content.ReadAsStringAsync()).Should().Contain("approval link is not valid");
    }

    [Fact]
    public async Task NoApiKey_EverythingServed()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.CallAsync("ListStateMachines")).Status.Should().Be(200);
        (await h.Client.GetAsync("/console/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
