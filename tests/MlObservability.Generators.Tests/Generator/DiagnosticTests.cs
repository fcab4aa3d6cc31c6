using Microsoft.CodeAnalysis;

namespace MlObservability.Generators.Tests.Generator;

public sealed class DiagnosticTests
{
    private const string Usings = "using System; using System.Threading.Tasks; using MlObservability.Instrumentation;\n";

    [TestCase("MLOBS001", DiagnosticSeverity.Error, "[Instrumented] public sealed class Lonely { public int Score() => 1; }", "Lonely", "implements no interface")]
    [TestCase("MLOBS002", DiagnosticSeverity.Error, "public static class Scorer { [Instrumented] public static int Score() => 1; }", "Score", "is static")]
    [TestCase("MLOBS003", DiagnosticSeverity.Warning, "[Instrumented] public interface IRefs { Task<int> ScoreAsync(ref int x); }", "ScoreAsync", "ref, out or in parameters")]
    [TestCase("MLOBS003", DiagnosticSeverity.Warning, "[Instrumented] public interface IRefs { ref int Slot(); }", "Slot", "returns by reference")]
    [TestCase("MLOBS003", DiagnosticSeverity.Warning, "[Instrumented] public interface ISpans { ValueTask<int> ScoreAsync(ReadOnlySpan<float> x); }", "ScoreAsync", "ref struct parameter")]
    [TestCase("MLOBS004", DiagnosticSeverity.Error, "[Instrumented] public interface IGeneric<T> { T Score(T x); }", "IGeneric", "generic types are not supported")]
    [TestCase("MLOBS004", DiagnosticSeverity.Error, "public class Outer { [Instrumented] private interface IHidden { int Score(); } }", "IHidden", "private, protected or file-local")]
    [TestCase("MLOBS004", DiagnosticSeverity.Error, "[Instrumented] public interface IStatic { static abstract int Create(); int Score(); }", "IStatic", "static abstract")]
    [TestCase("MLOBS005", DiagnosticSeverity.Warning, "[Instrumented] public interface IInts { int Score([FeatureVector] int[] x); }", "x", "int[]")]
    [TestCase("MLOBS009", DiagnosticSeverity.Warning, "[Instrumented] public interface IEmbeds { int Score([FeatureVector(IsEmbedding = true)] double[] text); }", "text", "double[]")]
    [TestCase("MLOBS008", DiagnosticSeverity.Warning, "[Instrumented] public interface IIds { int Score([RequestId] Guid id); }", "id", "must be a string")]
    [TestCase("MLOBS006", DiagnosticSeverity.Warning, "public sealed class Half { [PredictedLabel] public string L { get; set; } = \"\"; } [Instrumented] public interface IHalf { Half Score(); }", "Score", "[Confidence] is missing")]
    [TestCase("MLOBS006", DiagnosticSeverity.Warning, "public sealed class Odd { [PredictedLabel] public double L { get; set; } [Confidence] public double C { get; set; } } [Instrumented] public interface IOdd { Odd Score(); }", "Score", "neither string nor int")]
    [TestCase("MLOBS007", DiagnosticSeverity.Warning, "public interface IRank { int Rank(); } [Instrumented] public sealed class Ranker : IRank { public int Rank() => 1; [Instrumented] public int Other() => 2; }", "Other", "implements no interface member")]
    public void Unsupported_shapes_are_reported_with_id_location_and_a_message_that_says_what_to_fix(
        string id, DiagnosticSeverity severity, string source, string locatedAt, string messagePart)
    {
        var (result, _) = GeneratorHarness.Run(false, Usings + source);

        var diagnostic = result.Diagnostics.SingleOrDefault(d => d.Id == id);
        Assert.That(diagnostic, Is.Not.Null, $"expected {id}; got {string.Join("; ", result.Diagnostics)}");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic!.Severity, Is.EqualTo(severity));
            Assert.That(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.Contain(messagePart));
            Assert.That((Usings + source).Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), Is.EqualTo(locatedAt));
            Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo("Input0.cs"));
            Assert.That(diagnostic.Descriptor.HelpLinkUri, Does.EndWith("docs/instrumented.md#diagnostics"));
            Assert.That(result.Diagnostics.Where(d => d.Id != id), Is.Empty, "only the expected diagnostic");
        });
    }

    [Test]
    public void A_refused_method_is_still_forwarded_so_the_decorator_compiles()
    {
        var (result, output) = GeneratorHarness.Run(false, Usings + "[Instrumented] public interface IRefs { Task<int> ScoreAsync(ref int x); int Plain(); }");

        Assert.Multiple(() =>
        {
            Assert.That(result.GeneratedSources, Has.Length.EqualTo(1));
            Assert.That(result.GeneratedSources[0].SourceText.ToString(), Does.Contain("ScoreAsync(ref int x) => _inner.ScoreAsync(ref x);"));
            Assert.That(output.Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
        });
    }

    [Test]
    public void Errors_emit_no_decorator()
    {
        var (result, _) = GeneratorHarness.Run(false, Usings + "[Instrumented] public interface IGeneric<T> { T Score(T x); }");

        Assert.That(result.GeneratedSources, Is.Empty);
    }
}
