using System.Diagnostics;
using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>Evaluations started by a filled window, kept within <see cref="DriftMonitorOptions.MaxEvaluationShare"/>.</summary>
public sealed partial class DriftMonitor
{
    private ITimer? _deferralTimer;
    private long _deferredEvaluations;
    private int _deferralLogged;

    /// <summary>Evaluations of filled windows postponed because the monitor's evaluator had used its share of a core
    /// (<see cref="DriftMonitorOptions.MaxEvaluationShare"/>); rows that arrived while both windows were full are
    /// counted in <see cref="SkippedRows"/>.</summary>
    public long DeferredEvaluations => Volatile.Read(ref _deferredEvaluations);

    /// <summary>Whether evaluations of filled windows have spent their budget (the next one waits); for tests.</summary>
    internal bool EvaluationBudgetSpent => _budget.BalanceSeconds < 0;

    /// <summary>Runs the queued evaluation of a filled window, or postpones it until the budget allows. Only one runs at
    /// a time: the completion flag stays set while an evaluation is postponed, so writers queue no other.</summary>
    private void EvaluateOnCompletion()
    {
        var wait = _budget.WaitBeforeNext();
        if (wait > TimeSpan.Zero && Volatile.Read(ref _disposed) == 0)
        {
            Defer(wait);
            return;
        }

        EvaluateWithinBudget();
    }

    /// <summary>Runs the evaluation and charges its wall time; the deferral timer calls it directly, since it fires once
    /// the balance is back at zero (checking again could postpone the same evaluation twice on a rounding error).</summary>
    private void EvaluateWithinBudget()
    {
        Volatile.Write(ref _completionQueued, 0);
        var started = Stopwatch.GetTimestamp();
        Evaluate(_time.GetUtcNow());
        _budget.Charge(Stopwatch.GetElapsedTime(started));
    }

    private void Defer(TimeSpan wait)
    {
        Interlocked.Increment(ref _deferredEvaluations);
        if (Interlocked.Exchange(ref _deferralLogged, 1) == 0)
        {
            MlObservabilityEventSource.Log.ComponentWarning(
                EvaluatorName,
                string.Create(CultureInfo.InvariantCulture,
                    $"drift evaluation of {_modelName} uses more than its share of a core (MaxEvaluationShare = {_options.MaxEvaluationShare:G3}): filled windows wait for the evaluator, and rows that arrive while both windows are full are skipped (ml_drift_rows_total{{outcome=\"skipped\"}}; postponed evaluations: ml_drift_evaluations_deferred_total). Raise MaxEvaluationShare, or lower the traffic sent to drift monitoring. Logged once."));
        }

        try
        {
            var timer = _deferralTimer ??= _time.CreateTimer(static state => ((DriftMonitor)state!).EvaluateWithinBudget(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: nothing more is evaluated.
        }
    }
}
