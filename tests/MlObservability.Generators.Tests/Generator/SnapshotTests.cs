using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MlObservability.Generators.Tests.Generator;

/// <summary>
/// Compares the emitted source with the files under Snapshots/. Set MLOBS_UPDATE_SNAPSHOTS=1 to rewrite them, then
/// review the diff.
/// </summary>
public sealed class SnapshotTests
{
    [TestCase("InterfaceShapes", Sources.InterfaceShapes, false)]
    [TestCase("ClassTarget", Sources.ClassTarget, false)]
    [TestCase("MethodOnly", Sources.MethodOnly, false)]
    [TestCase("WithDependencyInjection", Sources.InterfaceShapes + "\n" + "public interface IPlain { }", true)]
    public void Emitted_source_matches_the_snapshot_and_compiles_cleanly(string name, string source, bool withDependencyInjection)
    {
        var (result, outputDiagnostics) = GeneratorHarness.Run(withDependencyInjection, source);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty, "the generator reports nothing for valid shapes");
            Assert.That(outputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()), Is.Empty,
                "the generated code compiles without warnings");
            Assert.That(result.GeneratedSources, Is.Not.Empty);
            foreach (var generated in result.GeneratedSources)
            {
                string file = $"{name}.{generated.HintName}.txt";
                string actual = generated.SourceText.ToString();
                if (Environment.GetEnvironmentVariable("MLOBS_UPDATE_SNAPSHOTS") == "1")
                {
                    File.WriteAllText(Path.Combine(SourceSnapshotDirectory(), file), actual);
                    continue;
                }

                string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Snapshots", file);
                Assert.That(File.Exists(path), Is.True, $"missing snapshot {file}; run with MLOBS_UPDATE_SNAPSHOTS=1");
                if (File.Exists(path))
                {
                    Assert.That(actual, Is.EqualTo(File.ReadAllText(path).ReplaceLineEndings("\n")), file);
                }
            }
        });
    }

    [Test]
    public void Dependency_injection_extensions_are_emitted_only_when_the_abstractions_are_referenced()
    {
        var (without, _) = GeneratorHarness.Run(false, Sources.InterfaceShapes);
        var (with, _) = GeneratorHarness.Run(true, Sources.InterfaceShapes);

        Assert.Multiple(() =>
        {
            Assert.That(without.GeneratedSources.Select(s => s.HintName), Is.EqualTo(new[] { "Shop.Models.ISentimentModel.Instrumented.g.cs" }));
            Assert.That(with.GeneratedSources.Select(s => s.HintName), Does.Contain("InstrumentedServiceCollectionExtensions.g.cs"));
        });
    }

    private static string SourceSnapshotDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!, "Snapshots");
}
