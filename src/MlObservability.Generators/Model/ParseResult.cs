namespace MlObservability.Generators.Model;

/// <summary>What the parser found for one attribute target: a decorator to emit and/or diagnostics.</summary>
internal sealed record ParseResult(DecoratorSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
