using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlObservability.Generators.Tests.Generator;

public sealed class IncrementalCachingTests
{
    private const string Unrelated = "namespace Other; public sealed class Clock { public int Now() => 1; }";

    [Test]
    public void An_unrelated_edit_does_not_regenerate()
    {
        var compilation = GeneratorHarness.Compile(true, Sources.InterfaceShapes, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText(Unrelated.Replace("=> 1", "=> 2", StringComparison.Ordinal), (CSharpParseOptions)compilation.SyntaxTrees.Last().Options, path: "Input1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var parse = result.TrackedSteps[InstrumentedGenerator.ParseStep].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        var collect = result.TrackedSteps[InstrumentedGenerator.ServiceCollectionStep].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(parse, Is.Not.Empty);
            Assert.That(parse, Is.All.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged));
            Assert.That(collect, Is.All.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged));
            Assert.That(outputs, Is.Not.Empty);
            Assert.That(outputs, Is.All.EqualTo(IncrementalStepRunReason.Cached), "no source is regenerated");
        });
    }

    [Test]
    public void Editing_a_method_body_in_the_same_file_does_not_regenerate()
    {
        const string Implementation = "\npublic sealed class Helper { public int Twice(int x) => x * 2; }\n";
        var compilation = GeneratorHarness.Compile(false, Sources.InterfaceShapes + Implementation);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(Sources.InterfaceShapes + Implementation.Replace("x * 2", "x + x", StringComparison.Ordinal), (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: "Input0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var parse = result.TrackedSteps[InstrumentedGenerator.ParseStep].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(parse, Is.All.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached), "the model is re-parsed but compares equal");
            Assert.That(outputs, Is.All.EqualTo(IncrementalStepRunReason.Cached));
        });
    }

    [Test]
    public void Editing_an_instrumented_interface_regenerates_its_decorator()
    {
        var compilation = GeneratorHarness.Compile(false, Sources.MethodOnly, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        string changed = Sources.MethodOnly.Replace("int Version { get; }", "int Version { get; }\n    int Size();", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(changed, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: "Input0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var parse = result.TrackedSteps[InstrumentedGenerator.ParseStep].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(parse, Does.Contain(IncrementalStepRunReason.Modified));
            Assert.That(result.GeneratedSources.Single().SourceText.ToString(), Does.Contain("IFraudModel.Size()"));
        });
    }
}
