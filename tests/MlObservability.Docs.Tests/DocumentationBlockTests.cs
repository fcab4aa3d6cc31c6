namespace MlObservability.Docs.Tests;

/// <summary>
/// Every C# block in README.md and docs/*.md compiles, as copied, into a <c>dotnet new web</c> project that references
/// the MlObservability packages; a block that is part of a program on purpose says so with <c>```csharp fragment</c>.
/// </summary>
public sealed class DocumentationBlockTests
{
    /// <summary>The blocks that must compile, each with the blocks that continue it.</summary>
    public static IEnumerable<TestCaseData> CompiledPrograms() =>
        MarkdownCodeBlocks.CompiledPrograms().Select(p => new TestCaseData(p).SetName($"Compiles {string.Join(" + ", p)}"));

    [TestCaseSource(nameof(CompiledPrograms))]
    public void Block_compiles_as_copied(IReadOnlyList<CodeBlock> program)
    {
        var diagnostics = SnippetCompiler.Compile(program);

        Assert.That(diagnostics, Is.Empty,
            $"The C# block at {string.Join(" + ", program)} does not compile as copied into a `dotnet new web` app. Fix it, "
            + "or mark it ```csharp fragment if it is part of a program on purpose:\n" + string.Join("\n", diagnostics));
    }

    [Test]
    public void Every_documentation_file_is_read()
    {
        var files = MarkdownCodeBlocks.DocumentationFiles().ToArray();

        Assert.That(files, Does.Contain("README.md").And.Contain("docs/getting-started.md").And.Contain("docs/onnxruntime.md"));
    }

    [Test]
    public void The_quick_starts_are_compiled_not_fragments()
    {
        var blocks = MarkdownCodeBlocks.CSharpBlocks().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(blocks.Where(b => b.File == "README.md"), Is.Not.Empty.And.All.Matches<CodeBlock>(b => !b.IsFragment),
                "README.md's C# blocks are what a newcomer copies first; each must compile.");
            Assert.That(blocks.Count(b => b.File == "docs/getting-started.md" && !b.IsFragment), Is.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public void A_broken_block_is_reported_with_its_file_and_line()
    {
        var block = new CodeBlock("docs/example.md", 42, "csharp", false, "var x = 1;\nint y = \"two\";");

        var diagnostics = SnippetCompiler.Compile(block);

        Assert.That(diagnostics, Has.Some.StartsWith("docs/example.md:43: error CS0029"));
    }

    [Test]
    public void The_generator_runs_on_blocks_so_AddInstrumented_exists()
    {
        var block = new CodeBlock("docs/example.md", 1, "csharp", false, """
            using MlObservability.Instrumentation;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddInstrumented<IScorer, Scorer>();

            [Instrumented("m")]
            public interface IScorer { double Score([FeatureVector] float[] features); }

            public sealed class Scorer : IScorer { public double Score(float[] features) => features[0]; }
            """);

        Assert.That(SnippetCompiler.Compile(block), Is.Empty);
    }

    [Test]
    public void Fragment_marker_and_line_numbers_are_parsed()
    {
        const string markdown = "# T\n\n```csharp fragment\nx;\n```\n\ntext\n````csharp\nvar a = 1;\n```\nstill code\n````\n";

        var blocks = MarkdownCodeBlocks.Parse("t.md", markdown).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(blocks, Has.Length.EqualTo(2));
            Assert.That(blocks[0], Is.EqualTo(new CodeBlock("t.md", 4, "csharp", true, "x;")));
            Assert.That(blocks[1].Line, Is.EqualTo(9));
            Assert.That(blocks[1].IsFragment, Is.False);
            Assert.That(blocks[1].Code, Is.EqualTo("var a = 1;\n```\nstill code"));
        });
    }

    [Test]
    public void A_continued_block_compiles_with_the_one_before_it()
    {
        var program = new CodeBlock("docs/example.md", 1, "csharp", false, "var scorer = new Scorer();\nConsole.WriteLine(scorer.Score());");
        var types = new CodeBlock("docs/example.md", 10, "csharp", false, "public sealed class Scorer { public double Score() => 1; }", Continues: true);

        Assert.Multiple(() =>
        {
            Assert.That(SnippetCompiler.Compile([program, types]), Is.Empty);
            Assert.That(SnippetCompiler.Compile(program), Has.Some.Contains("CS0246"), "alone, the first block lacks the type");
        });
    }
}
