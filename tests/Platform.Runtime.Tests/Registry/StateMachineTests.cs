using Platform.Runtime.Registry;
using static Platform.Runtime.Tests.Registry.RegistryFixture;

namespace Platform.Runtime.Tests.Registry;

/// <summary>CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines and DeleteStateMachine.</summary>
public sealed class StateMachineTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    private StateMachineRegistry R => _f.Registry;

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Create_stores_the_definition_as_given_and_describe_returns_it()
    {
        const string text = "{ \"StartAt\" : \"A\",\n  \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}} }";
        var created = R.CreateStateMachine(new CreateStateMachineRequest("orders", text, Role) { Type = StateMachineType.Express });

        created.StateMachineArn.Should().Be("arn:aws:states:us-east-1:123456789012:stateMachine:orders");
        created.CreationDate.Should().Be(_f.Clock.GetUtcNow());
        created.StateMachineVersionArn.Should().BeNull();

        var described = R.DescribeStateMachine(created.StateMachineArn);
        described.Definition.Should().Be(text);
        described.Name.Should().Be("orders");
        described.Type.Should().Be(StateMachineType.Express);
        described.RoleArn.Should().Be(Role);
        described.Status.Should().Be(StateMachineStatus.Active);
        described.CreationDate.Should().Be(created.CreationDate);
        described.UpdateDate.Should().BeNull();
        described.RevisionId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Region_and_account_come_from_the_options()
    {
        using var registry = new StateMachineRegistry(new StateMachineRegistryOptions
        {
            DatabasePath = Path.Combine(_f.Directory, "eu.db"),
            Region = "eu-west-3",
            AccountId = "000011112222",
        });
        var arn = registry.CreateStateMachine(new CreateStateMachineRequest("m", Pass, Role) { Publish = true });
        arn.StateMachineArn.Should().Be("arn:aws:states:eu-west-3:000011112222:stateMachine:m");
        arn.StateMachineVersionArn.Should().Be("arn:aws:states:eu-west-3:000011112222:stateMachine:m:1");
    }

    [Fact]
    public void Create_with_publish_creates_version_1()
    {
        var created = R.CreateStateMachine(new CreateStateMachineRequest("m", Pass, Role) { Publish = true, VersionDescription = "first" });
        created.StateMachineVersionArn.Should().Be(created.StateMachineArn + ":1");
        R.DescribeStateMachine(created.StateMachineVersionArn!).Description.Should().Be("first");
    }

    [Fact]
    public void Creating_the_same_state_machine_again_is_idempotent()
    {
        var first = R.CreateStateMachine(new CreateStateMachineRequest("m", Pass, Role));
        _f.Advance(TimeSpan.FromMinutes(5));
        var again = R.CreateStateMachine(new CreateStateMachineRequest("m", Pass, Role));
        again.Should().Be(first);
        var published = R.CreateStateMachine(new CreateStateMachineRequest("m", Pass, Role) { Publish = true });
        published.StateMachineVersionArn.Should().Be(first.StateMachineArn + ":1");
        R.ListStateMachines().Items.Should().ContainSingle();
    }

    [Theory]
    [InlineData(Pass2, StateMachineType.Standard, Role)]
    [InlineData(Pass, StateMachineType.Express, Role)]
    [InlineData(Pass, StateMachineType.Standard, OtherRole)]
    public void Creating_an_existing_name_with_a_different_configuration_is_StateMachineAlreadyExists(string definition, StateMachineType type, string role)
    {
        _f.Create("m");
        Throws(() => R.CreateStateMachine(new CreateStateMachineRequest("m", definition, role) { Type = type }), RegistryErrorCodes.StateMachineAlreadyExists);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("ctl\u0001")]
    [InlineData("del\u007f")]
    [InlineData("a?")]
    [InlineData("a*")]
    [InlineData("a<")]
    [InlineData("a>")]
    [InlineData("a{")]
    [InlineData("a}")]
    [InlineData("a[")]
    [InlineData("a]")]
    [InlineData("a\"")]
    [InlineData("a#")]
    [InlineData("a%")]
    [InlineData("a\\")]
    [InlineData("a^")]
    [InlineData("a|")]
    [InlineData("a~")]
    [InlineData("a`")]
    [InlineData("a$")]
    [InlineData("a&")]
    [InlineData("a,")]
    [InlineData("a;")]
    [InlineData("a:")]
    [InlineData("a/")]
    public void Bad_names_are_InvalidName(string name) =>
        Throws(() => R.CreateStateMachine(new CreateStateMachineRequest(name, Pass, Role)), RegistryErrorCodes.InvalidName);

    [Fact]
    public void Names_are_limited_to_80_characters()
    {
        _f.Create(new string('n', 80));
        _f.Create("Ünïcode-機械_1.x(ok)");
        Throws(() => _f.Create(new string('n', 81)), RegistryErrorCodes.InvalidName);
    }

    [Fact]
    public void A_definition_that_does_not_validate_is_InvalidDefinition_with_every_error()
    {
        var error = R.Invoking(r => r.CreateStateMachine(new CreateStateMachineRequest(
            "m", """{"StartAt":"Nowhere","States":{"A":{"Type":"Pass"}}}""", Role))).Should().Throw<RegistryException>().Which;
        error.ErrorCode.Should().Be(RegistryErrorCodes.InvalidDefinition);
        error.Message.Should().Contain("/StartAt").And.Contain("/States/A");

        Throws(() => _f.Create("m", "{ not json"), RegistryErrorCodes.InvalidDefinition);
        Throws(() => _f.Create("m", string.Empty), RegistryErrorCodes.InvalidDefinition);
        R.ListStateMachines().Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("role")]
    [InlineData("arn:aws:iam")]
    public void A_bad_role_is_InvalidArn(string role) =>
        Throws(() => R.CreateStateMachine(new CreateStateMachineRequest("m", Pass, role)), RegistryErrorCodes.InvalidArn);

    [Theory]
    [InlineData("")]
    [InlineData("orders")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:orders")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:stateMachine:orders")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:orders:1:2")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:orders:")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:orders:0")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:bad name")]
    public void Malformed_arns_are_InvalidArn(string arn) =>
        Throws(() => R.DescribeStateMachine(arn), RegistryErrorCodes.InvalidArn);

    [Fact]
    public void Describing_a_missing_state_machine_is_StateMachineDoesNotExist()
    {
        Throws(() => R.DescribeStateMachine("arn:aws:states:us-east-1:123456789012:stateMachine:ghost"), RegistryErrorCodes.StateMachineDoesNotExist);
        _f.Create("m");
        Throws(() => R.DescribeStateMachine("arn:aws:states:eu-west-1:123456789012:stateMachine:m"), RegistryErrorCodes.StateMachineDoesNotExist);
        Throws(() => R.DescribeStateMachine("arn:aws:states:us-east-1:999999999999:stateMachine:m"), RegistryErrorCodes.StateMachineDoesNotExist);
    }

    [Fact]
    public void Describing_an_alias_arn_is_a_ValidationException() =>
        Throws(() => R.DescribeStateMachine(_f.Create("m") + ":live"), RegistryErrorCodes.ValidationException);

    [Fact]
    public void Update_changes_the_definition_and_makes_a_new_revision()
    {
        string arn = _f.Create("m");
        var before = R.DescribeStateMachine(arn);
        _f.Advance(TimeSpan.FromHours(1));

        var updated = R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2 });
        updated.UpdateDate.Should().Be(_f.Clock.GetUtcNow());
        updated.RevisionId.Should().NotBe(before.RevisionId);
        updated.StateMachineVersionArn.Should().BeNull();

        var after = R.DescribeStateMachine(arn);
        after.Definition.Should().Be(Pass2);
        after.RoleArn.Should().Be(Role);
        after.RevisionId.Should().Be(updated.RevisionId);
        after.UpdateDate.Should().Be(updated.UpdateDate);
        after.CreationDate.Should().Be(before.CreationDate);
    }

    [Fact]
    public void Update_of_the_role_only_keeps_the_definition()
    {
        string arn = _f.Create("m");
        var updated = R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { RoleArn = OtherRole });
        var after = R.DescribeStateMachine(arn);
        after.RoleArn.Should().Be(OtherRole);
        after.Definition.Should().Be(Pass);
        after.RevisionId.Should().Be(updated.RevisionId);
    }

    [Fact]
    public void Update_without_a_change_keeps_the_revision()
    {
        string arn = _f.Create("m");
        string revision = R.DescribeStateMachine(arn).RevisionId;
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass, RoleArn = Role }).RevisionId.Should().Be(revision);
    }

    [Fact]
    public void Update_with_publish_publishes_the_new_revision()
    {
        string arn = _f.Create("m", publish: true);
        var updated = R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true, VersionDescription = "two" });
        updated.StateMachineVersionArn.Should().Be(arn + ":2");
        var version = R.DescribeStateMachine(arn + ":2");
        version.Definition.Should().Be(Pass2);
        version.RevisionId.Should().Be(updated.RevisionId);
        version.Description.Should().Be("two");
        R.DescribeStateMachine(arn + ":1").Definition.Should().Be(Pass);
    }

    [Fact]
    public void Update_errors()
    {
        string arn = _f.Create("m");
        Throws(() => R.UpdateStateMachine(new UpdateStateMachineRequest(arn)), RegistryErrorCodes.ValidationException);
        Throws(() => R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = "{}" }), RegistryErrorCodes.InvalidDefinition);
        Throws(() => R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { RoleArn = "nope" }), RegistryErrorCodes.InvalidArn);
        Throws(() => R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, VersionDescription = "x" }), RegistryErrorCodes.ValidationException);
        Throws(() => R.UpdateStateMachine(new UpdateStateMachineRequest(arn + ":1") { Definition = Pass2 }), RegistryErrorCodes.ValidationException);
        Throws(() => R.UpdateStateMachine(new UpdateStateMachineRequest(arn + "x") { Definition = Pass2 }), RegistryErrorCodes.StateMachineDoesNotExist);
        Throws(() => R.UpdateStateMachine(new UpdateStateMachineRequest("nope") { Definition = Pass2 }), RegistryErrorCodes.InvalidArn);
        R.DescribeStateMachine(arn).Definition.Should().Be(Pass);
    }

    [Fact]
    public void Delete_removes_the_state_machine_its_versions_and_aliases()
    {
        string arn = _f.Create("m", publish: true);
        R.CreateStateMachineAlias("live", [new RoutingConfigurationEntry(arn + ":1", 100)]);
        _f.Create("other");

        R.DeleteStateMachine(arn);

        Throws(() => R.DescribeStateMachine(arn), RegistryErrorCodes.StateMachineDoesNotExist);
        Throws(() => R.DescribeStateMachine(arn + ":1"), RegistryErrorCodes.StateMachineDoesNotExist);
        Throws(() => R.DescribeStateMachineAlias(arn + ":live"), RegistryErrorCodes.ResourceNotFound);
        R.ListStateMachines().Items.Select(i => i.Name).Should().Equal("other");

        R.DeleteStateMachine(arn); // deleting a missing state machine succeeds, as in AWS
        string again = _f.Create("m", Pass2, publish: true);
        R.ListStateMachineVersions(again).Items.Select(v => v.StateMachineVersionArn).Should().Equal(arn + ":1");
        R.ListStateMachineAliases(again).Items.Should().BeEmpty();
    }

    [Fact]
    public void Delete_takes_an_unqualified_arn()
    {
        string arn = _f.Create("m", publish: true);
        Throws(() => R.DeleteStateMachine(arn + ":1"), RegistryErrorCodes.ValidationException);
        Throws(() => R.DeleteStateMachine("garbage"), RegistryErrorCodes.InvalidArn);
    }

    [Fact]
    public void List_is_ordered_by_name_and_paged()
    {
        foreach (string name in new[] { "e", "b", "d", "a", "c" })
        {
            _f.Create(name);
            _f.Advance(TimeSpan.FromSeconds(1));
        }

        var names = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var page = R.ListStateMachines(2, token);
            page.Items.Count.Should().BeLessThanOrEqualTo(2);
            names.AddRange(page.Items.Select(i => i.Name));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        names.Should().Equal("a", "b", "c", "d", "e");
        pages.Should().Be(3);
        var all = R.ListStateMachines();
        all.NextToken.Should().BeNull();
        all.Items.Should().HaveCount(5);
        all.Items[0].StateMachineArn.Should().Be(R.StateMachineArnFor("a"));
        R.ListStateMachines(5).NextToken.Should().BeNull();
        R.ListStateMachines(0).Items.Should().HaveCount(5);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void List_rejects_a_page_size_out_of_range(int size) =>
        Throws(() => R.ListStateMachines(size), RegistryErrorCodes.ValidationException);

    [Fact]
    public void List_rejects_a_token_it_did_not_issue()
    {
        string arn = _f.Create("m", publish: true);
        R.PublishStateMachineVersion(arn);
        R.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = Pass2, Publish = true });
        string versionsToken = R.ListStateMachineVersions(arn, 1).NextToken!;
        versionsToken.Should().NotBeNull();

        Throws(() => R.ListStateMachines(10, "not-a-token!"), RegistryErrorCodes.InvalidToken);
        Throws(() => R.ListStateMachines(10, string.Empty), RegistryErrorCodes.InvalidToken);
        Throws(() => R.ListStateMachines(10, versionsToken), RegistryErrorCodes.InvalidToken);
    }
}
