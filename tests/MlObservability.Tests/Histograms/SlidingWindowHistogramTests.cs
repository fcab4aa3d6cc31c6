using Microsoft.Extensions.Time.Testing;
using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

public sealed class SlidingWindowHistogramTests
{
    [Test]
    public void Values_leave_the_window_after_it_has_slid_past_them()
    {
        var time = new FakeTimeProvider();
        using var window = new SlidingWindowHistogram(TimeSpan.FromMinutes(5), subWindows: 5, timeProvider: time);
        for (int i = 0; i < 100; i++)
        {
            window.Record(2.0); // a slow period
        }

        time.Advance(TimeSpan.FromMinutes(2));
        for (int i = 0; i < 100; i++)
        {
            window.Record(0.01);
        }

        var both = window.GetSnapshot();
        Assert.That(both.Count, Is.EqualTo(200));
        Assert.That(both.GetQuantile(0.95), Is.EqualTo(2.0).Within(0.02));

        time.Advance(TimeSpan.FromMinutes(3)); // the slow minute is now older than 4 closed sub-windows
        var recent = window.GetSnapshot();
        Assert.That(recent.Count, Is.EqualTo(100));
        Assert.That(recent.GetQuantile(0.95), Is.EqualTo(0.01).Within(0.0001));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.That(window.GetSnapshot().Count, Is.Zero);
    }

    [Test]
    public void Bad_window_settings_fail_fast()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SlidingWindowHistogram(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SlidingWindowHistogram(TimeSpan.FromMinutes(1), subWindows: 1));
    }
}
