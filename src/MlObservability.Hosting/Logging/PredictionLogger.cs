using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlObservability.Concurrency;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Logging;

/// <summary>
/// Structured, sampled prediction logging through <see cref="ILogger"/> (category
/// <c>MlObservability.Hosting.Logging.PredictionLogger</c>, event ids 1 and 2). One prediction in
/// 1/<see cref="PredictionLoggingOptions.SampleRate"/> is logged (deterministically: every n-th); feature values are written
/// only with the explicit opt-in <see cref="PredictionLoggingOptions.IncludeFeatures"/>, because they may be personal data.
/// </summary>
/// <remarks>
/// A prediction that is not sampled costs one increment of a counter on the calling thread's own cache line (threads
/// count offers in stripes picked by managed thread id, so request threads do not contend on one counter) and allocates
/// nothing; the logger's level is checked only for a sampled prediction. The every-n-th rule holds per stripe: exactly
/// for a single thread, and to within one prediction per stripe across threads.
/// </remarks>
public sealed class PredictionLogger
{
    private const int StripeLongs = 16; // 128 bytes: a stripe never shares a cache line (or its adjacent-line prefetch) with another
    private readonly ILogger _logger;
    private readonly PredictionLoggingOptions _options;
    private readonly long[] _offered;
    private readonly int _stripeMask;
    private long _logged;

    /// <summary>Creates the logger.</summary>
    /// <param name="logger">The destination.</param>
    /// <param name="options">The monitoring options (their <see cref="MlMonitoringOptions.PredictionLogging"/> part is used).</param>
    public PredictionLogger(ILogger<PredictionLogger> logger, IOptions<MlMonitoringOptions> options)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _options = options.Value.PredictionLogging;
        var stripes = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));
        _stripeMask = stripes - 1;
        _offered = new long[(stripes + 1) * StripeLongs];
    }

    /// <summary>Predictions offered for logging while it is enabled.</summary>
    public long Seen
    {
        get
        {
            long total = 0;
            for (var stripe = 0; stripe <= _stripeMask; stripe++)
            {
                total += Volatile.Read(ref _offered[(stripe + 1) * StripeLongs]);
            }

            return total;
        }
    }

    /// <summary>Predictions actually logged.</summary>
    public long Logged => Interlocked.Read(ref _logged);

    /// <summary>Offers a classification by class index for logging.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version.</param>
    /// <param name="predictedClass">The predicted class index.</param>
    /// <param name="confidence">The confidence of the prediction.</param>
    /// <param name="durationSeconds">How long the inference took, in seconds.</param>
    /// <param name="features">The feature row; written only when <see cref="PredictionLoggingOptions.IncludeFeatures"/> is on.</param>
    /// <param name="requestId">The request id, if any.</param>
    /// <returns>Whether the prediction was logged.</returns>
    public bool LogPrediction(string modelName, string modelVersion, int predictedClass, double confidence, double durationSeconds, ReadOnlySpan<float> features = default, string? requestId = null)
    {
        if (!Sample())
        {
            return false;
        }

        Write(modelName, modelVersion, predictedClass.ToString(CultureInfo.InvariantCulture), confidence, durationSeconds, features, requestId);
        return true;
    }

    /// <summary>Offers a prediction by label (or a formatted regression value) for logging.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version.</param>
    /// <param name="prediction">The predicted label or value.</param>
    /// <param name="confidence">The confidence of the prediction (NaN for regression).</param>
    /// <param name="durationSeconds">How long the inference took, in seconds.</param>
    /// <param name="features">The feature row; written only when <see cref="PredictionLoggingOptions.IncludeFeatures"/> is on.</param>
    /// <param name="requestId">The request id, if any.</param>
    /// <returns>Whether the prediction was logged.</returns>
    public bool LogPrediction(string modelName, string modelVersion, string prediction, double confidence, double durationSeconds, ReadOnlySpan<float> features = default, string? requestId = null)
    {
        if (!Sample())
        {
            return false;
        }

        Write(modelName, modelVersion, prediction, confidence, durationSeconds, features, requestId);
        return true;
    }

    /// <summary>Offers a regression value for logging; the value is formatted only when the prediction is sampled.</summary>
    internal bool LogRegression(string modelName, string modelVersion, double value, double durationSeconds, string? requestId)
    {
        if (!Sample())
        {
            return false;
        }

        Write(modelName, modelVersion, value.ToString("R", CultureInfo.InvariantCulture), double.NaN, durationSeconds, default, requestId);
        return true;
    }

    private bool Sample()
    {
        if (!_options.Enabled)
        {
            return false;
        }

        // The stripe's own counter: uncontended while each request thread has a stripe to itself.
        long n = Interlocked.Increment(ref _offered[((CurrentThread.Id & _stripeMask) + 1) * StripeLongs]);
        double rate = _options.SampleRate;
        if (!(rate > 0))
        {
            return false;
        }

        // Every n-th: the n-th offer is logged when floor(n * rate) steps up; the level is checked only then.
        return (rate >= 1 || Math.Floor(n * rate) > Math.Floor((n - 1) * rate)) && _logger.IsEnabled(LogLevel.Information);
    }

    private void Write(string modelName, string modelVersion, string prediction, double confidence, double durationSeconds, ReadOnlySpan<float> features, string? requestId)
    {
        Interlocked.Increment(ref _logged);
        double durationMs = durationSeconds * 1000;
        if (_options.IncludeFeatures && !features.IsEmpty)
        {
            string formatted = Format(features, _options.MaxLoggedFeatures);
            PredictionLog.PredictionWithFeatures(_logger, modelName, modelVersion, prediction, confidence, durationMs, requestId, formatted);
        }
        else
        {
            PredictionLog.Prediction(_logger, modelName, modelVersion, prediction, confidence, durationMs, requestId);
        }
    }

    private static string Format(ReadOnlySpan<float> features, int max)
    {
        var text = new StringBuilder("[");
        int shown = Math.Min(features.Length, max);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(features[i].ToString("R", CultureInfo.InvariantCulture));
        }

        if (shown < features.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(shown > 0 ? ", " : string.Empty)}... +{features.Length - shown} more");
        }

        return text.Append(']').ToString();
    }
}
