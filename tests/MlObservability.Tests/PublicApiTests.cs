using MlObservability.Tests.Shared;

namespace MlObservability.Tests;

public sealed class PublicApiTests
{
    [Test]
    public void Public_api_matches_the_approved_file() => PublicApiApprover.Approve(typeof(MlTelemetry).Assembly);
}
