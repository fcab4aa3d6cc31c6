using System.Globalization;
using System.Text.Json;

namespace MlObservability.Tests.Drift;

/// <summary>Reads the detector reference vectors of TestData/Drift (made by make_detector_vectors.py).</summary>
internal static class DetectorTestData
{
    public static string PathOf(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Drift", file);

    public static (string[] Names, List<double[]> Rows) Csv(string file, int columns)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var names = lines[0].Split(',').Take(columns).ToArray();
        var rows = lines.Skip(1)
            .Select(l => l.Split(',').Take(columns).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        return (names, rows);
    }

    public static JsonDocument Json(string file) => JsonDocument.Parse(File.ReadAllText(PathOf(file)));

    public static double[] Numbers(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];
}
