using MlObservability.Tests.Shared;

namespace MlObservability.Redis.Tests;

public sealed class PublicApiTests
{
    [Test]
    public void Public_api_matches_the_approved_file() => PublicApiApprover.Approve(typeof(RedisPendingStore).Assembly);
}
