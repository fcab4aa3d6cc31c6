using System.Diagnostics;
using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>Off the hot path: takes due windows, runs the tests, publishes results.</summary>
public sealed partial class DriftMonitor
{
    private readonly object _evaluationGate = new();
    private readonly List<WindowSegment> _segments = [];
    private readonly DoubleRadixSort _sorter = new();
    private readonly FeatureChannel[] _featureChannels;
    private double[]? _classValues;
    private double _scoreMin = double.NaN;
    private double _scoreMax = double.NaN;
    private double[] _scratch;
    private int[] _rankScratch = [];
    private FeatureChannel? _scoreChannel;
    private FeatureChannel? _classChannel;
    private FeatureChannel[] _scoreChannels = [];
    private FeatureChannel[] _classChannels = [];
    private DriftResultSlot[] _slots = [];
    private long _publishedResults;
    private PublishedResults _latest = new(0, []);

    /// <summary>The results of the most recent evaluated windows, one per feature (or output) and method. Evaluation
    /// keeps each result in its slot without allocating; the list is built when read after an evaluation (waiting for
    /// one in progress to finish), and the same list is returned until the next.</summary>
    public IReadOnlyList<FeatureDriftResult> LatestResults
    {
        get
        {
            var latest = Volatile.Read(ref _latest);
            if (latest.Version == Volatile.Read(ref _publishedResults))
            {
                return latest.Results;
            }

            lock (_evaluationGate)
            {
                var results = new List<FeatureDriftResult>();
                foreach (var slot in _slots)
                {
                    if (slot.PublishedFeature is { } feature)
                    {
                        results.Add(new FeatureDriftResult(
                            feature, slot.Method, slot.Score, slot.PValue, slot.PublishedSeverity, slot.PublishedThreshold, slot.PublishedSampleSize, slot.PublishedAt));
                    }
                }

                var published = new PublishedResults(_publishedResults, results.AsReadOnly());
                Volatile.Write(ref _latest, published);
                return published.Results;
            }
        }
    }

    internal DriftResultSlot[] ResultSlots => Volatile.Read(ref _slots);

    /// <summary>Evaluates every window that is due (a full tumbling window, or a sliding window whose newest slice has
    /// completed): runs the configured tests per feature, updates the instruments and publishes one event per feature
    /// and method. Never throws; failures go to self-diagnostics.</summary>
    /// <param name="now">The evaluation time, stamped on results and events.</param>
    public void Evaluate(DateTimeOffset now)
    {
        try
        {
            lock (_evaluationGate)
            {
                ReportRowWidth(now);
                var timestamp = _time.GetTimestamp();
                EvaluateWindow(_featureWindow, _featureChannels, now, timestamp);
                EnsurePredictionReferences();
                if (_scoreChannel is not null)
                {
                    EvaluateWindow(_scoreWindow, _scoreChannels, now, timestamp);
                }

                if (_classChannel is not null)
                {
                    EvaluateWindow(_classWindow, _classChannels, now, timestamp);
                }
            }
        }
        catch (Exception e)
        {
            MlObservabilityEventSource.Log.BackgroundFailure(EvaluatorName, e);
        }
    }

    private void EvaluateWindow(DriftWindow window, FeatureChannel[] channels, DateTimeOffset now, long timestamp)
    {
        // A window that filled while this one was evaluated is evaluated next, at most twice per call: the window keeps
        // two buffers, so more cannot be due.
        for (var pass = 0; pass < 2; pass++)
        {
            _segments.Clear();
            var rows = window.TakeDue(timestamp, _segments);
            if (rows == 0)
            {
                return;
            }

            bool anotherDue;
            try
            {
                EvaluateSegments(window, channels, rows, now);
            }
            finally
            {
                anotherDue = window.Release();
            }

            if (!anotherDue)
            {
                return;
            }
        }
    }

    private void EvaluateSegments(DriftWindow window, FeatureChannel[] channels, int rows, DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _evaluatedRows, window == _featureWindow ? rows : 0);
        var minimum = _options.WindowKind == DriftWindowKind.TimeSliding ? _options.MinimumSamples : 1;
        for (var c = 0; c < channels.Length; c++)
        {
            var channel = channels[c];
            if (channel.IsEmpty)
            {
                continue;
            }

            var n = Gather(c, rows);
            if (n < minimum)
            {
                MlObservabilityEventSource.Log.DriftFeatureSkipped(EvaluatorName, channel.Name, n, minimum);
                continue;
            }

            var current = _scratch.AsSpan(0, n);
            if (channel.NeedsSortedWindow)
            {
                _sorter.Sort(current);
            }

            if (_rankScratch.Length < channel.ScratchLength)
            {
                _rankScratch = new int[channel.ScratchLength];
            }

            channel.Evaluate(current, _rankScratch);
            foreach (var slot in channel.Slots)
            {
                Publish(channel, slot, n, now);
            }
        }

        MlObservabilityEventSource.Log.DriftWindowEvaluated(EvaluatorName, rows, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private int Gather(int column, int rows)
    {
        if (_scratch.Length < rows)
        {
            _scratch = new double[rows];
        }

        var n = 0;
        foreach (var segment in _segments)
        {
            var buffer = segment.Buffer;
            for (int r = 0, i = column; r < segment.Count; r++, i += segment.Stride)
            {
                var v = buffer[i];
                if (!double.IsNaN(v))
                {
                    _scratch[n++] = v;
                }
            }
        }

        return n;
    }

    private void Publish(FeatureChannel channel, DriftResultSlot slot, int sampleSize, DateTimeOffset now)
    {
        var method = DriftMethodNames.Of(slot.Method);
        var threshold = slot.Thresholds.ThresholdOf(slot.Severity);
        if (slot.PublishedFeature is not null && slot.PublishedSeverity != slot.Severity)
        {
            MlObservabilityEventSource.Log.DriftSeverityChanged(EvaluatorName, method, channel.Name, slot.PublishedSeverity.ToString(), slot.Severity.ToString(), slot.Score);
        }

        slot.PublishedFeature = channel.Name;
        slot.PublishedSeverity = slot.Severity;
        slot.PublishedThreshold = threshold;
        slot.PublishedSampleSize = sampleSize;
        slot.PublishedAt = now;
        Volatile.Write(ref _publishedResults, _publishedResults + 1);
        if (_sink is null || !_sink.Accepts(channel.EventKind, _modelName, slot.Severity))
        {
            return;
        }

        var pText = double.IsNaN(slot.PValue) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", p = {slot.PValue:G3}");
        var subject = channel.EventKind == "drift.feature" ? $"Feature '{channel.Name}'" : $"Prediction {slot.Labels["output"]}";
        try
        {
            _sink.Publish(new MonitoringEvent
            {
                Kind = channel.EventKind,
                ModelName = _modelName,
                ModelVersion = _modelVersion,
                Severity = slot.Severity,
                Value = slot.Score,
                Threshold = threshold,
                Labels = slot.Labels,
                Summary = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{subject} of {_modelName} {method} = {slot.Score:F4}{pText} over {sampleSize} values: {slot.Severity.ToString().ToLowerInvariant()} (threshold {threshold})."),
                Timestamp = now,
            });
        }
        catch (Exception e)
        {
            MlObservabilityEventSource.Log.DriftSinkFailed(EvaluatorName, e.ToString());
        }
    }

    private void EnsurePredictionReferences()
    {
        var changed = false;
        if (_scoreChannel is null && _scoreReference?.TryGetComplete() is { } scores)
        {
            var profile = ProfileOf(ReferenceProfile.ScoreName, FeatureKind.Numeric, scores);
            _scoreChannel = new FeatureChannel(profile, _options.ScoreMethods, _options, "drift.prediction", "score", _baseTags);
            _scoreChannels = [_scoreChannel];
            _scoreMin = profile.Min;
            _scoreMax = profile.Max;
            MlObservabilityEventSource.Log.DriftPredictionReferenceCaptured(EvaluatorName, "score", scores.Length);
            changed = true;
        }

        if (_classChannel is null && _classReference?.TryGetComplete() is { } classes)
        {
            var profile = ProfileOf(ReferenceProfile.PredictedClassName, FeatureKind.Categorical, classes);
            _classChannel = new FeatureChannel(profile, _options.PredictedClassMethods, _options, "drift.prediction", "class", _baseTags);
            _classChannels = [_classChannel];
            Volatile.Write(ref _classValues, profile.CategoryValueArray);
            MlObservabilityEventSource.Log.DriftPredictionReferenceCaptured(EvaluatorName, "class", classes.Length);
            changed = true;
        }

        if (changed)
        {
            RebuildSlots();
        }
    }

    private static FeatureProfile ProfileOf(string name, FeatureKind kind, double[] values)
    {
        var builder = new FeatureProfileBuilder(name, kind, values.Length, 10_000, 1);
        foreach (var v in values)
        {
            builder.Add(v);
        }

        return builder.Build();
    }

    private void RebuildSlots()
    {
        var slots = new List<DriftResultSlot>();
        foreach (var channel in _featureChannels)
        {
            slots.AddRange(channel.Slots);
        }

        if (_scoreChannel is not null)
        {
            slots.AddRange(_scoreChannel.Slots);
        }

        if (_classChannel is not null)
        {
            slots.AddRange(_classChannel.Slots);
        }

        Volatile.Write(ref _slots, [.. slots]);
    }

    /// <summary>The list <see cref="LatestResults"/> built after <see cref="Version"/> results had been published.</summary>
    private sealed record PublishedResults(long Version, IReadOnlyList<FeatureDriftResult> Results);
}
