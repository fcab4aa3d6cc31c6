using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlObservability.Generators;

namespace MlObservability.Docs.Tests;

/// <summary>
/// Compiles one documentation block as the one source file of a <c>dotnet new web</c> project that references every
/// MlObservability package: the Web SDK's implicit usings, nullable on, the <c>[Instrumented]</c> generator running.
/// A block with top-level statements is a program; a block of type declarations is a library.
/// </summary>
public static class SnippetCompiler
{
    /// <summary>The global usings of a <c>dotnet new web</c> project (Microsoft.NET.Sdk.Web with ImplicitUsings).</summary>
    public static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    // Warnings a user's build would not show or that say nothing about the documentation being right.
    private static readonly HashSet<string> IgnoredWarnings = new(StringComparer.Ordinal)
    {
        "CS1701", "CS1702", // assembly unification
        "CS8019", // unnecessary using (the implicit usings make some redundant)
        "CS0105", // a using that repeats an implicit one
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>Compiles <paramref name="block"/> alone.</summary>
    /// <param name="block">The block.</param>
    /// <returns>The errors and warnings, each located in the Markdown file (file:line).</returns>
    public static IReadOnlyList<string> Compile(CodeBlock block) => Compile([block]);

    /// <summary>Compiles <paramref name="blocks"/> as the source files of one project.</summary>
    /// <param name="blocks">The blocks: a block and the blocks that continue it.</param>
    /// <returns>The errors and warnings, each located in the Markdown file (file:line).</returns>
    public static IReadOnlyList<string> Compile(IReadOnlyList<CodeBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var trees = blocks
            .Select(b => CSharpSyntaxTree.ParseText($"#line {b.Line} \"{b.File}\"\n{b.Code}\n", ParseOptions, path: $"{b.File}:{b.Line}"))
            .ToArray();
        bool isProgram = trees.Any(t => t.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any());
        var usings = CSharpSyntaxTree.ParseText(
            string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), ParseOptions, path: "GlobalUsings.g.cs");

        var compilation = CSharpCompilation.Create(
            "DocumentationBlock",
            [usings, .. trees],
            References.Value,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: false));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new InstrumentedGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);

        return generatorDiagnostics.Concat(generated.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && !IgnoredWarnings.Contains(d.Id)))
            .Select(Describe)
            .ToArray();
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        string where = span.IsValid ? $"{span.Path}:{span.StartLinePosition.Line + 1}" : "(no location)";
        return $"{where}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The assemblies of this test's runtime: the shared frameworks (including ASP.NET Core) and every package.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string paths = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set.");
        return
        [
            .. paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Where(p => !Path.GetFileName(p).StartsWith("MlObservability.Docs.Tests", StringComparison.Ordinal))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
        ];
    }
}
