using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// Appends sampled predictions to a JSON-lines file (one object per line) for a labelling tool to import. The caller only
/// enqueues into a bounded queue; a background task writes and flushes. When the queue is full, predictions are dropped
/// and counted. Dispose to flush and close the file.
/// </summary>
/// <remarks>
/// Line format: <c>{"requestId":"r-1","model":"m","version":"1","kind":"classification","predictedClass":1,
/// "predictedLabel":"spam","confidence":0.93,"segment":"eu","timestamp":"2026-01-01T00:00:00.0000000+00:00"}</c>;
/// regression lines carry <c>"predictedValue"</c> instead of the class fields. Absent values are omitted.
/// </remarks>
public sealed class JsonLinesReviewSink : IReviewSink, IDisposable, IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };
    private readonly Channel<SampledPrediction> _queue;
    private readonly FileStream _file;
    private readonly Task _writer;
    private long _dropped;
    private long _written;
    private long _failed;
    private int _disposed;

    /// <summary>Opens (creating or appending to) a JSON-lines file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="capacity">Predictions queued at most before dropping, 1 to 10,000,000.</param>
    public JsonLinesReviewSink(string path, int capacity = 10_000)
    {
        Path = Guard.NotNullOrWhiteSpace(path);
        Guard.InRange(capacity, 1, 10_000_000);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
        _queue = Channel.CreateBounded<SampledPrediction>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <summary>Lines written to the file.</summary>
    public long WrittenCount => Interlocked.Read(ref _written);

    /// <summary>Predictions dropped because the queue was full or the sink closed.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Write failures (reported through self-diagnostics).</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    /// <inheritdoc/>
    public bool TryEnqueue(SampledPrediction prediction)
    {
        if (prediction is not null && _queue.Writer.TryWrite(prediction))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Writes what is queued, then closes the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _writer.GetAwaiter().GetResult();
            _file.Dispose();
        }
    }

    /// <summary>Writes what is queued, then closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            await _writer.ConfigureAwait(false);
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static void WriteLine(Utf8JsonWriter json, SampledPrediction p)
    {
        json.WriteStartObject();
        json.WriteString("requestId", p.RequestId);
        json.WriteString("model", p.ModelName);
        json.WriteString("version", p.ModelVersion);
        json.WriteString("kind", p.Kind == PredictionKind.Regression ? "regression" : "classification");
        if (p.Kind == PredictionKind.Classification)
        {
            json.WriteNumber("predictedClass", p.PredictedClass);
            if (p.PredictedLabel is not null)
            {
                json.WriteString("predictedLabel", p.PredictedLabel);
            }

            if (double.IsFinite(p.Confidence))
            {
                json.WriteNumber("confidence", p.Confidence);
            }
        }
        else if (double.IsFinite(p.PredictedValue))
        {
            json.WriteNumber("predictedValue", p.PredictedValue);
        }

        if (p.Segment is not null)
        {
            json.WriteString("segment", p.Segment);
        }

        json.WriteString("timestamp", p.Timestamp.ToString("O", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            int lines = 0;
            while (reader.TryRead(out var prediction))
            {
                json.Reset(buffer);
                WriteLine(json, prediction);
                json.Flush();
                buffer.Write("\n"u8);
                lines++;
            }

            try
            {
                await _file.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
                await _file.FlushAsync().ConfigureAwait(false);
                Interlocked.Add(ref _written, lines);
            }
#pragma warning disable CA1031 // a failing disk must not fault the writer: count, report and keep going
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Interlocked.Add(ref _failed, lines);
                MlObservabilityEventSource.Log.ReviewSinkWriteFailed(Path, ex.Message);
            }

            buffer.Clear();
        }
    }
}
