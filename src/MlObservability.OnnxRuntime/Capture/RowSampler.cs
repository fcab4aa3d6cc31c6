namespace MlObservability.OnnxRuntime.Capture;

/// <summary>
/// Picks one row in every <c>N</c>, counted across runs and threads, so that features and outputs of the same rows are
/// captured and a stream of batch-1 calls is sampled as evenly as one large batch.
/// </summary>
internal sealed class RowSampler(int every)
{
    private long _rows;

    public int Every { get; } = every;

    /// <summary>Reserves <paramref name="batchSize"/> rows and returns the index, within the batch, of the first one to capture.</summary>
    public int FirstCapturedRow(int batchSize)
    {
        if (Every == 1)
        {
            return 0;
        }

        long first = Interlocked.Add(ref _rows, batchSize) - batchSize;
        return (int)((Every - (first % Every)) % Every);
    }
}
