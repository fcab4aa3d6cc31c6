using MlObservability.Alerts;
using MlObservability.MonitoringAsCode;
using MlObservability.Slo;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>
/// The example definition behind the checked-in files under docs/monitoring/. Regenerate them with
/// <c>MLOBS_REGENERATE=1 dotnet test tests/MlObservability.Tests -c Release --filter "FullyQualifiedName~MonitoringAsCode"</c>.
/// </summary>
internal static class SampleDefinitions
{
    public static IReadOnlyList<ModelMonitoringDefinition> Models { get; } =
    [
        new("fraud-detector",
        [
            SloObjective.LatencyPercentile(0.95, TimeSpan.FromMilliseconds(500)),
            SloObjective.ErrorRate(0.01),
            SloObjective.Availability(0.995),
            SloObjective.Accuracy(0.85),
            SloObjective.Throughput(minRequestsPerSecond: 50),
        ]),
        new("sentiment-classifier",
        [
            SloObjective.LatencyPercentile(0.99, TimeSpan.FromMilliseconds(250)),
            SloObjective.ErrorRate(0.005),
            SloObjective.Accuracy(0.9),
        ], new AlertThresholds { LowConfidenceShare = 0.3 }),
    ];

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlObservability.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MlObservability.sln not found above the test directory.");
    }

    public static string MonitoringFolder => Path.Combine(RepositoryRoot(), "docs", "monitoring");

    public static bool Regenerate => Environment.GetEnvironmentVariable("MLOBS_REGENERATE") == "1";

    /// <summary>Compares <paramref name="content"/> with the checked-in file, or rewrites it when regenerating.</summary>
    public static void ApproveFile(string fileName, string content)
    {
        string path = Path.Combine(MonitoringFolder, fileName);
        if (Regenerate)
        {
            Directory.CreateDirectory(MonitoringFolder);
            File.WriteAllText(path, content);
            return;
        }

        Assert.That(File.Exists(path), Is.True, $"{path} is missing; regenerate with MLOBS_REGENERATE=1 (docs/alerting.md).");
        Assert.That(File.ReadAllText(path).ReplaceLineEndings("\n"), Is.EqualTo(content),
            $"{fileName} differs from what the generator produces; regenerate with MLOBS_REGENERATE=1 (docs/alerting.md) and commit it.");
    }
}
