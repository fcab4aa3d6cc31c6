using Microsoft.ML.OnnxRuntime.Tensors;
using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime.Capture;

/// <summary>
/// What feature and output capture share: the counters of captured rows and skipped runs, the one-time report of a
/// skip, and the dispatch of a <see cref="DenseTensor{T}"/> (the older tensor API) to the typed span capture.
/// </summary>
internal abstract class TensorCapture
{
    private readonly string _model;
    private readonly string _role;
    private readonly string _notDenseReason;
    private long _rows;
    private long _skipped;
    private int _reported;

    /// <param name="model">Model name for the skip report.</param>
    /// <param name="role">"feature" or "output": what the skip report says was skipped.</param>
    /// <param name="notDenseReason">The reason reported when a tensor is not a dense float or double tensor.</param>
    protected TensorCapture(string model, string role, string notDenseReason)
    {
        _model = model;
        _role = role;
        _notDenseReason = notDenseReason;
    }

    public long CapturedRows => Interlocked.Read(ref _rows);

    public long SkippedRuns => Interlocked.Read(ref _skipped);

    public void Capture(object? tensor, int batchSize, int firstRow, int every)
    {
        switch (tensor)
        {
            case DenseTensor<float> floats:
                Capture((ReadOnlySpan<float>)floats.Buffer.Span, batchSize, firstRow, every);
                break;
            case DenseTensor<double> doubles:
                Capture((ReadOnlySpan<double>)doubles.Buffer.Span, batchSize, firstRow, every);
                break;
            default:
                Skip(_notDenseReason);
                break;
        }
    }

    public void Skip(string reason)
    {
        Interlocked.Increment(ref _skipped);
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            OnnxRuntimeEventSource.Log.CaptureSkipped(_model, _role, reason);
        }
    }

    protected abstract void Capture(ReadOnlySpan<float> data, int batchSize, int firstRow, int every);

    protected abstract void Capture(ReadOnlySpan<double> data, int batchSize, int firstRow, int every);

    protected void AddCapturedRows(long rows) => Interlocked.Add(ref _rows, rows);
}
