using System.Globalization;
using System.Text;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>Malformed reference profiles fail with one message naming the file, the field and what is expected; the CSV
/// reader follows RFC 4180 and streams.</summary>
public sealed class ReferenceProfileInputTests
{
    private const string Head = "{\"format\":\"mlobservability.reference-profile\",\"version\":1,";

    private static string Feature(string fields) => Head + "\"features\":[{\"name\":\"a\",\"kind\":\"numeric\"," + fields + "}]}";

    [TestCase("{\"format\":5,\"version\":1}", "\"format\"", "must be the string \"mlobservability.reference-profile\"", "the number 5")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":\"1\"}", "\"version\"", "must be 1", "the string \"1\"")]
    [TestCase("[1,2]", "\"(root)\"", "must be a JSON object", "an array of 2")]
    [TestCase(Head + "\"features\":{}}", "\"features\"", "non-empty array", "an object")]
    [TestCase(Head + "\"rowCount\":1e30,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":1,\"missing\":0,\"sample\":[1]}]}", "\"rowCount\"", "whole number from 0", "the number 1e30")]
    [TestCase(Head + "\"rowCount\":-1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":1,\"missing\":0,\"sample\":[1]}]}", "\"rowCount\"", "whole number from 0", "the number -1")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":1,\"missing\":0,\"min\":\"abc\",\"sample\":[1]}]}", "\"features[0].min\"", "finite number or null", "the string \"abc\"")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":-5,\"missing\":0,\"sample\":[]}]}", "\"features[0].count\"", "whole number from 0", "the number -5")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":2,\"missing\":0,\"sample\":[1,\"x\"]}]}", "\"features[0].sample[1]\"", "finite number", "the string \"x\"")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":2,\"missing\":0}]}", "\"features[0].sample\"", "is missing", "")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":1,\"missing\":0,\"sample\":[1,2]}]}", "\"features[0].sample\"", "cannot be larger than the count", "")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":1,\"missing\":0,\"min\":3,\"max\":1,\"sample\":[1]}]}", "\"features[0].min\"", "must not exceed", "")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"c\",\"kind\":\"categorical\",\"count\":1,\"missing\":0,\"categories\":[{\"value\":1,\"count\":true}]}]}", "\"features[0].categories[0].count\"", "whole number from 0", "a boolean")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":7,\"kind\":\"numeric\"}]}", "\"features[0].name\"", "must be a string", "the number 7")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":1,\"missing\":0,\"sample\":[1]}],\"score\":5}", "\"score\"", "must be a feature object", "the number 5")]
    public void Every_malformed_field_is_named_with_what_is_expected(string json, string field, string expected, string found)
    {
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => ReferenceProfile.Load(path));
            Assert.Multiple(() =>
            {
                Assert.That(e!.Message, Does.Contain(path), "names the file");
                Assert.That(e.Message, Does.Contain(field), "names the field");
                Assert.That(e.Message, Does.Contain(expected), "says what is expected");
                Assert.That(e.Message, Does.Contain(found), "says what was found");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Csv_quoting_follows_rfc_4180()
    {
        var path = Path.Combine(Path.GetTempPath(), $"train-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path,
            "note,\"x, in mm\",\"y \"\"raw\"\"\"\r\n" +
            "\"a,b\",1,10\r\n" +
            "\"line\nbreak, and \"\"quotes\"\"\",2,20\n" +
            "plain,3,30\r" +
            "\"\",\"4\",40\r\n" +
            "\r\n" +
            "\"last, no newline\",5,50");
        try
        {
            var profile = ReferenceProfile.FromCsv(path, columns: ["x, in mm", "y \"raw\""]);
            Assert.Multiple(() =>
            {
                Assert.That(profile.RowCount, Is.EqualTo(5));
                Assert.That(profile.Features[0].SortedSample.ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5 }));
                Assert.That(profile.Features[1].SortedSample.ToArray(), Is.EqualTo(new double[] { 10, 20, 30, 40, 50 }));
                Assert.That(profile.Features[0].MissingCount, Is.Zero);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("a,b\n1,2\n\"3,4\n", "line 3", "never closed")]
    [TestCase("a,b\n1,2\n\"3\"x,4\n", "line 3", "text follows the closing quote")]
    public void Malformed_csv_quoting_names_the_file_and_line(string text, string line, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"train-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => ReferenceProfile.FromCsv(path));
            Assert.That(e!.Message, Does.Contain(path).And.Contain(line).And.Contain(expected));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Empty_columns_is_named_as_the_mistake()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "a,b\n1,2\n");
        try
        {
            var e = Assert.Throws<ArgumentException>(() => ReferenceProfile.FromCsv(path, columns: []));
            Assert.Multiple(() =>
            {
                Assert.That(e!.ParamName, Is.EqualTo("columns"));
                Assert.That(e.Message, Does.StartWith("columns is empty"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_large_csv_is_streamed_not_held()
    {
        var path = Path.Combine(Path.GetTempPath(), $"train-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                writer.Write("f0,f1,\"label, text\",f3\n");
                ulong state = 42;
                for (int i = 0; i < 450_000; i++)
                {
                    state = (state * 6364136223846793005UL) + 1442695040888963407UL;
                    double a = (state >> 11) * (1.0 / (1UL << 53));
                    writer.Write(a.ToString("R", CultureInfo.InvariantCulture));
                    writer.Write(',');
                    writer.Write((a * 1000).ToString("F3", CultureInfo.InvariantCulture));
                    writer.Write(",\"row ");
                    writer.Write(i);
                    writer.Write(", quoted\",");
                    writer.Write(i % 7);
                    writer.Write('\n');
                }
            }

            long fileBytes = new FileInfo(path).Length;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var profile = ReferenceProfile.FromCsv(path, columns: ["f0", "f1", "f3"]);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            TestContext.Out.WriteLine($"allocated {allocated:N0} bytes reading a {fileBytes:N0}-byte CSV");
            Assert.Multiple(() =>
            {
                Assert.That(profile.RowCount, Is.EqualTo(450_000));
                Assert.That(profile.Features[2].Max, Is.EqualTo(6));
                Assert.That(fileBytes, Is.GreaterThan(20_000_000), "a file large enough for per-row allocation to show");
                Assert.That(allocated, Is.LessThan(fileBytes / 10), $"allocated {allocated:N0} bytes reading {fileBytes:N0}: the reader must stream");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
