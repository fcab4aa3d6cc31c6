using MlObservability.Hosting.Diagnostics;

namespace MlObservability.Hosting.Tests.Diagnostics;

public class HostingEventSourceTests
{
    [Test]
    public void Event_ids_are_unique_and_match_their_methods() => EventSourceContract.Verify(HostingEventSource.Log);
}
