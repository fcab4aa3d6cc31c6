namespace MlObservability.Drift;

/// <summary>
/// The share of one core that a drift monitor's window-completion evaluations may use on average: a token bucket in
/// seconds of evaluation. It fills at <c>share</c> seconds per second of the monitor's clock, up to a burst of
/// <c>share × </c><see cref="BurstPeriod"/>; each evaluation takes out the wall time it ran. While the balance is
/// negative the next evaluation waits until it is back at zero.
/// </summary>
/// <remarks>Used by one party at a time (the monitor's single queued completion, or its deferral timer), so it has no
/// synchronisation of its own. A share of 1 or more never waits: the evaluator is one thread.</remarks>
internal sealed class EvaluationBudget
{
    /// <summary>The span whose worth of evaluation may run back to back after a quiet period.</summary>
    public static readonly TimeSpan BurstPeriod = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time;
    private readonly double _share;
    private readonly double _burstSeconds;
    private double _balanceSeconds;
    private long _refilledAt;

    public EvaluationBudget(double share, TimeProvider time)
    {
        _time = time;
        _share = share;
        _burstSeconds = share * BurstPeriod.TotalSeconds;
        _balanceSeconds = _burstSeconds;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>Whether the budget never makes an evaluation wait.</summary>
    public bool Unlimited => _share >= 1;

    /// <summary>How long the next evaluation has to wait for the balance to reach zero; <see cref="TimeSpan.Zero"/> when
    /// it may run now.</summary>
    public TimeSpan WaitBeforeNext()
    {
        if (Unlimited)
        {
            return TimeSpan.Zero;
        }

        var now = _time.GetTimestamp();
        _balanceSeconds = Math.Min(_burstSeconds, _balanceSeconds + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _share));
        _refilledAt = now;
        return _balanceSeconds >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_balanceSeconds / _share);
    }

    /// <summary>Seconds of evaluation available now, without the refill since the last <see cref="WaitBeforeNext"/>;
    /// negative once spent (read by tests from any thread).</summary>
    public double BalanceSeconds => Volatile.Read(ref _balanceSeconds);

    /// <summary>Takes the wall time of one evaluation out of the balance.</summary>
    /// <param name="spent">How long the evaluation ran.</param>
    public void Charge(TimeSpan spent) => Volatile.Write(ref _balanceSeconds, _balanceSeconds - spent.TotalSeconds);
}
