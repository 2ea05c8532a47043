using Platform.Server.Hosting;

namespace Platform.Server.Tests;

public class RandomIdsTests
{
    [Fact]
    public void NewGuid_IsVersion4_Variant10_AndUnique()
    {
        var seen = new HashSet<Guid>();
        for (int i = 0; i < 1000; i++)
        {
            var guid = RandomIds.NewGuid();
            string text = guid.ToString();
            text[14].Should().Be('4', "the version nibble of {0}", text);
            text[19].Should().BeOneOf('8', '9', 'a', 'b');
            seen.Add(guid).Should().BeTrue("a repeated id: {0}", text);
        }
    }

    [Fact]
    public void NewGuid_OnManyThreads_NeverRepeats()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 500; i++)
            {
                ids.Add(RandomIds.NewGuid());
            }
        });

        ids.Distinct().Should().HaveCount(4000);
    }
}
