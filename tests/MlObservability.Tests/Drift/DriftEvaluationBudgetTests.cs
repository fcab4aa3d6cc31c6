using Microsoft.Extensions.Time.Testing;
using MlObservability.Drift;
using MlObservability.Tests.Shared;

namespace MlObservability.Tests.Drift;

/// <summary>
/// <see cref="DriftMonitorOptions.MaxEvaluationShare"/>: evaluations started by filled windows stay within a share of a
/// core. The budget fills on the monitor's clock (a fake one here) and is charged the evaluation's real wall time, so a
/// share of one millionth (a burst of 2 µs) is spent by the first evaluation and refills only when the test moves the
/// clock on.
/// </summary>
public sealed class DriftEvaluationBudgetTests
{
    private const int Window = 100;

    [Test]
    public void A_window_filled_past_the_share_waits_for_the_budget_and_rows_that_find_both_windows_full_are_counted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var metrics = new MetricRecorder("budgeted");
        using var monitor = new DriftMonitor(
            "budgeted", "1", Profile(), new DriftMonitorOptions { WindowSize = Window, MaxEvaluationShare = 1e-6 }, timeProvider: time);

        Feed(monitor, Window);
        WaitFor(() => monitor.EvaluatedRows == Window, "the first window is evaluated at once: the budget starts full");
        WaitFor(() => monitor.EvaluationBudgetSpent, "the first evaluation is charged its wall time, more than the 2 µs burst");

        Feed(monitor, Window);
        WaitFor(() => monitor.DeferredEvaluations == 1, "the second waits for the budget");
        Feed(monitor, Window + 50);

        Assert.Multiple(() =>
        {
            Assert.That(monitor.EvaluatedRows, Is.EqualTo(Window), "nothing is evaluated while the budget is spent");
            Assert.That(monitor.SkippedRows, Is.EqualTo(50), "both windows are full: the rows past them are skipped, and counted");
            Assert.That(monitor.DeferredEvaluations, Is.EqualTo(1), "one postponed evaluation at a time: no work item is queued while it waits");
            Assert.That(metrics.Sum("ml.drift.evaluations.deferred"), Is.EqualTo(1));
        });

        // A day later the budget is full again: the timer runs the postponed evaluation, which takes both full windows.
        time.Advance(TimeSpan.FromDays(1));
        WaitFor(() => monitor.EvaluatedRows == 3 * Window, "the postponed evaluation runs when the budget allows");
        Assert.That(monitor.SkippedRows, Is.EqualTo(50));
    }

    [Test]
    public void A_share_of_one_never_postpones_an_evaluation()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var monitor = new DriftMonitor(
            "unbudgeted", "1", Profile(), new DriftMonitorOptions { WindowSize = Window, MaxEvaluationShare = 1 }, timeProvider: time);
        for (var w = 1; w <= 5; w++)
        {
            Feed(monitor, Window);
            WaitFor(() => monitor.EvaluatedRows == w * Window, $"window {w} is evaluated with the clock standing still");
        }

        Assert.That(monitor.DeferredEvaluations, Is.Zero);
    }

    [Test]
    public void Scheduled_evaluations_are_not_limited()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var monitor = new DriftMonitor(
            "scheduled", "1", Profile(), new DriftMonitorOptions { WindowSize = Window, MaxEvaluationShare = 1e-6, EvaluateOnWindowCompletion = false }, timeProvider: time);
        for (var w = 1; w <= 3; w++)
        {
            Feed(monitor, Window);
            monitor.Evaluate(time.GetUtcNow());
        }

        Assert.Multiple(() =>
        {
            Assert.That(monitor.EvaluatedRows, Is.EqualTo(3 * Window));
            Assert.That(monitor.DeferredEvaluations, Is.Zero);
        });
    }

    [TestCase(0.0)]
    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void A_share_outside_zero_to_one_fails_when_the_monitor_is_created(double share)
    {
        var e = Assert.Throws<ArgumentException>(() => new DriftMonitor("bad", "1", Profile(), new DriftMonitorOptions { MaxEvaluationShare = share }));
        Assert.That(e!.Message, Does.Contain("MaxEvaluationShare must be in (0, 1]"));
    }

    private static ReferenceProfile Profile() =>
        ReferenceProfileBuilder.FromColumns([new("x", [.. Enumerable.Range(0, 1000).Select(i => i / 1000.0)])]);

    private static void Feed(DriftMonitor monitor, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            monitor.RecordFeatures([(i % 97) / 97.0]);
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), what);
            Thread.Sleep(1);
        }
    }
}
