using Platform.Runtime.Registry;
using static Platform.Runtime.Tests.Registry.RegistryFixture;

namespace Platform.Runtime.Tests.Registry;

/// <summary>The registry survives reopening its file, and concurrent callers (threads, and two registries on one file) stay consistent.</summary>
public sealed class PersistenceAndConcurrencyTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Everything_survives_reopening_the_file()
    {
        string arn = _f.Create("m", publish: true);
        _f.Registry.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });
        _f.Registry.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass3, Publish = true, VersionDescription = "three" });
        _f.Registry.DeleteStateMachineVersion(arn + ":3");
        _f.Registry.CreateStateMachineAlias("live", [new(arn + ":1", 60), new(arn + ":2", 40)], "d");
        var before = _f.Registry.DescribeStateMachine(arn);

        var reopened = _f.Reopen();

        reopened.DescribeStateMachine(arn).Should().Be(before);
        reopened.DescribeStateMachineAlias(arn + ":live").RoutingConfiguration.Should().Equal(
            new RoutingConfigurationEntry(arn + ":1", 60), new RoutingConfigurationEntry(arn + ":2", 40));
        reopened.ListStateMachineVersions(arn).Items.Select(v => v.StateMachineVersionArn).Should().Equal(arn + ":2", arn + ":1");
        reopened.PublishStateMachineVersion(arn).StateMachineVersionArn.Should().Be(arn + ":4", "version 3 was deleted and is never reused");
        File.Exists(_f.DatabasePath + "-wal").Should().BeTrue("the file is in WAL mode");
    }

    [Fact]
    public async Task Parallel_creates_of_distinct_names_all_land()
    {
        using var second = _f.Open();
        var registries = new[] { _f.Registry, second };
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            registries[i % 2].CreateStateMachine(new CreateStateMachineRequest($"m{i:D2}", Pass, Role) { Publish = true }))));

        var all = _f.Registry.ListStateMachines(1000).Items;
        all.Select(i => i.Name).Should().Equal(Enumerable.Range(0, 40).Select(i => $"m{i:D2}"));
        foreach (var item in all)
        {
            _f.Registry.ListStateMachineVersions(item.StateMachineArn).Items.Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Parallel_creates_of_the_same_name_make_one_state_machine()
    {
        using var second = _f.Open();
        var registries = new[] { _f.Registry, second };
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            registries[i % 2].CreateStateMachine(new CreateStateMachineRequest("same", Pass, Role) { Publish = true }))));

        results.Distinct().Should().ContainSingle("identical creates are idempotent");
        results[0].StateMachineVersionArn.Should().Be(results[0].StateMachineArn + ":1");
        _f.Registry.ListStateMachines().Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Parallel_conflicting_creates_have_one_winner()
    {
        string[] definitions = [Pass, Pass2, Pass3];
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
        {
            try
            {
                _f.Registry.CreateStateMachine(new CreateStateMachineRequest("contested", definitions[i % 3], Role));
                return definitions[i % 3];
            }
            catch (RegistryException e) when (e.ErrorCode == RegistryErrorCodes.StateMachineAlreadyExists)
            {
                return null;
            }
        })));

        string winner = _f.Registry.DescribeStateMachine(_f.Registry.StateMachineArnFor("contested")).Definition;
        outcomes.Where(o => o is not null).Should().OnlyContain(o => o == winner);
        outcomes.Count(o => o is null).Should().Be(8);
    }

    [Fact]
    public async Task Parallel_publishes_and_updates_never_duplicate_a_version_number()
    {
        string arn = _f.Create("m");
        using var second = _f.Open();
        var registries = new[] { _f.Registry, second };
        var published = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
        {
            var registry = registries[i % 2];
            if (i % 3 == 0)
            {
                registry.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = i % 2 == 0 ? Pass2 : Pass3 });
            }

            return registry.PublishStateMachineVersion(arn).StateMachineVersionArn;
        })));

        var versions = _f.Registry.ListStateMachineVersions(arn).Items.Select(v => v.StateMachineVersionArn).ToList();
        versions.Should().OnlyHaveUniqueItems();
        published.Distinct().Should().BeSubsetOf(versions);
        var revisions = versions.Select(v => _f.Registry.DescribeStateMachine(v).RevisionId).ToList();
        revisions.Should().OnlyHaveUniqueItems("a revision is published at most once");
    }
}
