using MlObservability.Diagnostics;

namespace MlObservability.Tests.Diagnostics;

public class MlObservabilityEventSourceTests
{
    [Test]
    public void Event_ids_are_unique_and_match_their_methods() => EventSourceContract.Verify(MlObservabilityEventSource.Log);
}
