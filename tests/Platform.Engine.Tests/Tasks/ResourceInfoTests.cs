using Platform.Engine.Tasks;

namespace Platform.Engine.Tests.Tasks;

public class ResourceInfoTests
{
    [Fact]
    public void Parse_LegacyLambdaArn_NamesTheFunction()
    {
        var info = ResourceInfo.Parse("arn:aws:lambda:eu-west-1:123456789012:function:CheckName:prod");
        info.Kind.Should().Be(ResourceKind.LambdaFunction);
        info.Name.Should().Be("CheckName");
        info.Region.Should().Be("eu-west-1");
    }

    [Theory]
    [InlineData("arn:aws:states:::lambda:invoke", "lambda", "invoke", IntegrationPattern.RequestResponse)]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken", "lambda", "invoke.waitForTaskToken", IntegrationPattern.WaitForTaskToken)]
    [InlineData("arn:aws:states:::states:startExecution.sync:2", "states", "startExecution.sync:2", IntegrationPattern.Sync)]
    [InlineData("arn:aws:states:::aws-sdk:s3:listBuckets", "aws-sdk:s3", "listBuckets", IntegrationPattern.RequestResponse)]
    public void Parse_Integrations_GiveAwsResourceTypeAndName(string resource, string type, string name, IntegrationPattern pattern)
    {
        var info = ResourceInfo.Parse(resource);
        info.Kind.Should().Be(ResourceKind.ServiceIntegration);
        info.ResourceType.Should().Be(type);
        info.ResourceName.Should().Be(name);
        info.Pattern.Should().Be(pattern);
    }

    [Theory]
    [InlineData("CheckName", "CheckName")]
    [InlineData("CheckName:live", "CheckName")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:CheckName", "CheckName")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:CheckName:$LATEST", "CheckName")]
    [InlineData("123456789012:function:CheckName", "CheckName")]
    public void FunctionNameOf_AnyLambdaNameForm_GivesTheName(string functionName, string expected)
    {
        ResourceInfo.FunctionNameOf(functionName).Should().Be(expected);
    }
}
