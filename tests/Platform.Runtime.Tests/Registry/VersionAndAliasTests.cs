using Platform.Runtime.Registry;
using static Platform.Runtime.Tests.Registry.RegistryFixture;

namespace Platform.Runtime.Tests.Registry;

/// <summary>PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion, the alias operations and Resolve.</summary>
public sealed class VersionAndAliasTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    private StateMachineRegistry R => _f.Registry;

    public void Dispose() => _f.Dispose();

    private static RoutingConfigurationEntry[] To(string versionArn) => [new(versionArn, 100)];

    [Fact]
    public void Publishing_numbers_versions_and_is_idempotent_for_the_same_revision()
    {
        string arn = _f.Create("m");
        var v1 = R.PublishStateMachineVersion(arn, description: "one");
        v1.StateMachineVersionArn.Should().Be(arn + ":1");
        v1.CreationDate.Should().Be(_f.Clock.GetUtcNow());

        _f.Advance(TimeSpan.FromMinutes(1));
        R.PublishStateMachineVersion(arn).Should().Be(v1);

        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2 });
        R.PublishStateMachineVersion(arn).StateMachineVersionArn.Should().Be(arn + ":2");

        var described = R.DescribeStateMachine(arn + ":1");
        described.StateMachineArn.Should().Be(arn + ":1");
        described.Definition.Should().Be(Pass);
        described.Description.Should().Be("one");
        described.CreationDate.Should().Be(v1.CreationDate);
    }

    [Fact]
    public void Publishing_a_stale_revision_is_a_ConflictException()
    {
        string arn = _f.Create("m");
        string first = R.DescribeStateMachine(arn).RevisionId;
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2 });
        Throws(() => R.PublishStateMachineVersion(arn, first), RegistryErrorCodes.ConflictException);
        string current = R.DescribeStateMachine(arn).RevisionId;
        R.PublishStateMachineVersion(arn, current).StateMachineVersionArn.Should().Be(arn + ":1");
        R.DescribeStateMachine(arn + ":1").RevisionId.Should().Be(current);
    }

    [Fact]
    public void Publish_errors()
    {
        string arn = _f.Create("m");
        Throws(() => R.PublishStateMachineVersion(arn + "x"), RegistryErrorCodes.StateMachineDoesNotExist);
        Throws(() => R.PublishStateMachineVersion(arn, description: new string('d', 257)), RegistryErrorCodes.ValidationException);
        Throws(() => R.PublishStateMachineVersion(arn + ":1"), RegistryErrorCodes.ValidationException);
        Throws(() => R.PublishStateMachineVersion("x"), RegistryErrorCodes.InvalidArn);
        R.PublishStateMachineVersion(arn, description: new string('d', 256)).StateMachineVersionArn.Should().EndWith(":1");
    }

    [Fact]
    public void Version_numbers_are_never_reused_after_deletes()
    {
        string arn = _f.Create("m", publish: true);
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });
        R.DeleteStateMachineVersion(arn + ":2");
        R.DeleteStateMachineVersion(arn + ":2"); // already gone: succeeds, as in AWS

        // The current revision's version is gone, so publishing makes a new one, numbered 3.
        R.PublishStateMachineVersion(arn).StateMachineVersionArn.Should().Be(arn + ":3");
        R.DeleteStateMachineVersion(arn + ":1");
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass3, Publish = true }).StateMachineVersionArn.Should().Be(arn + ":4");
        R.ListStateMachineVersions(arn).Items.Select(v => v.StateMachineVersionArn).Should().Equal(arn + ":4", arn + ":3");
        Throws(() => R.DescribeStateMachine(arn + ":2"), RegistryErrorCodes.StateMachineDoesNotExist);
    }

    [Fact]
    public void Versions_are_listed_newest_first_in_pages()
    {
        string arn = _f.Create("m", publish: true);
        foreach (string definition in new[] { Pass2, Pass3, Pass, Pass2 })
        {
            _f.Advance(TimeSpan.FromSeconds(1));
            R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = definition, Publish = true });
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = R.ListStateMachineVersions(arn, 2, token);
            seen.AddRange(page.Items.Select(v => v.StateMachineVersionArn));
            token = page.NextToken;
        }
        while (token is not null);

        seen.Should().Equal(Enumerable.Range(1, 5).Reverse().Select(n => $"{arn}:{n}"));
        var all = R.ListStateMachineVersions(arn).Items;
        all.Select(v => v.CreationDate).Should().BeInDescendingOrder();

        string other = _f.Create("other", publish: true);
        string token1 = R.ListStateMachineVersions(arn, 1).NextToken!;
        Throws(() => R.ListStateMachineVersions(other, 1, token1), RegistryErrorCodes.InvalidToken);
        Throws(() => R.ListStateMachineVersions(arn, 1001), RegistryErrorCodes.ValidationException);
        Throws(() => R.ListStateMachineVersions(arn + "x"), RegistryErrorCodes.StateMachineDoesNotExist);
    }

    [Fact]
    public void A_version_an_alias_routes_to_cannot_be_deleted()
    {
        string arn = _f.Create("m", publish: true);
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });
        R.CreateStateMachineAlias("live", [new(arn + ":1", 90), new(arn + ":2", 10)]);

        Throws(() => R.DeleteStateMachineVersion(arn + ":1"), RegistryErrorCodes.ConflictException);
        Throws(() => R.DeleteStateMachineVersion(arn + ":2"), RegistryErrorCodes.ConflictException);
        Throws(() => R.DeleteStateMachineVersion(arn), RegistryErrorCodes.ValidationException);
        Throws(() => R.DeleteStateMachineVersion(arn + ":live"), RegistryErrorCodes.ValidationException);

        R.UpdateStateMachineAlias(arn + ":live", To(arn + ":2"));
        R.DeleteStateMachineVersion(arn + ":1");
        R.DeleteStateMachineAlias(arn + ":live");
        R.DeleteStateMachineVersion(arn + ":2");
        R.ListStateMachineVersions(arn).Items.Should().BeEmpty();
    }

    [Fact]
    public void Aliases_are_created_described_listed_updated_and_deleted()
    {
        string arn = _f.Create("m", publish: true);
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });

        var created = R.CreateStateMachineAlias("live", To(arn + ":1"), "production");
        created.StateMachineAliasArn.Should().Be(arn + ":live");
        created.CreationDate.Should().Be(_f.Clock.GetUtcNow());

        var described = R.DescribeStateMachineAlias(arn + ":live");
        described.Name.Should().Be("live");
        described.Description.Should().Be("production");
        described.RoutingConfiguration.Should().Equal(new RoutingConfigurationEntry(arn + ":1", 100));
        described.UpdateDate.Should().BeNull();

        _f.Advance(TimeSpan.FromMinutes(3));
        var updateDate = R.UpdateStateMachineAlias(arn + ":live", [new(arn + ":2", 25), new(arn + ":1", 75)]);
        updateDate.Should().Be(_f.Clock.GetUtcNow());
        described = R.DescribeStateMachineAlias(arn + ":live");
        described.RoutingConfiguration.Should().Equal(new RoutingConfigurationEntry(arn + ":2", 25), new RoutingConfigurationEntry(arn + ":1", 75));
        described.Description.Should().Be("production");
        described.UpdateDate.Should().Be(updateDate);

        R.UpdateStateMachineAlias(arn + ":live", description: "prod");
        R.DescribeStateMachineAlias(arn + ":live").Description.Should().Be("prod");
        R.DescribeStateMachineAlias(arn + ":live").RoutingConfiguration.Should().HaveCount(2);

        R.CreateStateMachineAlias("beta", To(arn + ":2"));
        R.CreateStateMachineAlias("alpha", To(arn + ":2"));
        R.ListStateMachineAliases(arn).Items.Select(a => a.StateMachineAliasArn).Should().Equal(arn + ":alpha", arn + ":beta", arn + ":live");
        R.UpdateStateMachineAlias(arn + ":live", To(arn + ":1"));
        R.ListStateMachineAliases(arn + ":1").Items.Select(a => a.StateMachineAliasArn).Should().Equal(arn + ":live");
        R.ListStateMachineAliases(arn + ":2").Items.Select(a => a.StateMachineAliasArn).Should().Equal(arn + ":alpha", arn + ":beta");

        var first = R.ListStateMachineAliases(arn, 2);
        first.Items.Should().HaveCount(2);
        R.ListStateMachineAliases(arn, 2, first.NextToken).Items.Select(a => a.StateMachineAliasArn).Should().Equal(arn + ":live");

        R.DeleteStateMachineAlias(arn + ":beta");
        R.ListStateMachineAliases(arn).Items.Should().HaveCount(2);
        Throws(() => R.DescribeStateMachineAlias(arn + ":beta"), RegistryErrorCodes.ResourceNotFound);
    }

    [Fact]
    public void Creating_the_same_alias_again_is_idempotent_and_a_different_one_conflicts()
    {
        string arn = _f.Create("m", publish: true);
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });
        var first = R.CreateStateMachineAlias("live", To(arn + ":1"), "d");
        _f.Advance(TimeSpan.FromMinutes(1));
        R.CreateStateMachineAlias("live", To(arn + ":1"), "d").Should().Be(first);
        Throws(() => R.CreateStateMachineAlias("live", To(arn + ":2"), "d"), RegistryErrorCodes.ConflictException);
        Throws(() => R.CreateStateMachineAlias("live", To(arn + ":1"), "other"), RegistryErrorCodes.ConflictException);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a:b")]
    public void Bad_alias_names_are_InvalidName(string name)
    {
        string arn = _f.Create("m", publish: true);
        Throws(() => R.CreateStateMachineAlias(name, To(arn + ":1")), RegistryErrorCodes.InvalidName);
    }

    [Fact]
    public void Routing_configurations_are_validated()
    {
        string arn = _f.Create("m", publish: true);
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass3, Publish = true });
        string other = _f.Create("other", publish: true);
        const string v = RegistryErrorCodes.ValidationException;

        Throws(() => R.CreateStateMachineAlias("a", []), v);
        Throws(() => R.CreateStateMachineAlias("a", [new(arn + ":1", 50), new(arn + ":2", 25), new(arn + ":3", 25)]), v);
        Throws(() => R.CreateStateMachineAlias("a", [new(arn + ":1", 50), new(arn + ":2", 40)]), v);
        Throws(() => R.CreateStateMachineAlias("a", [new(arn + ":1", 101)]), v);
        Throws(() => R.CreateStateMachineAlias("a", [new(arn + ":1", 50)]), v);
        Throws(() => R.CreateStateMachineAlias("a", [new(arn + ":1", -1), new(arn + ":2", 101)]), v);
        Throws(() => R.CreateStateMachineAlias("a", [new(arn + ":1", 50), new(arn + ":1", 50)]), v);
        Throws(() => R.CreateStateMachineAlias("a", [new(arn + ":1", 50), new(other + ":1", 50)]), v);
        Throws(() => R.CreateStateMachineAlias("a", To(arn + ":9")), v);
        Throws(() => R.CreateStateMachineAlias("a", To(arn)), v);
        Throws(() => R.CreateStateMachineAlias("a", To("garbage")), RegistryErrorCodes.InvalidArn);
        Throws(() => R.CreateStateMachineAlias("a", To(arn + "x:1")), v);
        Throws(() => R.CreateStateMachineAlias("a", To(arn + ":1"), new string('d', 257)), v);

        R.CreateStateMachineAlias("a", [new(arn + ":1", 100), new(arn + ":2", 0)]);
        Throws(() => R.UpdateStateMachineAlias(arn + ":a", To(other + ":1")), v);
        Throws(() => R.UpdateStateMachineAlias(arn + ":a", To(arn + ":7")), v);
        Throws(() => R.UpdateStateMachineAlias(arn + ":a"), v);
        R.DescribeStateMachineAlias(arn + ":a").RoutingConfiguration.Should().HaveCount(2);
        R.ListStateMachineAliases(arn).Items.Should().ContainSingle();
    }

    [Fact]
    public void Missing_aliases_are_ResourceNotFound()
    {
        string arn = _f.Create("m", publish: true);
        Throws(() => R.DescribeStateMachineAlias(arn + ":ghost"), RegistryErrorCodes.ResourceNotFound);
        Throws(() => R.UpdateStateMachineAlias(arn + ":ghost", To(arn + ":1")), RegistryErrorCodes.ResourceNotFound);
        Throws(() => R.DeleteStateMachineAlias(arn + ":ghost"), RegistryErrorCodes.ResourceNotFound);
        Throws(() => R.DeleteStateMachineAlias(arn + "x:ghost"), RegistryErrorCodes.ResourceNotFound);
        Throws(() => R.Resolve(arn + ":ghost"), RegistryErrorCodes.ResourceNotFound);
        Throws(() => R.ListStateMachineAliases(arn + "x"), RegistryErrorCodes.ResourceNotFound);
        Throws(() => R.ListStateMachineAliases(arn + ":9"), RegistryErrorCodes.ResourceNotFound);
        Throws(() => R.DescribeStateMachineAlias(arn), RegistryErrorCodes.ValidationException);
        Throws(() => R.DescribeStateMachineAlias(arn + ":1"), RegistryErrorCodes.ValidationException);
        Throws(() => R.ListStateMachineAliases(arn + ":live"), RegistryErrorCodes.ValidationException);
    }

    [Fact]
    public void Resolve_runs_the_latest_revision_a_version_or_an_alias()
    {
        string arn = _f.Create("m", publish: true);
        string revision1 = R.DescribeStateMachine(arn).RevisionId;
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, RoleArn = OtherRole });

        var latest = R.Resolve(arn);
        latest.Should().Be(new ResolvedStateMachine(arn, null, null, Pass2, OtherRole, StateMachineType.Standard, R.DescribeStateMachine(arn).RevisionId));

        var version = R.Resolve(arn + ":1");
        version.Should().Be(new ResolvedStateMachine(arn, arn + ":1", null, Pass, Role, StateMachineType.Standard, revision1));

        R.CreateStateMachineAlias("live", To(arn + ":1"));
        R.Resolve(arn + ":live").Should().Be(version with { StateMachineAliasArn = arn + ":live" });

        Throws(() => R.Resolve(arn + ":5"), RegistryErrorCodes.StateMachineDoesNotExist);
        Throws(() => R.Resolve(arn + "x"), RegistryErrorCodes.StateMachineDoesNotExist);
        Throws(() => R.Resolve("arn:nope"), RegistryErrorCodes.InvalidArn);
    }

    [Fact]
    public void An_alias_routes_by_weight_with_the_injected_random_source()
    {
        string arn = _f.Create("m", publish: true);
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });
        R.CreateStateMachineAlias("canary", [new(arn + ":1", 70), new(arn + ":2", 30)]);

        _f.Samples(0.0, 0.5, 0.6999, 0.7, 0.85, 0.9999, 1.0);
        var picked = Enumerable.Range(0, 7).Select(_ => R.Resolve(arn + ":canary")).ToList();
        picked.Select(p => p.StateMachineVersionArn).Should().Equal(
            arn + ":1", arn + ":1", arn + ":1", arn + ":2", arn + ":2", arn + ":2", arn + ":2");
        picked.Select(p => p.Definition).Should().Equal(Pass, Pass, Pass, Pass2, Pass2, Pass2, Pass2);

        R.UpdateStateMachineAlias(arn + ":canary", [new(arn + ":1", 0), new(arn + ":2", 100)]);
        _f.Samples(0.0, 0.99);
        R.Resolve(arn + ":canary").StateMachineVersionArn.Should().Be(arn + ":2");
        R.Resolve(arn + ":canary").StateMachineVersionArn.Should().Be(arn + ":2");

        // Over many evenly spread samples, the split matches the weights exactly.
        R.UpdateStateMachineAlias(arn + ":canary", [new(arn + ":1", 25), new(arn + ":2", 75)]);
        _f.Samples([.. Enumerable.Range(0, 1000).Select(i => i / 1000.0)]);
        Enumerable.Range(0, 1000).Count(_ => R.Resolve(arn + ":canary").StateMachineVersionArn == arn + ":1").Should().Be(250);
    }
}
