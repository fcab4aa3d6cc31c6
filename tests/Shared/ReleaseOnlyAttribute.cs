using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace MlObservability.Tests.Shared;

/// <summary>
/// Marks a test whose claim holds only for optimised code, such as "allocates nothing": in a Debug build the JIT keeps
/// locals alive, async state machines are classes and inlining is off, so a zero-allocation assertion fails there for
/// reasons that are not the library's. Skipped (with the reason) when the test project is built in Debug; runs in Release,
/// which is what <c>.ci/run</c> and the README's <c>dotnet test -c Release</c> use.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
internal sealed class ReleaseOnlyAttribute : NUnitAttribute, IApplyToTest
{
    /// <param name="reason">Why the claim needs optimised code.</param>
    public ReleaseOnlyAttribute(string reason) => Reason = reason;

    public string Reason { get; }

    public void ApplyToTest(Test test)
    {
#if DEBUG
        if (test.RunState != RunState.NotRunnable)
        {
            test.RunState = RunState.Ignored;
            test.Properties.Set(PropertyNames.SkipReason, "Release only (Debug build): " + Reason);
        }
#else
        _ = test;
#endif
    }
}
