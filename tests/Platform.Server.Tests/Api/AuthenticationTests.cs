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
    public async Task ApiKeyConfigured_ConsoleFilesServedWithoutKey_ItsDataNeedsIt_ApprovalsExempt()
    {
        await using var h = await ServerHarness.StartAsync(WithKey);
        // The page must load to ask for the key; its files hold no data.
        (await h.Client.GetAsync("/console/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await h.Client.GetAsync("/console/app.js")).StatusCode.Should().Be(HttpStatusCode.OK);

        string graph = "/console/api/graph?stateMachineArn=" + Uri.EscapeDataString(ServerHarness.MachineArn("any"));
        var refused = await h.Client.GetAsync(graph);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("AccessDeniedException").And.Contain("no API key");
        using var withKey = new HttpRequestMessage(HttpMethod.Get, graph);
        withKey.Headers.Add("X-Api-Key", "s3cret");
        (await (await h.Client.SendAsync(withKey)).Content.ReadAsStringAsync()).Should().Contain("StateMachineDoesNotExist", "the key lets the request through");

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
