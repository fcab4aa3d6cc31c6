using System.Text.Json;

namespace MlObservability.Tests.Quality;

/// <summary>The scikit-learn reference file written by TestData/Quality/make_reference.py.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Quality", "reference_metrics.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    public static JsonElement Get(string property) => Root.Value.GetProperty(property);
}
