using System.Text;
using Platform.Engine.Tasks;

namespace Platform.Engine.Tests.Tasks;

public sealed class TaskTokensTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TaskTokens Tokens = new(Encoding.UTF8.GetBytes("a test key of at least thirty-two bytes!"));

    [Fact]
    public void A_token_names_its_execution_and_wait_until_it_expires()
    {
        string token = Tokens.Issue("arn:aws:states:us-east-1:123456789012:execution:M:e1", "task:7", Now.AddHours(1));

        var check = Tokens.Verify(token, Now);
        check.IsValid.Should().BeTrue(check.Reason);
        check.ExecutionId.Should().Be("arn:aws:states:us-east-1:123456789012:execution:M:e1");
        check.WaitId.Should().Be("task:7");
        check.ExpiresUtc.Should().Be(Now.AddHours(1));

        var late = Tokens.Verify(token, Now.AddHours(1));
        late.Status.Should().Be(TaskTokenStatus.Expired);
        late.Reason.Should().Be("the task token expired at 2026-11-21T13:00:00Z");
    }

    [Fact]
    public void Issuing_is_deterministic_so_a_replaying_orchestrator_gets_the_same_token() =>
        Tokens.Issue("e", "w", Now).Should().Be(Tokens.Issue("e", "w", Now));

    [Fact]
    public void An_altered_token_is_refused()
    {
        string token = Tokens.Issue("e1", "task:1", Now.AddDays(1));
        string otherWait = Tokens.Issue("e1", "task:2", Now.AddDays(1));

        // Swap the signed body of one token onto the signature of another.
        string spliced = otherWait[..otherWait.LastIndexOf('.')] + token[token.LastIndexOf('.')..];
        Tokens.Verify(spliced, Now).Reason.Should().Be("the task token's signature does not match: it was altered or forged");
        Tokens.Verify(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], Now).Status.Should().Be(TaskTokenStatus.Invalid);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var other = new TaskTokens(Encoding.UTF8.GetBytes("another key, also thirty-two bytes or more"));

        Tokens.Verify(other.Issue("e1", "w", Now.AddDays(1)), Now).Status.Should().Be(TaskTokenStatus.Invalid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("v1.@@@.@@@")]
    [InlineData("v2.YQ.YQ")]
    [InlineData("v1..")]
    public void Garbage_is_refused_with_a_reason(string? token)
    {
        var check = Tokens.Verify(token, Now);

        check.Status.Should().Be(TaskTokenStatus.Invalid);
        check.Reason.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void A_token_over_1024_characters_is_refused() =>
        Tokens.Verify("v1." + new string('A', 1100) + ".AA", Now).Reason.Should().Contain("over the limit of 1024");

    [Fact]
    public void A_short_key_is_refused()
    {
        var act = () => new TaskTokens(new byte[16]);

        act.Should().Throw<ArgumentException>().WithMessage("*32 bytes*");
    }
}
