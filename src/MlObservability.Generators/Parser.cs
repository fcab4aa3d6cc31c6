using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MlObservability.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlObservability.Generators;

/// <summary>Turns an [Instrumented] target into a <see cref="DecoratorSpec"/> and diagnostics.</summary>
internal static class Parser
{
    internal const string InstrumentedAttribute = "MlObservability.Instrumentation.InstrumentedAttribute";
    private const string FeatureVectorAttribute = "MlObservability.Instrumentation.FeatureVectorAttribute";
    private const string RequestIdAttribute = "MlObservability.Instrumentation.RequestIdAttribute";
    private const string PredictedLabelAttribute = "MlObservability.Instrumentation.PredictedLabelAttribute";
    private const string ConfidenceAttribute = "MlObservability.Instrumentation.ConfidenceAttribute";
    private const string PredictionResultInterface = "MlObservability.Instrumentation.IPredictionResult";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        DecoratorSpec? spec = null;
        switch (context.TargetSymbol)
        {
            case INamedTypeSymbol type:
                spec = ParseType(type, diagnostics, cancellationToken);
                break;
            case IMethodSymbol method:
                if (method.IsStatic)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticMethod, Location(method), method.ToDisplayString()));
                    break;
                }

                var owner = method.ContainingType;
                if (HasInstrumented(owner) || !IsFirstInstrumentedMethod(owner, method))
                {
                    break; // the type-level target, or the first marked method, speaks for the type
                }

                spec = ParseType(owner, diagnostics, cancellationToken);
                break;
        }

        return new ParseResult(spec, diagnostics.ToEquatableArray());
    }

    private static DecoratorSpec? ParseType(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        string display = type.ToDisplayString();
        if (type.TypeKind != TypeKind.Interface && type.TypeKind != TypeKind.Class)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, Location(type), display, "only interfaces and classes can be instrumented"));
            return null;
        }

        if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, Location(type), display, "generic types are not supported; instrument a closed interface that derives from it"));
            return null;
        }

        if (!IsReachableFromNamespace(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, Location(type), display, "it (or a type that contains it) is private, protected or file-local; make it internal or public"));
            return null;
        }

        bool isClass = type.TypeKind == TypeKind.Class;
        List<INamedTypeSymbol> interfaces;
        if (isClass)
        {
            if (type.IsStatic)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, Location(type), display, "static classes have no instances to decorate"));
                return null;
            }

            interfaces = type.AllInterfaces.Where(i => !IsSystemInterface(i)).ToList();
            if (interfaces.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassWithoutInterface, Location(type), display));
                return null;
            }
        }
        else
        {
            interfaces = new List<INamedTypeSymbol> { type };
            interfaces.AddRange(type.AllInterfaces);
        }

        foreach (var itf in interfaces)
        {
            foreach (var member in itf.GetMembers())
            {
                if (member.IsStatic && (member.IsAbstract || member.IsVirtual))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, Location(type), display, $"'{itf.ToDisplayString()}' has static abstract or static virtual members, which a decorator instance cannot implement"));
                    return null;
                }
            }
        }

        var typeAttribute = FindInstrumented(type);
        string defaultModel = DefaultModelName(type);
        var members = new List<MemberSpec>();
        var implemented = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var itf in interfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string itfName = itf.ToDisplayString(TypeFormat);
            foreach (var member in itf.GetMembers())
            {
                if (member.IsStatic || !(member.IsAbstract || member.IsVirtual))
                {
                    continue;
                }

                var implementation = isClass ? type.FindImplementationForInterfaceMember(member) : null;
                if (implementation is not null)
                {
                    implemented.Add(implementation);
                }

                var spec = member switch
                {
                    IMethodSymbol { MethodKind: MethodKind.Ordinary } method =>
                        ParseMethod(type, itfName, method, implementation as IMethodSymbol, IsSystemInterface(itf) ? null : typeAttribute, defaultModel, diagnostics),
                    IPropertySymbol property => ParseProperty(itfName, property),
                    IEventSymbol evt => new MemberSpec(MemberKind.Event, itfName, evt.Name, evt.Type.ToDisplayString(TypeFormat), string.Empty, ReturnShape.Void, string.Empty,
                        EquatableArray<TypeParameterSpec>.Empty, EquatableArray<ParameterSpec>.Empty, false, false, null),
                    _ => null,
                };
                if (spec is not null)
                {
                    members.Add(spec);
                }
            }
        }

        if (isClass)
        {
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (!method.IsStatic && method.MethodKind == MethodKind.Ordinary && HasInstrumented(method) && !implemented.Contains(method))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodOutsideInterface, Location(method), method.Name, display));
                }
            }
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        return new DecoratorSpec(
            ns,
            "Instrumented" + StripInterfacePrefix(type),
            IsEffectivelyPublic(type),
            isClass,
            type.ToDisplayString(TypeFormat),
            interfaces.Select(i => i.ToDisplayString(TypeFormat)).ToEquatableArray(),
            members.ToEquatableArray());
    }

    private static MemberSpec ParseMethod(
        INamedTypeSymbol target,
        string itfName,
        IMethodSymbol method,
        IMethodSymbol? implementation,
        AttributeData? typeAttribute,
        string defaultModel,
        List<DiagnosticInfo> diagnostics)
    {
        var parameters = method.Parameters.Select(p => new ParameterSpec(
            Escape(p.Name),
            p.Type.ToDisplayString(TypeFormat),
            p.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", RefKind.RefReadOnlyParameter => "ref readonly ", _ => string.Empty },
            p.Type.ToDisplayString() == "System.Threading.CancellationToken")).ToEquatableArray();
        var typeParameters = method.TypeParameters.Select(t => new TypeParameterSpec(
            t.Name, !t.HasReferenceTypeConstraint && !t.HasValueTypeConstraint && !t.HasUnmanagedTypeConstraint)).ToEquatableArray();
        string refReturn = method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty;
        var (shape, resultType) = ClassifyReturn(method);
        string returnType = method.ReturnType.ToDisplayString(TypeFormat);

        var methodAttribute = FindInstrumented(implementation) ?? FindInstrumented(method);
        // Members of System interfaces (IDisposable...) are plumbing, not model endpoints: forwarded unless marked.
        var attribute = methodAttribute ?? typeAttribute ?? FindInstrumented(method.ContainingType);
        InstrumentationSpec? instrumentation = null;
        if (attribute is not null)
        {
            string? refusal = RefusalReason(method, shape);
            if (refusal is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethodShape, Location(implementation ?? method, target), method.ToDisplayString(), refusal));
            }
            else
            {
                instrumentation = ParseInstrumentation(target, method, implementation, methodAttribute, typeAttribute, defaultModel, resultType, diagnostics);
            }
        }

        return new MemberSpec(MemberKind.Method, itfName, Escape(method.Name), returnType, refReturn, shape, resultType?.ToDisplayString(TypeFormat) ?? string.Empty,
            typeParameters, parameters, false, false, instrumentation);
    }

    private static InstrumentationSpec ParseInstrumentation(
        INamedTypeSymbol target,
        IMethodSymbol method,
        IMethodSymbol? implementation,
        AttributeData? methodAttribute,
        AttributeData? typeAttribute,
        string defaultModel,
        ITypeSymbol? resultType,
        List<DiagnosticInfo> diagnostics)
    {
        string modelName = Named(methodAttribute, "ModelName") ?? Named(typeAttribute, "ModelName") ?? Named(FindInstrumented(method.ContainingType), "ModelName") ?? defaultModel;
        string version = Named(methodAttribute, "ModelVersion") ?? Named(typeAttribute, "ModelVersion") ?? Named(FindInstrumented(method.ContainingType), "ModelVersion") ?? string.Empty;
        string endpoint = Named(methodAttribute, "Endpoint") ?? Named(typeAttribute, "Endpoint") ?? Named(FindInstrumented(method.ContainingType), "Endpoint") ?? DefaultEndpoint(method.Name);

        string featureParameter = string.Empty;
        var features = FeatureShape.None;
        var embeddings = new List<EmbeddingSpec>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var implParameter = implementation is not null && implementation.Parameters.Length > i ? implementation.Parameters[i] : null;
            var featureAttribute = FindAttribute(parameter, FeatureVectorAttribute) ?? (implParameter is null ? null : FindAttribute(implParameter, FeatureVectorAttribute));
            if (featureAttribute is null)
            {
                continue;
            }

            if (IsEmbedding(featureAttribute))
            {
                var embeddingShape = ClassifyEmbedding(parameter.Type);
                if (embeddingShape == FeatureShape.None || parameter.RefKind == RefKind.Out)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedEmbedding, Location(implParameter ?? parameter, target),
                        parameter.Name, method.ToDisplayString(), parameter.Type.ToDisplayString()));
                    continue;
                }

                embeddings.Add(new EmbeddingSpec(Escape(parameter.Name), Named(featureAttribute, "Name") ?? parameter.Name, embeddingShape));
                continue;
            }

            if (features != FeatureShape.None)
            {
                continue; // the first feature row wins, as before embeddings existed
            }

            var shape = ClassifyFeatures(parameter.Type);
            if (shape == FeatureShape.None || parameter.RefKind == RefKind.Out)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedFeatureVector, Location(implParameter ?? parameter, target),
                    parameter.Name, method.ToDisplayString(), parameter.Type.ToDisplayString()));
                continue;
            }

            featureParameter = Escape(parameter.Name);
            features = shape;
        }

        var output = OutputShape.None;
        string label = string.Empty, confidence = string.Empty;
        bool isReference = false;
        if (resultType is not null && resultType.TypeKind != TypeKind.TypeParameter)
        {
            isReference = resultType.IsReferenceType || resultType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            if (resultType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                resultType = null; // Nullable<T> results are not captured: T's members are behind .Value
            }
            else if (ImplementsPredictionResult(resultType))
            {
                output = OutputShape.PredictionResult;
            }
            else
            {
                (output, label, confidence) = FindPredictionMembers(resultType, target, implementation ?? method, diagnostics);
            }
        }

        string requestIdParameter = string.Empty;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var implParameter = implementation is not null && implementation.Parameters.Length > i ? implementation.Parameters[i] : null;
            bool marked = HasAttribute(parameter, RequestIdAttribute) || (implParameter is not null && HasAttribute(implParameter, RequestIdAttribute));
            if (!marked)
            {
                continue;
            }

            if (parameter.Type.SpecialType == SpecialType.System_String && parameter.RefKind is RefKind.None or RefKind.In)
            {
                requestIdParameter = Escape(parameter.Name);
                break;
            }

            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedRequestId, Location(implParameter ?? parameter, target),
                parameter.Name, method.ToDisplayString(), parameter.Type.ToDisplayString()));
        }

        return new InstrumentationSpec(modelName, version, endpoint, featureParameter, features, output, isReference, label, confidence, requestIdParameter, new EquatableArray<EmbeddingSpec>(embeddings));
    }

    private static (OutputShape Shape, string Label, string Confidence) FindPredictionMembers(ITypeSymbol type, INamedTypeSymbol target, ISymbol method, List<DiagnosticInfo> diagnostics)
    {
        ISymbol? label = null, confidence = null;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not (IPropertySymbol or IFieldSymbol) || member.IsStatic)
                {
                    continue;
                }

                if (label is null && HasAttribute(member, PredictedLabelAttribute))
                {
                    label = member;
                }

                if (confidence is null && HasAttribute(member, ConfidenceAttribute))
                {
                    confidence = member;
                }
            }
        }

        if (label is null && confidence is null)
        {
            return (OutputShape.None, string.Empty, string.Empty);
        }

        string? problem = label is null ? "[PredictedLabel] is missing"
            : confidence is null ? "[Confidence] is missing"
            : !IsLabelType(MemberType(label)) ? $"'{label.Name}' is neither string nor int"
            : !IsConfidenceType(MemberType(confidence)) ? $"'{confidence.Name}' is neither double nor float"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncompletePrediction, Location(method, target), type.ToDisplayString(), problem));
            return (OutputShape.None, string.Empty, string.Empty);
        }

        return (OutputShape.Members, Escape(label!.Name), Escape(confidence!.Name));
    }

    private static MemberSpec ParseProperty(string itfName, IPropertySymbol property)
    {
        var parameters = property.Parameters.Select(p => new ParameterSpec(Escape(p.Name), p.Type.ToDisplayString(TypeFormat),
            p.RefKind == RefKind.In ? "in " : string.Empty, false)).ToEquatableArray();
        string refReturn = property.ReturnsByRefReadonly ? "ref readonly " : property.ReturnsByRef ? "ref " : string.Empty;
        return new MemberSpec(property.IsIndexer ? MemberKind.Indexer : MemberKind.Property, itfName, Escape(property.Name), property.Type.ToDisplayString(TypeFormat),
            refReturn, ReturnShape.Value, string.Empty, EquatableArray<TypeParameterSpec>.Empty, parameters,
            property.GetMethod is not null, property.SetMethod is not null && refReturn.Length == 0, null);
    }

    private static (ReturnShape Shape, ITypeSymbol? Result) ClassifyReturn(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return (ReturnShape.Void, null);
        }

        var type = method.ReturnType;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return (ReturnShape.Value, null);
        }

        if (type is INamedTypeSymbol named && named.ContainingNamespace is { } ns)
        {
            string nsName = ns.ToDisplayString();
            string name = named.MetadataName;
            if (nsName == "System.Threading.Tasks")
            {
                switch (name)
                {
                    case "Task": return (ReturnShape.Task, null);
                    case "Task`1": return (ReturnShape.TaskOfT, named.TypeArguments[0]);
                    case "ValueTask": return (ReturnShape.ValueTask, null);
                    case "ValueTask`1": return (ReturnShape.ValueTaskOfT, named.TypeArguments[0]);
                }
            }

            if (nsName == "System.Collections.Generic" && name == "IAsyncEnumerable`1")
            {
                return (ReturnShape.AsyncEnumerable, named.TypeArguments[0]);
            }
        }

        return (ReturnShape.Value, type);
    }

    private static string? RefusalReason(IMethodSymbol method, ReturnShape shape)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "it returns by reference, and timing a by-ref return would copy it";
        }

        if (method.ReturnType.IsRefLikeType)
        {
            return "it returns a ref struct, which cannot be captured";
        }

        bool isAsync = shape is ReturnShape.Task or ReturnShape.TaskOfT or ReturnShape.ValueTask or ReturnShape.ValueTaskOfT or ReturnShape.AsyncEnumerable;
        if (isAsync && method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            return "it returns a task or stream and has ref, out or in parameters, which an async wrapper cannot take";
        }

        if (isAsync && method.Parameters.Any(p => p.Type.IsRefLikeType))
        {
            return "it returns a task or stream and has a ref struct parameter (Span and the like), which an async wrapper cannot take";
        }

        return null;
    }

    private static FeatureShape ClassifyFeatures(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (IsFloatOrDouble(array.ElementType))
            {
                return FeatureShape.Span;
            }

            return array.ElementType is IArrayTypeSymbol { Rank: 1 } inner && IsFloatOrDouble(inner.ElementType) ? FeatureShape.Batch : FeatureShape.None;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named && named.ContainingNamespace?.ToDisplayString() == "System" && IsFloatOrDouble(named.TypeArguments[0]))
        {
            switch (named.MetadataName)
            {
                case "Span`1":
                case "ReadOnlySpan`1":
                    return FeatureShape.Span;
                case "Memory`1":
                case "ReadOnlyMemory`1":
                    return FeatureShape.Memory;
            }
        }

        return FeatureShape.None;
    }

    /// <summary>How an embedding parameter is passed: <c>float[]</c> and spans as a span, memories as a memory,
    /// <c>float[][]</c> as a batch; anything else (double included: the detectors keep floats) is unsupported.</summary>
    private static FeatureShape ClassifyEmbedding(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Single)
            {
                return FeatureShape.Span;
            }

            return array.ElementType is IArrayTypeSymbol { Rank: 1 } inner && inner.ElementType.SpecialType == SpecialType.System_Single ? FeatureShape.Batch : FeatureShape.None;
        }

        return ClassifyFeatures(type) is var shape and (FeatureShape.Span or FeatureShape.Memory)
            && ((INamedTypeSymbol)type).TypeArguments[0].SpecialType == SpecialType.System_Single ? shape : FeatureShape.None;
    }

    private static bool IsEmbedding(AttributeData attribute)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == "IsEmbedding" && pair.Value.Value is true)
            {
                return true;
            }
        }

        return false;
    }

    private static AttributeData? FindAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    private static bool IsFloatOrDouble(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    private static bool IsLabelType(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_String or SpecialType.System_Int32;

    private static bool IsConfidenceType(ITypeSymbol? type) => type is not null && IsFloatOrDouble(type);

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IPropertySymbol p => p.Type,
        IFieldSymbol f => f.Type,
        _ => null,
    };

    private static bool ImplementsPredictionResult(ITypeSymbol type) =>
        type.ToDisplayString() == PredictionResultInterface || type.AllInterfaces.Any(i => i.ToDisplayString() == PredictionResultInterface);

    private static bool IsSystemInterface(INamedTypeSymbol itf)
    {
        string ns = itf.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns == "Microsoft" || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal);
    }

    private static bool IsReachableFromNamespace(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal || current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }

            if (current.ContainingType is { IsGenericType: true })
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEffectivelyPublic(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFirstInstrumentedMethod(INamedTypeSymbol owner, IMethodSymbol method)
    {
        foreach (var member in owner.GetMembers())
        {
            if (member is IMethodSymbol { IsStatic: false } candidate && HasInstrumented(candidate))
            {
                return SymbolEqualityComparer.Default.Equals(candidate, method);
            }
        }

        return false;
    }

    private static bool HasInstrumented(ISymbol? symbol) => FindInstrumented(symbol) is not null;

    private static AttributeData? FindInstrumented(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == InstrumentedAttribute)
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    private static string? Named(AttributeData? attribute, string name)
    {
        if (attribute is null)
        {
            return null;
        }

        if (name == "ModelName" && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string ctorName && !string.IsNullOrWhiteSpace(ctorName))
        {
            return ctorName;
        }

        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is string value && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    private static string DefaultModelName(INamedTypeSymbol type) => StripInterfacePrefix(type);

    private static string StripInterfacePrefix(INamedTypeSymbol type)
    {
        string name = type.Name;
        return type.TypeKind == TypeKind.Interface && name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? name.Substring(1) : name;
    }

    private static string DefaultEndpoint(string methodName) =>
        methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal) ? methodName.Substring(0, methodName.Length - 5) : methodName;

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword ? "@" + name : name;

    private static Location? Location(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);

    /// <summary>The symbol's location when it is in source, else the target type's (metadata members have none).</summary>
    private static Location? Location(ISymbol symbol, INamedTypeSymbol target) => Location(symbol) ?? Location(target);
}
