using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using MlObservability.Inference;

namespace MlObservability.Benchmarks.Instrumented;

/// <summary>
/// The reflection-based alternative: a <see cref="DispatchProxy"/> that measures every call. It boxes arguments and
/// results into an object[] per call, and it emits code at run time, so it is neither trimming- nor Native-AOT-safe
/// (the reason [Instrumented] is a source generator). It records when the method returns, so for a value task it does
/// not wait for completion (a real proxy would need per-call continuations, which cost more); fine for completed ones.
/// </summary>
public class DispatchProxyBenchModel : DispatchProxy
{
    private static readonly InferenceMetrics Metrics = new("bench-dispatchproxy", "1", "Predict");

    private IBenchModel _inner = null!;

    [RequiresDynamicCode("DispatchProxy emits code at run time.")]
    [RequiresUnreferencedCode("DispatchProxy uses reflection.")]
    public static IBenchModel Wrap(IBenchModel inner)
    {
        var proxy = Create<IBenchModel, DispatchProxyBenchModel>();
        ((DispatchProxyBenchModel)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        long start = Metrics.Start();
        try
        {
            object? result = targetMethod!.Invoke(_inner, args);
            Metrics.RecordSuccess(start);
            return result;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            Metrics.RecordError(start, inner.GetType().Name);
            throw;
        }
    }
}
