using MlObservability.Drift.Streaming;

namespace MlObservability.Tests.Drift.Streaming;

/// <summary>
/// Page-Hinkley and CUSUM configured by an in-control average run length (ARL₀): over 200 simulated runs of 5,000
/// standard-normal values (no change; fixed seeds) the measured false-alarm rate stays within the configured 1 / ARL₀
/// (with 10 % allowance for sampling error, about 4 standard errors); after an abrupt shift of one standard deviation the
/// mean detection delay is measured and reported.
/// </summary>
public sealed class SequentialDetectorFalseAlarmTests
{
    private const int Runs = 200;
    private const int Length = 5_000;

    internal static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static IChangeDetector Create(string method, SequentialDetectorOptions options) =>
        method == "cusum" ? new CusumDetector(options) : new PageHinkleyDetector(options);

    private static double FalseAlarmRate(string method, SequentialDetectorOptions options)
    {
        long alarms = 0;
        for (var run = 0; run < Runs; run++)
        {
            var random = new Random(1000 + run);
            var detector = Create(method, options);
            for (var t = 0; t < Length; t++)
            {
                alarms += detector.Update(Gaussian(random)) ? 1 : 0;
            }
        }

        return alarms / (double)(Runs * Length);
    }

    [TestCase("cusum")]
    [TestCase("page_hinkley")]
    public void Known_parameters_false_alarm_rate_is_within_the_configured_bound(string method)
    {
        var options = new SequentialDetectorOptions { AverageRunLength = 500, Mean = 0, StandardDeviation = 1 };
        var rate = FalseAlarmRate(method, options);
        TestContext.Out.WriteLine($"{method}: false alarms per observation {rate:G4} over {Runs} x {Length} (bound 1/500 = 0.002); threshold h = {Create(method, options).Threshold:F3}");
        Assert.That(rate, Is.LessThanOrEqualTo(1.1 / 500));
    }

    [TestCase("cusum")]
    [TestCase("page_hinkley")]
    public void Warm_up_estimated_parameters_false_alarm_rate_is_reported_and_bounded(string method)
    {
        var options = new SequentialDetectorOptions { AverageRunLength = 500, WarmupCount = 500 };
        var rate = FalseAlarmRate(method, options);
        TestContext.Out.WriteLine($"{method} (mean and sd estimated from 500 values): false alarms per observation {rate:G4} (bound 0.002)");
        Assert.That(rate, Is.LessThanOrEqualTo(2.0 / 500), "estimation error at most doubles the rate with a 500-value warm-up");
    }

    [TestCase("cusum", 1.0)]
    [TestCase("page_hinkley", 1.0)]
    [TestCase("cusum", 0.5)]
    [TestCase("page_hinkley", 0.5)]
    public void An_abrupt_shift_is_detected_and_the_delay_reported(string method, double shift)
    {
        var delays = new List<int>();
        var missed = 0;
        var falseAlarmsFirst = 0;
        for (var run = 0; run < 100; run++)
        {
            var random = new Random(5000 + run);
            var detector = Create(method, new SequentialDetectorOptions { AverageRunLength = 10_000, ShiftToDetect = shift, Mean = 0, StandardDeviation = 1 });
            var detected = false;
            var falseAlarm = false;
            for (var t = 0; t < 3_000 && !detected; t++)
            {
                var alarm = detector.Update(Gaussian(random) + (t >= 1_000 ? shift : 0));
                falseAlarm |= alarm && t < 1_000;
                if (alarm && t >= 1_000)
                {
                    delays.Add(t - 1_000 + 1);
                    detected = true;
                }
            }

            // The conditional delay (given no false alarm before the change) is the usual measure: a Page-Hinkley
            // restarted just before the change learns the shifted mean as its own and may never signal it.
            falseAlarmsFirst += falseAlarm ? 1 : 0;
            missed += detected || falseAlarm ? 0 : 1;
        }

        delays.Sort();
        TestContext.Out.WriteLine($"{method}, shift {shift} sd (ShiftToDetect {shift}), ARL0 10,000: mean delay {delays.Average():F1}, median {delays[delays.Count / 2]}, missed {missed}/100 within 2,000 values; {falseAlarmsFirst} runs had a false alarm before the change");
        Assert.Multiple(() =>
        {
            Assert.That(missed, Is.Zero);
            Assert.That(delays.Average(), Is.LessThan(shift >= 1 ? 40 : 150));
        });
    }

    [Test]
    public void Siegmund_approximation_matches_the_tabulated_cusum_run_length()
    {
        // Montgomery, Introduction to Statistical Quality Control, Table 9.3 (two-sided, k = 0.5): h = 4 gives ARL0 168, h = 5 gives 465.
        Assert.Multiple(() =>
        {
            Assert.That(AverageRunLength.OneSided(0.5, 4) / 2, Is.EqualTo(168).Within(2).Percent);
            Assert.That(AverageRunLength.OneSided(0.5, 5) / 2, Is.EqualTo(465).Within(2).Percent);
            Assert.That(AverageRunLength.Threshold(0.5, 465, twoSided: true), Is.EqualTo(5).Within(0.02));
        });
    }

    [Test]
    public void Invalid_options_fail_with_a_message_naming_the_option()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new CusumDetector(new SequentialDetectorOptions { AverageRunLength = 1 }), Throws.ArgumentException.With.Message.Contains("AverageRunLength"));
            Assert.That(() => new PageHinkleyDetector(new SequentialDetectorOptions { ShiftToDetect = 0 }), Throws.ArgumentException.With.Message.Contains("ShiftToDetect"));
            Assert.That(() => new CusumDetector(new SequentialDetectorOptions { WarmupCount = 1 }), Throws.ArgumentException.With.Message.Contains("WarmupCount"));
            Assert.That(() => new AdwinDetector(new AdwinOptions { Delta = 2 }), Throws.ArgumentException.With.Message.Contains("Delta"));
        });
    }
}
