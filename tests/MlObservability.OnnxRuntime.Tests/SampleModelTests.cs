using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MlObservability.Drift;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>
/// The sample's model is trained on a split and the simulation replays the held-out rows (issue #20, item 20): the files
/// samples/MlObservability.Sample/Data/build_sample_model.py writes, run through ONNX Runtime.
/// </summary>
public sealed class SampleModelTests
{
    private static string SampleData => Path.Combine(TestContext.CurrentContext.TestDirectory, "SampleData");

    private static List<string> Rows(string file) => File.ReadAllLines(Path.Combine(SampleData, file)).Skip(1).Where(l => l.Length > 0).ToList();

    [Test]
    public void Training_and_held_out_rows_split_the_wine_data_without_overlap()
    {
        var all = Rows("wine_data.csv");
        var train = Rows("wine_train.csv");
        var holdout = Rows("wine_holdout.csv");
        Assert.Multiple(() =>
        {
            Assert.That(train.Concat(holdout), Is.EquivalentTo(all), "together they are the 178 rows");
            Assert.That(train.Intersect(holdout), Is.Empty, "no row is in both");
            Assert.That(holdout, Has.Count.EqualTo(72).Or.Count.EqualTo(71), "40 %");
        });
    }

    [Test]
    public void The_model_scores_held_out_rows_as_its_metadata_says_and_not_perfectly()
    {
        using var session = new InferenceSession(Path.Combine(SampleData, "wine_sample_mlp.onnx"));
        var metadata = session.ModelMetadata.CustomMetadataMap;
        double holdout = Accuracy(session, "wine_holdout.csv");
        double train = Accuracy(session, "wine_train.csv");
        Assert.Multiple(() =>
        {
            Assert.That(metadata["training_rows"], Is.EqualTo(Rows("wine_train.csv").Count.ToString(CultureInfo.InvariantCulture)));
            Assert.That(holdout.ToString("F4", CultureInfo.InvariantCulture), Is.EqualTo(metadata["holdout_accuracy"]));
            Assert.That(train.ToString("F4", CultureInfo.InvariantCulture), Is.EqualTo(metadata["training_accuracy"]));
            Assert.That(holdout, Is.LessThan(1.0), "held-out rows are not all right, as in a real service");
            Assert.That(holdout, Is.LessThan(train), "the model knows its training rows better");
        });
    }

    /// <summary>The bad deploy of the simulation (version 4, trained on a biased subset by build_biased_model.py) is
    /// clearly worse on the held-out rows than version 3, by what its metadata says, so the quality alert can catch it.</summary>
    [Test]
    public void The_biased_version_scores_held_out_rows_as_its_metadata_says_and_clearly_worse()
    {
        using var good = new InferenceSession(Path.Combine(SampleData, "wine_sample_mlp.onnx"));
        using var biased = new InferenceSession(Path.Combine(SampleData, "wine_sample_mlp_v4_biased.onnx"));
        var metadata = biased.ModelMetadata.CustomMetadataMap;
        double holdout = Accuracy(biased, "wine_holdout.csv");
        Assert.Multiple(() =>
        {
            Assert.That(biased.ModelMetadata.Version, Is.EqualTo(4));
            Assert.That(holdout.ToString("F4", CultureInfo.InvariantCulture), Is.EqualTo(metadata["holdout_accuracy"]));
            Assert.That(holdout, Is.LessThan(Accuracy(good, "wine_holdout.csv") - 0.15), "worse than version 3 by more than the shift phase's drop");
        });
    }

    private static double Accuracy(InferenceSession session, string file)
    {
        var rows = Rows(file).Select(l => l.Split(',')).ToArray();
        float[] features = rows.SelectMany(r => r[..^1].Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(features, [rows.Length, 13]);
        using var output = session.Run(new RunOptions(), ["features"], [input], ["probabilities"]);
        var p = output[0].GetTensorDataAsSpan<float>().ToArray();
        int correct = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var row = p.AsSpan(i * 3, 3);
            int best = row.IndexOf(MathF.Max(row[0], MathF.Max(row[1], row[2])));
            correct += best == int.Parse(rows[i][^1], CultureInfo.InvariantCulture) ? 1 : 0;
        }

        return (double)correct / rows.Length;
    }

    [Test]
    public void The_drift_profile_is_built_from_the_held_out_rows()
    {
        var profile = ReferenceProfile.Load(Path.Combine(SampleData, "wine-reference.json"));
        Assert.That(profile.RowCount, Is.EqualTo(Rows("wine_holdout.csv").Count));
    }
}
