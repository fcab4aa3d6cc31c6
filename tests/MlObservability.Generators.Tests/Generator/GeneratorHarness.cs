using System.Collections.Immutable;
using System.Reflection;
using MlObservability.Instrumentation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace MlObservability.Generators.Tests.Generator;

/// <summary>Drives <see cref="InstrumentedGenerator"/> with <see cref="CSharpGeneratorDriver"/> over source text.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> FrameworkReferences =
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(InstrumentedAttribute).Assembly.Location))
            .ToImmutableArray();

    private static readonly MetadataReference DependencyInjection = MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location);

    public static CSharpCompilation Compile(bool withDependencyInjection, params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorInput",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i}.cs")),
            withDependencyInjection ? FrameworkReferences.Add(DependencyInjection) : FrameworkReferences,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new InstrumentedGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator; returns its result and the diagnostics of the compilation that includes its output (all
    /// warning waves, documentation comments checked), limited to the generated files.
    /// </summary>
    public static (GeneratorRunResult Result, ImmutableArray<Diagnostic> OutputDiagnostics) Run(bool withDependencyInjection, params string[] sources)
    {
        var compilation = Compile(withDependencyInjection, sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        var generated = output.SyntaxTrees.Skip(sources.Length).ToHashSet();
        return (result, output.GetDiagnostics().Where(d => d.Location.SourceTree is { } tree && generated.Contains(tree)).ToImmutableArray());
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
