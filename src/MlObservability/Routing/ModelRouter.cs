using MlObservability.Alerts.Notifiers;
using MlObservability.Diagnostics;

namespace MlObservability.Routing;

/// <summary>
/// Serves one of several versions of a model and switches between them with guard rails: back to the previous version
/// when a configured alert fires for the active one, forward to a challenger that has been significantly better
/// (optional), or by hand. The inference path reads <see cref="Active"/>: one volatile read of an immutable
/// <see cref="RoutedVersion{TModel}"/>, so a request runs entirely on one version, whichever moment the switch happens.
/// </summary>
/// <remarks>
/// <para>
/// Automatic actions run where their triggers are delivered, never on an inference thread: rollbacks on the
/// <see cref="NotificationDispatcher"/>'s background loop (add the router to the engine's notifiers; it is an
/// <see cref="IAlertNotifier"/>), promotions on the evaluation loop (the router is an <see cref="IMonitoringEventSink"/>
/// for <c>challenger.better</c> events).
/// </para>
/// <para>
/// Guard rails: at most one automatic action per <see cref="ModelRouterOptions.CoolDown"/>; an alert whose condition began
/// before the active version was activated is about an earlier version and is ignored; a rollback leaves no previous
/// version to return to and quarantines the version it left, so automation never flaps between two versions; in
/// <see cref="ModelRouterOptions.DryRun"/> it only notifies. Every decision, taken or not, is logged (event source
/// <c>MlObservability</c>, event 910), kept in <see cref="History"/>, counted in <c>ml.router.actions</c> and notified
/// through the dispatcher. <see cref="SwitchTo"/> and <see cref="Rollback"/> are the manual override: they act
/// immediately, whatever the cool-down and dry-run say, and lift the quarantine of their target.
/// </para>
/// </remarks>
/// <typeparam name="TModel">The model contract, for example an <c>[Instrumented]</c> interface.</typeparam>
public sealed partial class ModelRouter<TModel> : IDisposable
    where TModel : class
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TModel> _versions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _quarantined = new(StringComparer.Ordinal);
    private readonly Queue<RouterActionRecord> _history = new();
    private readonly ModelRouterOptions _options;
    private readonly HashSet<string> _rollbackAlerts;
    private readonly TimeProvider _time;
    private readonly NotificationDispatcher? _notifications;
    private readonly RouterCounters _counters;
    private RoutedVersion<TModel>? _active;
    private string? _previous;
    private DateTimeOffset? _lastAutomaticAction;
    private string? _promotionCandidate;
    private int _promotionStreak;
    private int _disposed;

    /// <summary>Creates the router; add versions with <see cref="AddVersion"/>, the first one serves.</summary>
    /// <param name="modelName">The model name, as alerts carry it (label <c>model</c>).</param>
    /// <param name="options">Guard rails; defaults when <see langword="null"/>.</param>
    /// <param name="notifications">Delivers a notification for every decision through the usual notifiers; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of cool-downs and activation times; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message says which.</exception>
    public ModelRouter(string modelName, ModelRouterOptions? options = null, NotificationDispatcher? notifications = null, TimeProvider? timeProvider = null)
    {
        ModelName = Guard.NotNullOrWhiteSpace(modelName);
        _options = options ?? new ModelRouterOptions();
        _options.Validate();
        _rollbackAlerts = new HashSet<string>(_options.EffectiveRollbackAlerts, StringComparer.Ordinal);
        _time = timeProvider ?? TimeProvider.System;
        _notifications = notifications;
        _counters = new RouterCounters(modelName);
        RouterInstruments.Live.Add(_counters);
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The guard rails.</summary>
    public ModelRouterOptions Options => _options;

    /// <summary>
    /// The version serving now: one volatile read, lock-free and allocation-free. Read it once per request and use the
    /// result for the whole request.
    /// </summary>
    /// <exception cref="InvalidOperationException">No version was added.</exception>
    public RoutedVersion<TModel> Active => Volatile.Read(ref _active) ?? throw new InvalidOperationException($"Model router of {ModelName} has no version; call AddVersion first.");

    /// <summary>The version an automatic rollback would return to; <see langword="null"/> when there is none.</summary>
    public string? PreviousVersion
    {
        get
        {
            lock (_gate)
            {
                return _previous;
            }
        }
    }

    /// <summary>The registered versions.</summary>
    public IReadOnlyList<string> Versions
    {
        get
        {
            lock (_gate)
            {
                return [.. _versions.Keys];
            }
        }
    }

    /// <summary>Versions that automation will not switch to again (rolled back from); <see cref="SwitchTo"/> lifts it.</summary>
    public IReadOnlyList<string> Quarantined
    {
        get
        {
            lock (_gate)
            {
                return [.. _quarantined];
            }
        }
    }

    /// <summary>The audit trail, oldest first (bounded by <see cref="ModelRouterOptions.HistoryCapacity"/>).</summary>
    public IReadOnlyList<RouterActionRecord> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>How many decisions ended as <paramref name="outcome"/> for <paramref name="action"/>.</summary>
    /// <param name="action">The action.</param>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The count.</returns>
    public long ActionCount(RouterAction action, RouterActionOutcome outcome) => _counters.Read(action, outcome);

    /// <summary>Registers a version. The first one becomes active; later ones are candidates for promotion and manual switches.</summary>
    /// <param name="version">The version (unique).</param>
    /// <param name="model">The model that serves it.</param>
    /// <exception cref="ArgumentException">The version is empty or already registered.</exception>
    public void AddVersion(string version, TModel model)
    {
        Guard.NotNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(model);
        lock (_gate)
        {
            if (!_versions.TryAdd(version, model))
            {
                throw new ArgumentException($"Model router of {ModelName} has version '{version}' already.", nameof(version));
            }

            if (_active is null)
            {
                Activate(new RoutedVersion<TModel>(version, model, _time.GetUtcNow()));
            }
        }
    }

    /// <summary>
    /// Manual override: serves <paramref name="version"/> now, whatever the cool-down and dry-run settings; the version
    /// that served becomes the previous one, and <paramref name="version"/> leaves quarantine.
    /// </summary>
    /// <param name="version">A registered version.</param>
    /// <param name="reason">Why, for the audit trail and the notification.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The version is not registered.</exception>
    public RouterActionRecord SwitchTo(string version, string reason)
    {
        Guard.NotNullOrWhiteSpace(version);
        lock (_gate)
        {
            if (!_versions.ContainsKey(version))
            {
                throw new ArgumentException($"Model router of {ModelName} has no version '{version}'; registered: {string.Join(", ", _versions.Keys)}.", nameof(version));
            }

            _quarantined.Remove(version);
            return Decide(RouterAction.ManualSwitch, version, reason ?? string.Empty, automatic: false);
        }
    }

    /// <summary>Manual override: switches back to the previous version now (see <see cref="SwitchTo"/>).</summary>
    /// <param name="reason">Why, for the audit trail and the notification.</param>
    /// <returns>The decision; <see cref="RouterActionOutcome.NoTarget"/> when there is no previous version.</returns>
    /// <exception cref="InvalidOperationException">No version was added.</exception>
    public RouterActionRecord Rollback(string reason)
    {
        lock (_gate)
        {
            if (_active is null)
            {
                throw new InvalidOperationException($"Model router of {ModelName} has no version; call AddVersion first.");
            }

            if (_previous is { } previous)
            {
                _quarantined.Remove(previous);
            }

            return Decide(RouterAction.ManualSwitch, _previous, reason ?? string.Empty, automatic: false);
        }
    }

    /// <summary>Unregisters the router's instruments.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            RouterInstruments.Live.Remove(_counters);
        }
    }
}
