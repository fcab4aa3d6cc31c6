using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <content>The background evaluation: rolling metrics, label-free estimate, decay events.</content>
public sealed partial class QualityMonitor
{
    /// <summary>
    /// Expires old pending predictions, recomputes the rolling metrics (last N, time window, per segment), the label-free
    /// estimate and the decay findings, refreshes the gauges and publishes one <c>quality.decay</c> event per finding
    /// (severity none included, so alerts resolve). Never throws.
    /// </summary>
    /// <param name="now">The evaluation time.</param>
    public void Evaluate(DateTimeOffset now)
    {
        try
        {
            var report = BuildReport(now);
            Volatile.Write(ref _report, report);
            Publish(report);
        }
#pragma warning disable CA1031 // background evaluation reports its failures instead of throwing into the host
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MlObservabilityEventSource.Log.BackgroundFailure(EvaluatorName, ex);
        }
    }

    /// <summary>Runs <see cref="Evaluate"/> at the monitor's clock's current time and returns the report.</summary>
    /// <returns>The new report.</returns>
    public QualityReport EvaluateNow()
    {
        Evaluate(_time.GetUtcNow());
        return LatestReport;
    }

    private QualityReport BuildReport(DateTimeOffset now)
    {
        _pending.Sweep(now);
        var all = _labelled.ToArray();
        long windowStart = now.UtcTicks - _options.MetricsTimeWindow.Ticks;
        var classified = all.Where(l => l.Kind == PredictionKind.Classification).ToArray();
        var regressed = all.Where(l => l.Kind == PredictionKind.Regression).ToArray();
        var lastClassified = classified.AsSpan(Math.Max(0, classified.Length - _options.RollingWindowSize));
        var lastRegressed = regressed.AsSpan(Math.Max(0, regressed.Length - _options.RollingWindowSize));

        var segments = new Dictionary<string, ClassificationReport>(StringComparer.Ordinal);
        foreach (var group in lastClassified.ToArray().Where(l => l.Segment >= 0).GroupBy(l => l.Segment))
        {
            segments[SegmentName(group.Key)!] = Classify(group.ToArray());
        }

        var regressionSegments = new Dictionary<string, RegressionReport>(StringComparer.Ordinal);
        foreach (var group in lastRegressed.ToArray().Where(l => l.Segment >= 0).GroupBy(l => l.Segment))
        {
            regressionSegments[SegmentName(group.Key)!] = Regress(group.ToArray());
        }

        var recent = _recent.Snapshot();
        long recentTotal = RecentTotalOf(recent);
        double estimate = _calibration.Estimate(
            recent.AsSpan(RecentBinCounts, ClassificationMetricsCalculator.CalibrationBins),
            recent.AsSpan(RecentBinSums, ClassificationMetricsCalculator.CalibrationBins));

        var classification = Classify(lastClassified);
        var regression = Regress(lastRegressed);
        var findings = new List<DecayFinding>();
        if (_detector is not null)
        {
            if (classified.Length > 0 || recentTotal > 0)
            {
                findings.AddRange(_detector.Evaluate(classification));
                foreach (var (segment, segmentReport) in segments)
                {
                    findings.AddRange(_detector.Evaluate(segmentReport, segment).Where(f => f.Metric == "accuracy"));
                }

                if (_detector.EvaluateEstimate(estimate, recentTotal) is { } estimated)
                {
                    findings.Add(estimated);
                }
            }

            if (regressed.Length > 0 && _detector.Evaluate(regression) is { } mae)
            {
                findings.Add(mae);
                foreach (var (segment, segmentReport) in regressionSegments)
                {
                    findings.Add(_detector.Evaluate(segmentReport, segment)!);
                }
            }
        }

        return new QualityReport
        {
            Timestamp = now,
            Classification = classification,
            ClassificationTimeWindow = Classify(classified.Where(l => l.TimestampTicks >= windowStart).ToArray()),
            Segments = segments,
            Regression = regression,
            RegressionTimeWindow = Regress(regressed.Where(l => l.TimestampTicks >= windowStart).ToArray()),
            RegressionSegments = regressionSegments,
            EstimatedAccuracy = estimate,
            RecentPredictions = recentTotal,
            LowConfidenceShare = recentTotal == 0 ? double.NaN : (double)recent[RecentLow] / recentTotal,
            Findings = findings,
        };
    }

    private ClassificationReport Classify(ReadOnlySpan<LabelledPrediction> items)
    {
        var truth = new int[items.Length];
        var predicted = new int[items.Length];
        var confidence = new double[items.Length];
        double[]?[]? probabilities = null;
        for (int i = 0; i < items.Length; i++)
        {
            truth[i] = items[i].TrueClass;
            predicted[i] = items[i].PredictedClass;
            confidence[i] = items[i].Confidence;
            if (items[i].Probabilities is { } vector)
            {
                probabilities ??= new double[]?[items.Length];
                probabilities[i] = vector;
            }
        }

        return ClassificationMetricsCalculator.Compute(truth, predicted, confidence, probabilities, _configuredLabels.Length, _classSlots, ClassLabelOf);
    }

    private static RegressionReport Regress(ReadOnlySpan<LabelledPrediction> items)
    {
        var truth = new double[items.Length];
        var predicted = new double[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            truth[i] = items[i].TrueValue;
            predicted[i] = items[i].PredictedValue;
        }

        return RegressionMetricsCalculator.Compute(truth, predicted);
    }

    private void Publish(QualityReport report)
    {
        foreach (var finding in report.Findings)
        {
            if (finding.Severity >= Severity.Warning)
            {
                MlObservabilityEventSource.Log.QualityDecayDetected(ModelName, finding.Metric, finding.Segment ?? string.Empty, finding.Current, finding.Baseline);
            }

            if (_eventSink is null || !_eventSink.Accepts(DecayEventKind, ModelName, finding.Severity))
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["metric"] = finding.Metric };
            if (finding.Segment is not null)
            {
                labels["segment"] = finding.Segment;
            }

            bool increaseIsBad = finding.Metric == "mae";
            try
            {
                _eventSink.Publish(new MonitoringEvent
                {
                    Kind = DecayEventKind,
                    ModelName = ModelName,
                    ModelVersion = ModelVersion,
                    Severity = finding.Severity,
                    Value = finding.Current,
                    Threshold = increaseIsBad ? finding.Baseline * (1 + finding.Threshold) : finding.Baseline - finding.Threshold,
                    Labels = labels,
                    Summary = finding.Summary,
                    Timestamp = report.Timestamp,
                });
            }
#pragma warning disable CA1031 // a failing sink must not stop the other events
            catch (Exception ex)
#pragma warning restore CA1031
            {
                MlObservabilityEventSource.Log.QualityEventSinkFailed(ModelName, ex.Message);
            }
        }
    }
}
