using System.Collections.Immutable;
using System.Linq;
using MlObservability.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlObservability.Generators;

/// <summary>
/// Emits a monitoring decorator for every interface, class or method marked <c>[Instrumented]</c>, and DI registration
/// extensions when the compilation references Microsoft.Extensions.DependencyInjection.Abstractions.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class InstrumentedGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name of the parse step (used by caching tests).</summary>
    public const string ParseStep = "InstrumentedTargets";

    /// <summary>Tracking name of the step that collects decorators for the DI extensions.</summary>
    public const string ServiceCollectionStep = "InstrumentedServiceCollection";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider.ForAttributeWithMetadataName(
                Parser.InstrumentedAttribute,
                static (node, _) => node is InterfaceDeclarationSyntax or ClassDeclarationSyntax or MethodDeclarationSyntax,
                Parser.Parse)
            .WithTrackingName(ParseStep);

        context.RegisterSourceOutput(results, static (spc, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Spec is { } spec)
            {
                spc.AddSource(spec.HintName, Emitter.Emit(spec));
            }
        });

        var hasDependencyInjection = context.CompilationProvider.Select(static (compilation, _) =>
            compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection") is not null);
        var specs = results
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!)
            .Collect()
            .Combine(hasDependencyInjection)
            .WithTrackingName(ServiceCollectionStep);
        context.RegisterSourceOutput(specs, static (spc, pair) =>
        {
            var (decorators, hasDi) = pair;
            if (hasDi && decorators.Length > 0)
            {
                spc.AddSource(ServiceCollectionEmitter.HintName, ServiceCollectionEmitter.Emit(decorators.Distinct().ToImmutableArray()));
            }
        });
    }
}
