using System.Globalization;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>The real models built by tests/TestData/Onnx/build_model.py and the reference rows it wrote.</summary>
internal static class TestModels
{
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Onnx");

    public static string WinePath => Path.Combine(Directory, "wine_mlp.onnx");

    public static string DiabetesPath => Path.Combine(Directory, "diabetes_linear.onnx");

    public const int WineFeatures = 13;

    public const int DiabetesFeatures = 10;

    /// <summary>Reads a reference CSV: a header, then numeric columns.</summary>
    public static (string[] Header, double[][] Rows) ReadCsv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, name));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return (header, rows);
    }

    /// <summary>The wine reference rows: features (13), label, logits (3), probabilities (3), predicted class.</summary>
    public static WineRow[] WineRows()
    {
        var (_, rows) = ReadCsv("wine_rows.csv");
        return rows.Select(r => new WineRow(
            r.Take(WineFeatures).Select(v => (float)v).ToArray(),
            (int)r[WineFeatures],
            r.Skip(WineFeatures + 1).Take(3).ToArray(),
            r.Skip(WineFeatures + 4).Take(3).ToArray(),
            (int)r[WineFeatures + 7])).ToArray();
    }

    /// <summary>The rows as one [N, 13] row-major buffer.</summary>
    public static float[] Flatten(IEnumerable<WineRow> rows) => rows.SelectMany(r => r.Features).ToArray();
}

internal sealed record WineRow(float[] Features, int Label, double[] Logits, double[] Probabilities, int Predicted);
