using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Platform.Functions.Functions;

namespace Platform.Functions.Tests;

public sealed class HousekeepingFunctionsTests
{
    [Fact]
    public async Task PurgeHistories_PartialPurge_RepeatsUntilComplete()
    {
        var durable = new Mock<DurableTaskClient>("test");
        durable.SetupSequence(c => c.PurgeAllInstancesAsync(It.IsAny<PurgeInstancesFilter>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PurgeResult(100, false))
            .ReturnsAsync(new PurgeResult(7, true));

        await new HousekeepingFunctions(TestPlatform.Create(), NullLogger<HousekeepingFunctions>.Instance).PurgeHistories(new TimerInfo(), durable.Object, CancellationToken.None);

        durable.Verify(c => c.PurgeAllInstancesAsync(It.IsAny<PurgeInstancesFilter>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
