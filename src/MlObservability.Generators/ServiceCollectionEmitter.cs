using System.Collections.Immutable;
using System.Linq;
using MlObservability.Generators.Model;

namespace MlObservability.Generators;

/// <summary>
/// Writes <c>AddInstrumented&lt;TService, TImplementation&gt;()</c> and <c>DecorateWithInstrumentation&lt;TService&gt;()</c>
/// for the decorators of a compilation that references Microsoft.Extensions.DependencyInjection.Abstractions.
/// </summary>
internal static class ServiceCollectionEmitter
{
    public const string HintName = "InstrumentedServiceCollectionExtensions.g.cs";

    public static string Emit(ImmutableArray<DecoratorSpec> specs)
    {
        const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
        const string Lifetime = "global::Microsoft.Extensions.DependencyInjection.ServiceLifetime";
        const string Descriptor = "global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor";
        const string Provider = "global::System.IServiceProvider";
        var ordered = specs.OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToList();

        var w = new CodeWriter();
        w.Raw(Emitter.Header);
        w.Line();
        w.Line("namespace Microsoft.Extensions.DependencyInjection");
        w.Open();
        w.Line("/// <summary>Registers services behind their generated <c>[Instrumented]</c> decorators.</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"MlObservability.Generators\", \"1.0.0\")]");
        w.Line("internal static class InstrumentedServiceCollectionExtensions");
        w.Open();

        w.Line("/// <summary>");
        w.Line("/// Registers <typeparamref name=\"TImplementation\"/> and exposes it as <typeparamref name=\"TService\"/> wrapped in its");
        w.Line("/// generated <c>[Instrumented]</c> decorator. Calling it twice for the same service is harmless.");
        w.Line("/// </summary>");
        w.Line("/// <typeparam name=\"TService\">The instrumented interface.</typeparam>");
        w.Line("/// <typeparam name=\"TImplementation\">The implementation.</typeparam>");
        w.Line("/// <param name=\"services\">The service collection.</param>");
        w.Line("/// <param name=\"lifetime\">The lifetime of both registrations; singleton by default.</param>");
        w.Line("/// <returns>The service collection.</returns>");
        w.Line($"public static {Services} AddInstrumented<TService, [global::System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(global::System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(this {Services} services, {Lifetime} lifetime = {Lifetime}.Singleton)");
        w.Line("    where TService : class");
        w.Line("    where TImplementation : class, TService");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Line($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAdd(services, new {Descriptor}(typeof(TImplementation), typeof(TImplementation), lifetime));");
        w.Line($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAdd(services, new {Descriptor}(typeof(TService), static provider => Decorate<TService>((TService)global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TImplementation>(provider)), lifetime));");
        w.Line("return services;");
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// Replaces the last registration of <typeparamref name=\"TService\"/> with one that wraps the same implementation in");
        w.Line("/// its generated <c>[Instrumented]</c> decorator, keeping the lifetime.");
        w.Line("/// </summary>");
        w.Line("/// <typeparam name=\"TService\">The instrumented interface.</typeparam>");
        w.Line("/// <param name=\"services\">The service collection.</param>");
        w.Line("/// <returns>The service collection.</returns>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">No registration of <typeparamref name=\"TService\"/> exists.</exception>");
        w.Line($"public static {Services} DecorateWithInstrumentation<TService>(this {Services} services)");
        w.Line("    where TService : class");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Line("for (int i = services.Count - 1; i >= 0; i--)");
        w.Open();
        w.Line("var original = services[i];");
        w.Line("if (original.ServiceType != typeof(TService) || original.IsKeyedService)");
        w.Open();
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line($"services[i] = new {Descriptor}(typeof(TService), provider => Decorate<TService>((TService)CreateOriginal(provider, original)), original.Lifetime);");
        w.Line("return services;");
        w.Close();
        w.Line();
        w.Line("throw new global::System.InvalidOperationException($\"DecorateWithInstrumentation<{typeof(TService).Name}>() found no registration of {typeof(TService)}; register the service before decorating it.\");");
        w.Close();
        w.Line();

        w.Line($"private static object CreateOriginal({Provider} provider, {Descriptor} original) =>");
        w.Line("    original.ImplementationInstance");
        w.Line("    ?? original.ImplementationFactory?.Invoke(provider)");
        w.Line("    ?? global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(provider, original.ImplementationType!);");
        w.Line();

        w.Line("private static TService Decorate<TService>(TService inner)");
        w.Line("    where TService : class");
        w.Open();
        int n = 0;
        foreach (var spec in ordered.Where(s => s.IsClassTarget))
        {
            string local = "__target" + n++;
            string types = string.Join(" || ", spec.Interfaces.Select(i => $"typeof(TService) == typeof({i})"));
            w.Line($"if (inner is {spec.InnerType} {local} && ({types}))");
            w.Open();
            w.Line($"return (TService)(object)new {spec.FullDecoratorName}({local});");
            w.Close();
            w.Line();
        }

        foreach (var spec in ordered.Where(s => !s.IsClassTarget))
        {
            w.Line($"if (typeof(TService) == typeof({spec.InnerType}))");
            w.Open();
            w.Line($"return (TService)(object)new {spec.FullDecoratorName}(({spec.InnerType})(object)inner);");
            w.Close();
            w.Line();
        }

        w.Line("throw new global::System.InvalidOperationException($\"{typeof(TService)} (implemented by {inner.GetType()}) has no [Instrumented] decorator; put [Instrumented] on the interface or on its implementation.\");");
        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }
}
