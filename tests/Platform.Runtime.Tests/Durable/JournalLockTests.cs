using Platform.Engine.Tasks;
using Platform.Runtime.Durable;

namespace Platform.Runtime.Tests.Durable;

/// <summary>One journal, one host: a second host on the same file would run the same executions again.</summary>
public class JournalLockTests
{
    [Fact]
    public async Task A_second_host_on_an_open_journal_is_refused_and_may_open_it_once_the_first_closes()
    {
        using var fixture = new DurableFixture();
        var options = new DurableHostOptions { DatabasePath = fixture.DatabasePath, TimeProvider = fixture.Clock, FullSync = false };
        var first = new DurableHost(new TaskHandlerRegistry(), options);

        var second = () => new DurableHost(new TaskHandlerRegistry(), options);
        second.Should().Throw<JournalInUseException>()
            .Which.Message.Should().Contain(fixture.DatabasePath).And.Contain("in use").And.Contain("another data folder");

        await first.DisposeAsync();
        await using var third = new DurableHost(new TaskHandlerRegistry(), options);
        third.GetExecution("none").Should().BeNull();
    }
}
