// Results: see docs/benchmarks.md ("Multivariate, embedding and streaming detectors") for the table, the load and the
// peers (scikit-learn and numpy timed by detector_peer_timing.py on the same machine in the same hour).
// Command: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*DetectorBenchmarks*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8

using BenchmarkDotNet.Attributes;
using MlObservability.Drift.Embedding;
using MlObservability.Drift.Multivariate;
using MlObservability.Drift.Streaming;

namespace MlObservability.Benchmarks.Drift;

/// <summary>
/// Per-update cost of the streaming change detectors (amortised over 4,096 updates per invocation, values precomputed),
/// the reconstruction error of one row of 32 features, and one MMD² evaluation of a 500 × 384 window against a
/// 1,000-vector reference. Peers: scikit-learn PCA transform + inverse_transform and a numpy MMD² on the same sizes
/// (detector_peer_timing.py); river's ADWIN figure is quoted, not measured (river is not installed here).
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private const int Updates = 4_096;
    private double[] _bernoulli = [];
    private double[] _gaussian = [];
    private AdwinDetector _adwin = null!;
    private PageHinkleyDetector _pageHinkley = null!;
    private CusumDetector _cusum = null!;
    private ReconstructionDriftProfile _reconstruction = null!;
    private double[][] _rows = [];
    private double[] _scratch = [];
    private EmbeddingDriftProfile _embedding = null!;
    private double[] _window = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        _bernoulli = [.. Enumerable.Range(0, Updates).Select(_ => random.NextDouble() < 0.2 ? 1.0 : 0.0)];
        _gaussian = [.. Enumerable.Range(0, Updates).Select(_ => Normal())];

        // A stationary stream long enough for ADWIN's window to grow to its steady state (tens of thousands of values).
        _adwin = new AdwinDetector();
        for (var i = 0; i < 100_000; i++)
        {
            _adwin.Update(_bernoulli[i % Updates]);
        }

        _pageHinkley = new PageHinkleyDetector(new SequentialDetectorOptions { AverageRunLength = 1e9, Mean = 0, StandardDeviation = 1 });
        _cusum = new CusumDetector(new SequentialDetectorOptions { AverageRunLength = 1e9, Mean = 0, StandardDeviation = 1 });

        // 32 correlated features: 8 latent factors plus noise.
        var loadings = Enumerable.Range(0, 32).Select(_ => Enumerable.Range(0, 8).Select(_ => Normal()).ToArray()).ToArray();
        double[] Row()
        {
            var latent = Enumerable.Range(0, 8).Select(_ => Normal()).ToArray();
            return [.. loadings.Select(l => l.Zip(latent, (a, b) => a * b).Sum() + (0.5 * Normal()))];
        }

        _reconstruction = ReconstructionDriftProfile.Fit([.. Enumerable.Range(0, 32).Select(i => $"f{i}")], [.. Enumerable.Range(0, 2_000).Select(_ => Row())]);
        _rows = [.. Enumerable.Range(0, 1_024).Select(_ => Row())];
        _scratch = new double[32 + _reconstruction.ComponentCount];

        const int dimension = 384;
        var reference = new double[1_000 * dimension];
        for (var i = 0; i < reference.Length; i++)
        {
            reference[i] = (float)Normal();
        }

        var sigma2 = MaximumMeanDiscrepancy.MedianHeuristic(reference, 1_000, dimension);
        _embedding = new EmbeddingDriftProfile("bench", dimension, reference, sigma2, 500, 1, 1, 0.01, 200);
        _window = [.. Enumerable.Range(0, 500 * dimension).Select(_ => (double)(float)Normal())];
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public bool AdwinUpdate()
    {
        var change = false;
        foreach (var v in _bernoulli)
        {
            change |= _adwin.Update(v);
        }

        return change;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public bool PageHinkleyUpdate()
    {
        var change = false;
        foreach (var v in _gaussian)
        {
            change |= _pageHinkley.Update(v);
        }

        return change;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public bool CusumUpdate()
    {
        var change = false;
        foreach (var v in _gaussian)
        {
            change |= _cusum.Update(v);
        }

        return change;
    }

    [Benchmark(OperationsPerInvoke = 1_024)]
    public double ReconstructionErrorPerRow32Features()
    {
        double sum = 0;
        foreach (var row in _rows)
        {
            sum += _reconstruction.ReconstructionError(row, _scratch, out _);
        }

        return sum;
    }

    [Benchmark]
    public double Mmd500x384VsReference1000() => MaximumMeanDiscrepancy.Squared(_window, 500, _embedding);
}
