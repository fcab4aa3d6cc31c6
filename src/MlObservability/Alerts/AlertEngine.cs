using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using MlObservability.Alerts.Notifiers;
using MlObservability.Diagnostics;

namespace MlObservability.Alerts;

/// <summary>
/// Evaluates alert rules and runs their state machine: pending until the condition has held for the rule's
/// <c>for</c> duration, then firing, then resolved; deduplicates by label fingerprint, groups notifications, repeats
/// them while an alert keeps firing, and inhibits lower severities while a higher one fires for the same model.
/// </summary>
/// <remarks>
/// The engine is an <see cref="IMonitoringEventSink"/>: drift monitors, quality trackers and <see cref="Slo.SloTracker"/>s
/// publish their findings to it. It is an <see cref="IMonitoringEvaluator"/>: each <see cref="Evaluate"/> reads the
/// threshold and anomaly signals, advances every alert, and hands notifications to the
/// <see cref="NotificationDispatcher"/>, which delivers them in the background. Neither call blocks on a notifier.
/// <para>Event series (one per event kind and label set) are bounded in two budgets: the standard kinds of
/// <see cref="StandardEventKinds"/> (SLO burn, drift, quality decay) have their own
/// (<see cref="AlertEngineOptions.MaxStandardEventSeries"/>), so custom events can never starve them, and every other
/// kind shares <see cref="AlertEngineOptions.MaxEventSeries"/>. A series is kept only while it can hold a rule: an event
/// that no rule would fire on (cleared, below every rule's severity, a kind no rule watches) releases its series at
/// once, and a series whose latest event is older than <see cref="AlertEngineOptions.EventStaleAfter"/> is released at
/// the next evaluation. A new series that finds its budget full is dropped and counted
/// (<c>ml.alerts.events.dropped{reason}</c>).</para>
/// </remarks>
public sealed class AlertEngine : IMonitoringEventSink, IMonitoringEvaluator, IDisposable
{
    private readonly object _gate = new();
    private readonly AlertRule[] _rules;
    private readonly AlertEngineOptions _options;
    private readonly NotificationDispatcher? _dispatcher;
    private readonly Dictionary<string, EventObservation> _observations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertInstance> _alerts = new(StringComparer.Ordinal);
    private readonly (string Model, Severity Severity)[] _firingSeries;
    private Measurement<int>[] _firing;
    private long _droppedStandardSeries;
    private long _droppedCustomSeries;
    private int _standardSeries;
    private int _heldSeries; // _observations.Count, readable without the lock
    private long _notificationsProduced;
    private int _disposed;

    /// <summary>Creates an engine over <paramref name="rules"/>.</summary>
    /// <param name="rules">The rules; a name, severity and model combination may appear once.</param>
    /// <param name="options">Grouping, repeat, inhibition and clock settings; defaults when <see langword="null"/>.</param>
    /// <param name="dispatcher">Delivers notifications in the background; without one, notifications are only
    /// returned by <see cref="EvaluateRules"/>.</param>
    public AlertEngine(IEnumerable<AlertRule> rules, AlertEngineOptions? options = null, NotificationDispatcher? dispatcher = null)
    {
        _rules = Guard.NotNull(rules).ToArray();
        _options = options ?? new AlertEngineOptions();
        _options.Validate();
        _dispatcher = dispatcher;
        foreach (var rule in _rules)
        {
            Guard.NotNull(rule).Validate();
        }

        var duplicate = _rules.GroupBy(r => (r.Name, r.Severity, r.Model)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Alert rule '{duplicate.Key.Name}' ({duplicate.Key.Severity}, model {duplicate.Key.Model ?? "any"}) is defined twice.", nameof(rules));
        }

        _firingSeries = _rules.Select(r => (Model: r.Model ?? string.Empty, r.Severity)).Distinct().ToArray();
        _firing = CountFiring();
        AlertInstruments.Live.Add(this);
    }

    /// <inheritdoc/>
    public string EvaluatorName => "alerts";

    /// <summary>The rules.</summary>
    public IReadOnlyList<AlertRule> Rules => _rules;

    /// <summary>The event kinds the library's detectors publish (<c>slo.burn</c>, <c>drift.feature</c>,
    /// <c>drift.prediction</c>, <c>quality.decay</c>); their series have their own budget,
    /// <see cref="AlertEngineOptions.MaxStandardEventSeries"/>.</summary>
    public static IReadOnlySet<string> StandardEventKinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Slo.SloTags.BurnEventKind, "drift.feature", "drift.prediction", Quality.QualityMonitor.DecayEventKind,
    };

    /// <summary>New event series dropped because their budget was full, standard and custom together.</summary>
    public long DroppedEventSeries => Interlocked.Read(ref _droppedStandardSeries) + Interlocked.Read(ref _droppedCustomSeries);

    /// <summary>New series of <see cref="StandardEventKinds"/> dropped because
    /// <see cref="AlertEngineOptions.MaxStandardEventSeries"/> was reached.</summary>
    public long DroppedStandardEventSeries => Interlocked.Read(ref _droppedStandardSeries);

    /// <summary>New series of other (custom) kinds dropped because <see cref="AlertEngineOptions.MaxEventSeries"/> was reached.</summary>
    public long DroppedCustomEventSeries => Interlocked.Read(ref _droppedCustomSeries);

    /// <summary>Event series tracked now (both budgets).</summary>
    public int TrackedEventSeries
    {
        get
        {
            lock (_gate)
            {
                return _observations.Count;
            }
        }
    }

    /// <summary>Notifications produced since creation (before delivery).</summary>
    public long NotificationsProduced => Interlocked.Read(ref _notificationsProduced);

    /// <summary>Receives a finding from a detector. Never blocks on delivery and never throws.</summary>
    /// <param name="monitoringEvent">The event.</param>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        if (monitoringEvent is null)
        {
            return;
        }

        try
        {
            if (!CouldHoldAnyRule(monitoringEvent))
            {
                // Cleared, or nothing watches it: the series no longer needs a slot (with none held, nothing to find).
                lock (_gate)
                {
                    if (_observations.Count > 0)
                    {
                        Release(SeriesKey(monitoringEvent, SortedLabels(monitoringEvent)));
                    }
                }

                return;
            }

            var labels = SortedLabels(monitoringEvent);
            string key2 = SeriesKey(monitoringEvent, labels);
            bool standard = StandardEventKinds.Contains(monitoringEvent.Kind);
            lock (_gate)
            {
                bool known = _observations.ContainsKey(key2);
                if (!known && (standard ? _standardSeries >= _options.MaxStandardEventSeries : _observations.Count - _standardSeries >= _options.MaxEventSeries))
                {
                    Interlocked.Increment(ref standard ? ref _droppedStandardSeries : ref _droppedCustomSeries);
                    return;
                }

                _observations[key2] = new EventObservation(monitoringEvent, labels, _options.TimeProvider.GetUtcNow(), standard);
                Volatile.Write(ref _heldSeries, _observations.Count);
                if (!known && standard)
                {
                    _standardSeries++;
                }
            }
        }
        catch (Exception ex)
        {
            MlObservabilityEventSource.Log.BackgroundFailure(EvaluatorName, ex);
        }
    }

    /// <summary>Advances every alert and hands due notifications to the dispatcher.</summary>
    /// <param name="now">The evaluation time.</param>
    public void Evaluate(DateTimeOffset now) => EvaluateRules(now);

    /// <summary>Advances every alert and returns (and dispatches) the notifications due now.</summary>
    /// <param name="now">The evaluation time.</param>
    /// <returns>The notifications, one per group.</returns>
    public IReadOnlyList<AlertNotification> EvaluateRules(DateTimeOffset now)
    {
        List<AlertNotification> notifications;
        try
        {
            lock (_gate)
            {
                foreach (var alert in _alerts.Values)
                {
                    alert.Seen = false;
                }

                ReleaseStale(now);
                var signals = new Dictionary<Func<double?>, double?>();
                foreach (var rule in _rules)
                {
                    EvaluateRule(rule, now, signals);
                }

                AdvanceUnseen(now);
                notifications = Collect(now);
                _firing = CountFiring();
            }
        }
        catch (Exception ex)
        {
            MlObservabilityEventSource.Log.BackgroundFailure(EvaluatorName, ex);
            return [];
        }

        foreach (var notification in notifications)
        {
            Interlocked.Increment(ref _notificationsProduced);
            _dispatcher?.Enqueue(notification);
        }

        return notifications;
    }

    /// <summary>The pending and firing alerts now.</summary>
    /// <returns>Snapshots, sorted by fingerprint.</returns>
    public IReadOnlyList<Alert> GetActiveAlerts()
    {
        lock (_gate)
        {
            return _alerts.Values.OrderBy(a => a.Fingerprint, StringComparer.Ordinal).Select(a => a.Snapshot()).ToArray();
        }
    }

    /// <summary>Unregisters the <c>ml.alerts.firing</c> instrument.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            AlertInstruments.Live.Remove(this);
        }
    }

    internal Measurement<int>[] ObserveFiring() => Volatile.Read(ref _firing);

    /// <summary>Whether an event of this kind, model and severity could hold a rule, or clear a series the engine holds;
    /// label filters are not known yet, so an event they would reject is still accepted.</summary>
    /// <param name="kind">The event kind.</param>
    /// <param name="modelName">The model.</param>
    /// <param name="severity">The severity.</param>
    /// <returns><see langword="false"/> when <see cref="Publish"/> would certainly ignore such an event.</returns>
    public bool Accepts(string kind, string modelName, Severity severity)
    {
        if (kind is null || modelName is null || Volatile.Read(ref _heldSeries) > 0)
        {
            return true;
        }

        foreach (var rule in _rules)
        {
            if (rule.Condition is EventAlertCondition events
                && severity >= events.MinimumSeverity
                && (rule.Model is null || string.Equals(rule.Model, modelName, StringComparison.Ordinal))
                && events.MatchesKind(kind))
            {
                return true;
            }
        }

        return false;
    }

    private static SortedDictionary<string, string> SortedLabels(MonitoringEvent e)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e.Labels)
        {
            labels[key] = value;
        }

        labels[AlertLabels.Model] = e.ModelName;
        return labels;
    }

    private static string SeriesKey(MonitoringEvent e, SortedDictionary<string, string> labels) => e.Kind + "\n" + AlertFingerprint.Of(labels);

    /// <summary>Whether some event rule would hold on this event now: its model, kind and label filter match and its
    /// severity reaches the rule's minimum.</summary>
    private bool CouldHoldAnyRule(MonitoringEvent e)
    {
        foreach (var rule in _rules)
        {
            if (rule.Condition is EventAlertCondition events
                && e.Severity >= events.MinimumSeverity
                && (rule.Model is null || string.Equals(rule.Model, e.ModelName, StringComparison.Ordinal))
                && events.Matches(e))
            {
                return true;
            }
        }

        return false;
    }

    private void Release(string key)
    {
        if (_observations.Remove(key, out var gone) && gone.Standard)
        {
            _standardSeries--;
        }

        Volatile.Write(ref _heldSeries, _observations.Count);
    }

    /// <summary>Releases the series whose latest event is too old to hold any rule.</summary>
    private void ReleaseStale(DateTimeOffset now)
    {
        List<string>? stale = null;
        foreach (var (key, observation) in _observations)
        {
            if (now - observation.ReceivedAt > _options.EventStaleAfter)
            {
                (stale ??= []).Add(key);
            }
        }

        foreach (var key in stale ?? [])
        {
            Release(key);
        }
    }

    private void EvaluateRule(AlertRule rule, DateTimeOffset now, Dictionary<Func<double?>, double?> signals)
    {
        switch (rule.Condition)
        {
            case EventAlertCondition events:
                foreach (var observation in _observations.Values)
                {
                    var e = observation.Event;
                    if ((rule.Model is not null && !string.Equals(rule.Model, e.ModelName, StringComparison.Ordinal)) || !events.Matches(e))
                    {
                        continue;
                    }

                    bool fresh = now - observation.ReceivedAt <= _options.EventStaleAfter;
                    if (fresh && e.Severity >= events.MinimumSeverity)
                    {
                        string description = string.IsNullOrEmpty(e.Summary)
                            ? string.Create(CultureInfo.InvariantCulture, $"{e.Kind} severity {e.Severity}, value {e.Value:G4}")
                            : e.Summary;
                        Hold(rule, observation.Labels, now, e.Value, description);
                    }
                }

                break;
            case ThresholdAlertCondition threshold:
                var (holds, value) = threshold.Check(Read(rule, threshold.Signal, signals));
                if (holds)
                {
                    string op = threshold.Comparison == AlertComparison.GreaterThan ? ">" : "<";
                    Hold(rule, null, now, value, string.Create(CultureInfo.InvariantCulture, $"value {value:G4} {op} threshold {threshold.Limit:G4}"));
                }

                break;
            case AnomalyAlertCondition anomaly:
                var (anomalous, current, z) = anomaly.Check(Read(rule, anomaly.Signal, signals));
                if (anomalous)
                {
                    Hold(rule, null, now, current, string.Create(CultureInfo.InvariantCulture, $"value {current:G4} is {z:0.#} standard deviations above its recent mean (threshold {anomaly.ZScore:0.#})"));
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Reads a signal once per evaluation pass: rules that share a signal (warning and critical thresholds,
    /// the anomaly rule) see the same value, which matters for signals that compute a rate since their last read.</summary>
    private static double? Read(AlertRule rule, Func<double?> signal, Dictionary<Func<double?>, double?> signals)
    {
        if (signals.TryGetValue(signal, out var cached))
        {
            return cached;
        }

        double? value;
        try
        {
            value = signal();
        }
        catch (Exception ex)
        {
            MlObservabilityEventSource.Log.AlertSignalFailed(rule.Name, ex.GetType().Name + ": " + ex.Message);
            value = null;
        }

        signals[signal] = value;
        return value;
    }

    private void Hold(AlertRule rule, SortedDictionary<string, string>? eventLabels, DateTimeOffset now, double value, string description)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (eventLabels is not null)
        {
            foreach (var (k, v) in eventLabels)
            {
                labels[k] = v;
            }
        }

        foreach (var (k, v) in rule.Labels)
        {
            labels[k] = v;
        }

        if (rule.Model is not null)
        {
            labels[AlertLabels.Model] = rule.Model;
        }

        labels[AlertLabels.AlertName] = rule.Name;
        labels[AlertLabels.Severity] = AlertLabels.SeverityValue(rule.Severity);
        string fingerprint = AlertFingerprint.Of(labels);
        if (!_alerts.TryGetValue(fingerprint, out var alert) || alert.State == AlertState.Resolved)
        {
            alert = new AlertInstance(rule, labels, fingerprint, now);
            _alerts[fingerprint] = alert;
            MlObservabilityEventSource.Log.AlertStateChanged(rule.Name, fingerprint, nameof(AlertState.Pending));
        }

        alert.Seen = true;
        alert.Value = value;
        alert.Description = description;
        if (alert.State == AlertState.Pending && now - alert.ActiveSince >= rule.For)
        {
            alert.State = AlertState.Firing;
            alert.FiredAt = now;
            MlObservabilityEventSource.Log.AlertStateChanged(rule.Name, fingerprint, nameof(AlertState.Firing));
        }
    }

    private void AdvanceUnseen(DateTimeOffset now)
    {
        List<string>? drop = null;
        foreach (var alert in _alerts.Values)
        {
            if (alert.Seen)
            {
                continue;
            }

            if (alert.State == AlertState.Firing)
            {
                alert.State = AlertState.Resolved;
                alert.ResolvedAt = now;
                MlObservabilityEventSource.Log.AlertStateChanged(alert.Rule.Name, alert.Fingerprint, nameof(AlertState.Resolved));
                if (alert.LastNotifiedAt is null)
                {
                    (drop ??= []).Add(alert.Fingerprint); // never announced (inhibited throughout): nothing to resolve
                }
            }
            else
            {
                (drop ??= []).Add(alert.Fingerprint); // pending that cleared, or resolved and already notified
            }
        }

        foreach (var fingerprint in drop ?? [])
        {
            _alerts.Remove(fingerprint);
        }
    }

    private bool IsInhibited(AlertInstance alert)
    {
        if (_options.InhibitEqual.Count == 0)
        {
            return false;
        }

        foreach (var other in _alerts.Values)
        {
            if (other.State != AlertState.Firing || other.Rule.Severity <= alert.Rule.Severity)
            {
                continue;
            }

            bool equal = true;
            foreach (var label in _options.InhibitEqual)
            {
                other.Labels.TryGetValue(label, out var a);
                alert.Labels.TryGetValue(label, out var b);
                equal &= string.Equals(a, b, StringComparison.Ordinal);
            }

            if (equal)
            {
                return true;
            }
        }

        return false;
    }

    private List<AlertNotification> Collect(DateTimeOffset now)
    {
        var groups = new SortedDictionary<string, (SortedDictionary<string, string> Labels, List<Alert> Alerts)>(StringComparer.Ordinal);
        List<string>? resolved = null;
        foreach (var alert in _alerts.Values.OrderBy(a => a.Fingerprint, StringComparer.Ordinal))
        {
            bool due = alert.State switch
            {
                AlertState.Firing => !IsInhibited(alert) && (alert.LastNotifiedAt is null || now - alert.LastNotifiedAt.Value >= _options.RepeatInterval),
                AlertState.Resolved => true,
                _ => false,
            };
            if (!due)
            {
                continue;
            }

            alert.LastNotifiedAt = now;
            if (alert.State == AlertState.Resolved)
            {
                (resolved ??= []).Add(alert.Fingerprint);
            }

            var groupLabels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in _options.GroupBy)
            {
                groupLabels[name] = alert.Labels.TryGetValue(name, out var v) ? v : string.Empty;
            }

            string key = GroupKey(groupLabels);
            if (!groups.TryGetValue(key, out var group))
            {
                group = (groupLabels, []);
                groups[key] = group;
            }

            group.Alerts.Add(alert.Snapshot());
        }

        foreach (var fingerprint in resolved ?? [])
        {
            _alerts.Remove(fingerprint);
        }

        return groups.Select(g => new AlertNotification
        {
            GroupKey = g.Key,
            GroupLabels = g.Value.Labels,
            Alerts = g.Value.Alerts.OrderBy(a => a.State == AlertState.Firing ? 0 : 1).ToArray(),
            CreatedAt = now,
        }).ToList();
    }

    private static string GroupKey(SortedDictionary<string, string> labels)
    {
        var text = new StringBuilder("{");
        foreach (var (k, v) in labels)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(k).Append("=\"").Append(v).Append('"');
        }

        return text.Append('}').ToString();
    }

    /// <summary>Firing alerts by model and severity, with a 0 for every model and severity a rule can fire, so
    /// <c>ml_alerts_firing</c> exists (at 0) before the first alert and after the last one resolves.</summary>
    private Measurement<int>[] CountFiring()
    {
        var counts = _firingSeries.ToDictionary(s => s, _ => 0);
        foreach (var alert in _alerts.Values)
        {
            if (alert.State == AlertState.Firing)
            {
                var key = (alert.Labels.TryGetValue(AlertLabels.Model, out var m) ? m : string.Empty, alert.Rule.Severity);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts
            .OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2)
            .Select(c => new Measurement<int>(c.Value, [
                new(SemanticConventions.ModelName, c.Key.Item1),
                new(SemanticConventions.AlertSeverity, AlertLabels.SeverityValue(c.Key.Item2))]))
            .ToArray();
    }

    private sealed record EventObservation(MonitoringEvent Event, SortedDictionary<string, string> Labels, DateTimeOffset ReceivedAt, bool Standard);
}
