using MlObservability.Diagnostics;

namespace MlObservability.Routing;

public sealed partial class ModelRouter<TModel>
{
    /// <summary>Takes one decision under the gate: applies it or says why not, then records, counts, logs and notifies it.</summary>
    private RouterActionRecord Decide(RouterAction action, string? target, string reason, bool automatic)
    {
        var now = _time.GetUtcNow();
        var active = _active!;
        string from = active.Version;
        RouterActionOutcome outcome;
        if (target is null || target == from || !_versions.TryGetValue(target, out var model) || (automatic && _quarantined.Contains(target)))
        {
            outcome = RouterActionOutcome.NoTarget;
        }
        else if (automatic && _lastAutomaticAction is { } last && now - last < _options.CoolDown)
        {
            outcome = RouterActionOutcome.SuppressedByCoolDown;
        }
        else if (automatic && _options.DryRun)
        {
            outcome = RouterActionOutcome.DryRun;
            _lastAutomaticAction = now;
        }
        else
        {
            if (action == RouterAction.Rollback)
            {
                // The version left behind is not returned to automatically, and nothing is left to roll back to:
                // automation cannot flap between two versions.
                _quarantined.Add(from);
                _previous = null;
            }
            else
            {
                _previous = from;
            }

            Activate(new RoutedVersion<TModel>(target, model, now));
            if (automatic)
            {
                _lastAutomaticAction = now;
            }

            outcome = RouterActionOutcome.Applied;
        }

        var record = new RouterActionRecord(now, action, outcome, from, target ?? string.Empty, reason);
        _history.Enqueue(record);
        while (_history.Count > _options.HistoryCapacity)
        {
            _history.Dequeue();
        }

        _counters.Count(action, outcome);
        MlObservabilityEventSource.Log.RouterAction(ModelName, RouterNotifications.ActionValue(action), from, record.ToVersion, RouterNotifications.OutcomeValue(outcome), reason);
        _notifications?.Enqueue(RouterNotifications.For(ModelName, record));
        return record;
    }

    private void Activate(RoutedVersion<TModel> version)
    {
        Volatile.Write(ref _active, version);
        _counters.ActiveVersion = version.Version;
    }
}
