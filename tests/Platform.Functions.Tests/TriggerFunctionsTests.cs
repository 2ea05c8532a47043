using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Platform.Functions.Functions;

namespace Platform.Functions.Tests;

public sealed class TriggerFunctionsTests
{
    private readonly Mock<DurableTaskClient> _durable = new("test");
    private readonly Mock<ServiceBusMessageActions> _actions = new();
    private readonly TriggerFunctions _functions = new(TestPlatform.Create(("hello", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""")), NullLogger<TriggerFunctions>.Instance);

    [Fact]
    public async Task OnMessage_RoutedMessage_StartsOnceAndCompletes()
    {
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("id");
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("""{"job":1}"""), messageId: "m-1");

        await _functions.OnMessage(message, "m-1", _actions.Object, _durable.Object, CancellationToken.None);

        _durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task OnMessage_ForgedToken_DeadLettersWithTheReason()
    {
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("""{"taskToken":"v1.x.y","output":1}"""), messageId: "m-2");

        await _functions.OnMessage(message, "m-2", _actions.Object, _durable.Object, CancellationToken.None);

        _actions.Verify(a => a.DeadLetterMessageAsync(message, null, "InvalidToken", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task OnMessage_ClientFails_AbandonsForRedelivery()
    {
        _durable.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage down"));
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("""{"job":1}"""), messageId: "m-3");

        await _functions.OnMessage(message, "m-3", _actions.Object, _durable.Object, CancellationToken.None);

        _actions.Verify(a => a.AbandonMessageAsync(message, null, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }
}
