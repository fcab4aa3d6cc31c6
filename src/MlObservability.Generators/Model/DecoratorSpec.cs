namespace MlObservability.Generators.Model;

/// <summary>Everything the emitter needs to write one decorator; no symbols, so it caches between edits.</summary>
/// <param name="Namespace">The namespace of the decorated type; empty for the global namespace.</param>
/// <param name="DecoratorName">The name of the generated class.</param>
/// <param name="IsPublic">Whether the decorated type is public (the decorator follows it).</param>
/// <param name="IsClassTarget">Whether the attribute is on a class (the decorator wraps the class).</param>
/// <param name="InnerType">The fully qualified type the decorator wraps.</param>
/// <param name="Interfaces">The fully qualified interfaces the decorator implements.</param>
/// <param name="Members">The members, in declaration order.</param>
internal sealed record DecoratorSpec(
    string Namespace,
    string DecoratorName,
    bool IsPublic,
    bool IsClassTarget,
    string InnerType,
    EquatableArray<string> Interfaces,
    EquatableArray<MemberSpec> Members)
{
    public string FullDecoratorName => Namespace.Length == 0 ? "global::" + DecoratorName : "global::" + Namespace + "." + DecoratorName;

    /// <summary>Named after the decorated type, so that two decorators with the same class name never share a file.</summary>
    public string HintName => InnerType.Replace("global::", string.Empty) + ".Instrumented.g.cs";
}
