using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime.Tests.Diagnostics;

public class OnnxRuntimeEventSourceTests
{
    [Test]
    public void Event_ids_are_unique_and_match_their_methods() => EventSourceContract.Verify(OnnxRuntimeEventSource.Log);
}
