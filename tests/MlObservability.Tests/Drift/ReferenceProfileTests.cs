using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class ReferenceProfileTests
{
    private static ReferenceProfile Build(int rows, int sampleSize)
    {
        var builder = new ReferenceProfileBuilder(["x", "colour"], new ReferenceProfileOptions { SampleSize = sampleSize, CategoricalFeatures = new HashSet<string> { "colour" } });
        for (var i = 0; i < rows; i++)
        {
            builder.AddRow([i % 10 == 9 ? double.NaN : i, i % 3]);
        }

        builder.AddScore(0.25);
        builder.AddScore(0.75);
        return builder.Build();
    }

    [Test]
    public void Summaries_are_exact_and_the_sample_is_capped_and_sorted()
    {
        var profile = Build(10_000, 500);
        var x = profile.Features[0];
        var valid = Enumerable.Range(0, 10_000).Where(i => i % 10 != 9).Select(i => (double)i).ToArray();
        var mean = valid.Average();
        Assert.Multiple(() =>
        {
            Assert.That(x.Count, Is.EqualTo(9_000));
            Assert.That(x.MissingCount, Is.EqualTo(1_000));
            Assert.That(x.MissingRate, Is.EqualTo(0.1).Within(1e-12));
            Assert.That(x.Min, Is.EqualTo(0));
            Assert.That(x.Max, Is.EqualTo(9_998));
            Assert.That(x.Mean, Is.EqualTo(mean).Within(1e-9));
            Assert.That(x.StandardDeviation, Is.EqualTo(Math.Sqrt(valid.Sum(v => (v - mean) * (v - mean)) / valid.Length)).Within(1e-6));
            Assert.That(x.SortedSample.Length, Is.EqualTo(500));
            Assert.That(x.SortedSample.ToArray(), Is.Ordered);
            Assert.That(x.SortedSample.ToArray().Max(), Is.GreaterThan(5_000), "a reservoir sample covers the whole stream, not a prefix");
            var colour = profile.Features[1];
            Assert.That(colour.Kind, Is.EqualTo(FeatureKind.Categorical));
            Assert.That(colour.CategoryValues.ToArray(), Is.EqualTo(new double[] { 0, 1, 2 }));
            Assert.That(colour.CategoryCounts.ToArray(), Is.EqualTo(new long[] { 3334, 3333, 3333 }));
            Assert.That(profile.Score!.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void Json_round_trip_preserves_everything()
    {
        var profile = Build(2_000, 300);
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.json");
        try
        {
            profile.Save(path);
            var loaded = ReferenceProfile.Load(path);
            Assert.Multiple(() =>
            {
                Assert.That(loaded.ToJson(), Is.EqualTo(profile.ToJson()));
                Assert.That(loaded.Features[0].SortedSample.ToArray(), Is.EqualTo(profile.Features[0].SortedSample.ToArray()));
                Assert.That(loaded.Features[1].CategoryCounts.ToArray(), Is.EqualTo(profile.Features[1].CategoryCounts.ToArray()));
                Assert.That(loaded.Features[0].StandardDeviation, Is.EqualTo(profile.Features[0].StandardDeviation));
                Assert.That(loaded.RowCount, Is.EqualTo(2_000));
                Assert.That(loaded.PredictedClass, Is.Null);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("{}", "format")]
    [TestCase("not json", "not valid JSON")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":9,\"features\":[]}", "version")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[]}", "features")]
    [TestCase("{\"format\":\"mlobservability.reference-profile\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"numeric\",\"count\":2,\"missing\":0,\"sample\":[2,1]}]}", "not sorted")]
    public void Invalid_json_fails_with_a_message_that_says_what_is_wrong(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => ReferenceProfile.FromJson(json));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void Csv_cells_that_are_empty_or_not_numbers_count_as_missing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"train-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["a,b,ignored", "1,x,7", "2,,7", "3,4.5,7", "NA,5,7"]);
        try
        {
            var profile = ReferenceProfile.FromCsv(path, columns: ["b", "a"]);
            Assert.Multiple(() =>
            {
                Assert.That(profile.Features.Select(f => f.Name), Is.EqualTo(new[] { "b", "a" }));
                Assert.That(profile.Features[0].Count, Is.EqualTo(2));
                Assert.That(profile.Features[0].MissingCount, Is.EqualTo(2));
                Assert.That(profile.Features[1].SortedSample.ToArray(), Is.EqualTo(new double[] { 1, 2, 3 }));
                Assert.That(Assert.Throws<InvalidDataException>(() => ReferenceProfile.FromCsv(path, columns: ["zzz"]))!.Message, Does.Contain("no column 'zzz'"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Builder_rejects_duplicate_names_and_unknown_categorical_features()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentException>(() => new ReferenceProfileBuilder(["a", "a"]))!.Message, Does.Contain("twice"));
            Assert.That(
                Assert.Throws<ArgumentException>(() => new ReferenceProfileBuilder(["a"], new ReferenceProfileOptions { CategoricalFeatures = new HashSet<string> { "b" } }))!.Message,
                Does.Contain("'b' is not one of the feature names"));
        });
    }
}
