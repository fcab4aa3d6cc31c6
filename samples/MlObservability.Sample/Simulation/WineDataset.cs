using System.Globalization;

namespace MlObservability.Sample.Simulation;

/// <summary>
/// The UCI wine data (178 wines, 13 chemical measurements, 3 cultivars), as shipped with scikit-learn, and its split:
/// Data/build_sample_model.py trains the sample's model on <see cref="TrainingFile"/> and keeps <see cref="HoldoutFile"/>
/// for the simulation to replay, so the service sees rows its model never saw.
/// </summary>
public sealed class WineDataset
{
    /// <summary>The training split (60 %, stratified): the model is trained on it.</summary>
    public const string TrainingFile = "wine_train.csv";

    /// <summary>The held-out split (40 %): the drift profile is built from it and the simulation replays it.</summary>
    public const string HoldoutFile = "wine_holdout.csv";

    public static readonly string[] FeatureNames =
    [
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline",
    ];

    public static readonly string[] ClassNames = ["class_0", "class_1", "class_2"];

    private WineDataset(float[][] rows, int[] labels)
    {
        Rows = rows;
        Labels = labels;
    }

    public float[][] Rows { get; }

    public int[] Labels { get; }

    public int Count => Rows.Length;

    public static WineDataset Load(string path)
    {
        var rows = new List<float[]>();
        var labels = new List<int>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] cells = line.Split(',');
            if (cells.Length != FeatureNames.Length + 1)
            {
                continue;
            }

            rows.Add(cells[..^1].Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray());
            labels.Add(int.Parse(cells[^1], CultureInfo.InvariantCulture));
        }

        return new WineDataset([.. rows], [.. labels]);
    }
}
