namespace MlObservability.Docs.Tests;

/// <summary>Reads the fenced code blocks of the repository's Markdown documentation.</summary>
public static class MarkdownCodeBlocks
{
    /// <summary>The word in a fence's info string that marks a C# block as a fragment (<c>```csharp fragment</c>).</summary>
    public const string FragmentMarker = "fragment";

    /// <summary>The word that joins a C# block to the compiled block before it (<c>```csharp continued</c>).</summary>
    public const string ContinuedMarker = "continued";

    /// <summary>The compiled (non-fragment) C# blocks, each joined with the <c>continued</c> blocks after it.</summary>
    public static IEnumerable<IReadOnlyList<CodeBlock>> CompiledPrograms()
    {
        List<CodeBlock>? program = null;
        foreach (var block in CSharpBlocks().Where(b => !b.IsFragment))
        {
            if (block.Continues && program is not null && program[0].File == block.File)
            {
                program.Add(block);
                continue;
            }

            if (program is not null)
            {
                yield return program;
            }

            program = [block];
        }

        if (program is not null)
        {
            yield return program;
        }
    }

    /// <summary>The documentation files whose blocks are checked: README.md and docs/*.md.</summary>
    public static IEnumerable<string> DocumentationFiles()
    {
        yield return "README.md";
        foreach (var path in Directory.GetFiles(Path.Combine(DocsRoot, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            yield return "docs/" + Path.GetFileName(path);
        }
    }

    /// <summary>Where the copied documentation lives next to the test assembly.</summary>
    public static string DocsRoot => Path.Combine(AppContext.BaseDirectory, "docs-under-test");

    /// <summary>Every C# block of every documentation file.</summary>
    public static IEnumerable<CodeBlock> CSharpBlocks() =>
        DocumentationFiles().SelectMany(f => Parse(f, File.ReadAllText(Path.Combine(DocsRoot, f)))).Where(b => b.IsCSharp);

    /// <summary>Splits Markdown into its fenced blocks (backtick fences of three or more, CommonMark style).</summary>
    /// <param name="file">The file name to report.</param>
    /// <param name="markdown">The Markdown text.</param>
    /// <returns>The blocks in file order.</returns>
    public static IEnumerable<CodeBlock> Parse(string file, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart();
            if (!trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            int indent = lines[i].Length - trimmed.Length;
            int fence = trimmed.TakeWhile(c => c == '`').Count();
            string[] info = trimmed[fence..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var code = new List<string>();
            int start = i + 1;
            int j = start;
            for (; j < lines.Length; j++)
            {
                string candidate = lines[j].TrimStart();
                if (candidate.StartsWith(new string('`', fence), StringComparison.Ordinal) && candidate.Trim('`').Trim().Length == 0)
                {
                    break;
                }

                code.Add(lines[j].Length >= indent && string.IsNullOrWhiteSpace(lines[j][..indent]) ? lines[j][indent..] : lines[j]);
            }

            yield return new CodeBlock(
                file,
                start + 1,
                info.Length > 0 ? info[0].ToLowerInvariant() : string.Empty,
                info.Skip(1).Contains(FragmentMarker, StringComparer.OrdinalIgnoreCase),
                string.Join('\n', code),
                info.Skip(1).Contains(ContinuedMarker, StringComparer.OrdinalIgnoreCase));
            i = j;
        }
    }
}
