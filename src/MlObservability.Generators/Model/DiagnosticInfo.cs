using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MlObservability.Generators.Model;

/// <summary>A diagnostic kept as plain values so that it caches; turned back into a <see cref="Diagnostic"/> on output.</summary>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    string? FilePath,
    TextSpan Span,
    LinePositionSpan LineSpan,
    EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        if (location is null || location.SourceTree is null)
        {
            return new DiagnosticInfo(descriptor, null, default, default, arguments.ToEquatableArray());
        }

        var lineSpan = location.GetLineSpan();
        return new DiagnosticInfo(descriptor, location.SourceTree.FilePath, location.SourceSpan, lineSpan.Span, arguments.ToEquatableArray());
    }

    public Diagnostic ToDiagnostic()
    {
        var location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
        var args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, location, args);
    }
}
