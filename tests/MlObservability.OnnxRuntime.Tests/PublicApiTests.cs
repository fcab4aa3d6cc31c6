using MlObservability.Tests.Shared;

namespace MlObservability.OnnxRuntime.Tests;

public sealed class PublicApiTests
{
    [Test]
    public void Public_api_matches_the_approved_file() => PublicApiApprover.Approve(typeof(MlObservability.OnnxRuntime.OnnxRuntimeTelemetry).Assembly);
}
