namespace MlObservability.Docs.Tests;

/// <summary>One fenced code block of a Markdown file.</summary>
/// <param name="File">The Markdown file, relative to the repository root (for example <c>docs/drift.md</c>).</param>
/// <param name="Line">The 1-based line of the first line of code (the line after the opening fence).</param>
/// <param name="Language">The first word of the info string (<c>csharp</c>).</param>
/// <param name="IsFragment">Whether the info string says <c>fragment</c>: the block is part of a program on purpose.</param>
/// <param name="Code">The code, without the fences.</param>
/// <param name="Continues">Whether the info string says <c>continued</c>: the block is compiled together with the
/// compiled block before it in the same file, as a second source file of one program.</param>
public sealed record CodeBlock(string File, int Line, string Language, bool IsFragment, string Code, bool Continues = false)
{
    /// <summary>Whether the block is C#.</summary>
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}";
}
