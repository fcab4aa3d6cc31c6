namespace MlObservability.Tests.Histograms;

/// <summary>Seeded samples of the shapes latencies and scores take in practice.</summary>
internal static class SampleDistributions
{
    public static IEnumerable<TestCaseData> All()
    {
        yield return new TestCaseData("uniform", (Func<Random, double>)(r => 0.001 + (r.NextDouble() * 2.0)));
        yield return new TestCaseData("exponential", (Func<Random, double>)(r => -Math.Log(1 - r.NextDouble()) * 0.05));
        yield return new TestCaseData("lognormal", (Func<Random, double>)(r => Math.Exp(-4 + (1.2 * Normal(r)))));
        yield return new TestCaseData("pareto", (Func<Random, double>)(r => 0.01 / Math.Pow(1 - r.NextDouble(), 1 / 1.5)));
        yield return new TestCaseData("bimodal", (Func<Random, double>)(r => r.NextDouble() < 0.9 ? Math.Abs(0.02 + (0.003 * Normal(r))) + 1e-6 : Math.Abs(1.5 + (0.2 * Normal(r))) + 1e-6));
    }

    public static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
