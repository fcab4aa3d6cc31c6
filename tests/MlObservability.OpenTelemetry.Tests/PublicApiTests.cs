using MlObservability.Tests.Shared;

namespace MlObservability.OpenTelemetry.Tests;

public sealed class PublicApiTests
{
    [Test]
    public void Public_api_matches_the_approved_file() => PublicApiApprover.Approve(typeof(MlObservability.OpenTelemetry.MlMonitoringTelemetry).Assembly);
}
