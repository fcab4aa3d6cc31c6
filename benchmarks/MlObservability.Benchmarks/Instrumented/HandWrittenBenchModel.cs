using System.Diagnostics;
using MlObservability.Inference;

namespace MlObservability.Benchmarks.Instrumented;

/// <summary>
/// The decorator a careful developer would write by hand: the same <see cref="InferenceMetrics"/> and span, try/catch
/// around the call, a synchronous fast path for completed value tasks.
/// </summary>
public sealed class HandWrittenBenchModel(IBenchModel inner) : IBenchModel
{
    private static readonly InferenceMetrics Sync = new("bench-handwritten", "1", "Predict");
    private static readonly InferenceMetrics Async = new("bench-handwritten", "1", "PredictAsync");

    public int Predict(int input)
    {
        var activity = MlTelemetry.ActivitySource.HasListeners() ? MlTelemetry.ActivitySource.StartActivity("bench-handwritten Predict") : null;
        long start = Sync.Start();
        try
        {
            int result = inner.Predict(input);
            Sync.RecordSuccess(start);
            return result;
        }
        catch (OperationCanceledException)
        {
            Sync.RecordCancelled(start);
            throw;
        }
        catch (Exception ex)
        {
            Sync.RecordError(start, ex.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            activity?.Stop();
        }
    }

    public async ValueTask<int> PredictAsync(int input)
    {
        var activity = MlTelemetry.ActivitySource.HasListeners() ? MlTelemetry.ActivitySource.StartActivity("bench-handwritten PredictAsync") : null;
        long start = Async.Start();
        try
        {
            int result = await inner.PredictAsync(input).ConfigureAwait(false);
            Async.RecordSuccess(start);
            return result;
        }
        catch (OperationCanceledException)
        {
            Async.RecordCancelled(start);
            throw;
        }
        catch (Exception ex)
        {
            Async.RecordError(start, ex.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            activity?.Stop();
        }
    }
}
