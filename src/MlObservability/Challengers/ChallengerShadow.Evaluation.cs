using System.Globalization;

namespace MlObservability.Challengers;

public sealed partial class ChallengerShadow<TInput>
{
    /// <inheritdoc/>
    public void Evaluate(DateTimeOffset now) => EvaluateNow(now);

    /// <summary>
    /// Expires old pairs, evaluates the challenger's quality monitor, compares the versions, refreshes the exported
    /// metrics and publishes <see cref="BetterEventKind"/> and <see cref="WorseEventKind"/> (severity None while they do
    /// not hold). Runs off the inference path.
    /// </summary>
    /// <param name="now">The evaluation time.</param>
    /// <returns>The comparison.</returns>
    public ChallengerComparisonReport EvaluateNow(DateTimeOffset now)
    {
        ExpirePairs();
        ChallengerQuality.Evaluate(now);
        var (bothCorrect, championOnly, challengerOnly, bothWrong) = _counters.Pairs();
        var mcNemar = McNemarTest.Test(championOnly, challengerOnly, _options.ExactBelow);
        long labelled = bothCorrect + bothWrong + championOnly + challengerOnly;
        var verdict = labelled < _options.MinimumLabelledPairs || mcNemar.PValue >= _options.SignificanceLevel || championOnly == challengerOnly
            ? ChallengerVerdict.Inconclusive
            : challengerOnly > championOnly ? ChallengerVerdict.Better : ChallengerVerdict.Worse;
        var report = new ChallengerComparisonReport
        {
            EvaluatedAt = now,
            Scored = _counters.Scored,
            Disagreements = _counters.Disagreements,
            BothCorrect = bothCorrect,
            BothWrong = bothWrong,
            McNemar = mcNemar,
            Verdict = verdict,
            ChampionLatency = ChallengerInstruments.QuantilesOf(_championLatency.Snapshot()),
            ChallengerLatency = ChallengerInstruments.QuantilesOf(_challengerLatency.Snapshot()),
        };
        _counters.Report = report;
        if (_events is { } events)
        {
            events.Publish(Event(BetterEventKind, verdict == ChallengerVerdict.Better ? Severity.Info : Severity.None, report, now));
            events.Publish(Event(WorseEventKind, verdict == ChallengerVerdict.Worse ? Severity.Warning : Severity.None, report, now));
        }

        return report;
    }

    private MonitoringEvent Event(string kind, Severity severity, ChallengerComparisonReport report, DateTimeOffset now) => new()
    {
        Kind = kind,
        ModelName = ModelName,
        ModelVersion = ChampionVersion,
        Severity = severity,
        Value = report.AccuracyDifference,
        Threshold = _options.SignificanceLevel,
        Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [ChallengerVersionLabel] = ChallengerVersion },
        Summary = string.Create(CultureInfo.InvariantCulture,
            $"Challenger {ChallengerVersion} vs {ChampionVersion}: accuracy {report.ChallengerAccuracy:0.####} vs {report.ChampionAccuracy:0.####} on {report.LabelledPairs} labelled pairs, McNemar p = {report.McNemar.PValue:0.####} ({report.Verdict})."),
        Timestamp = now,
    };

    private void ExpirePairs()
    {
        var ttl = _options.PendingTimeToLive;
        foreach (var entry in _pending)
        {
            if (_time.GetElapsedTime(entry.Value.CreatedTimestamp) > ttl && _pending.TryRemove(entry))
            {
                Interlocked.Decrement(ref _pendingCount);
                _counters.Drop(ShadowDropReason.PendingExpired);
            }
        }
    }
}
