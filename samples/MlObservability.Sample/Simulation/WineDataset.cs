using System.Globalization;

namespace MlObservability.Sample.Simulation;

/// <summary>The UCI wine data (178 wines, 13 chemical measurements, 3 cultivars), as shipped with scikit-learn.</summary>
public sealed class WineDataset
{
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
