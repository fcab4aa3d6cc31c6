namespace MlObservability.Drift;

/// <summary>The tag values of <see cref="DriftMethod"/>s, and the single methods in evaluation order.</summary>
internal static class DriftMethodNames
{
    public static readonly DriftMethod[] All =
        [DriftMethod.KolmogorovSmirnov, DriftMethod.Psi, DriftMethod.JensenShannon, DriftMethod.Wasserstein, DriftMethod.ChiSquare];

    public static string Of(DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov => "ks",
        DriftMethod.Psi => "psi",
        DriftMethod.JensenShannon => "jensen_shannon",
        DriftMethod.Wasserstein => "wasserstein",
        DriftMethod.ChiSquare => "chi_square",
        _ => "unknown",
    };
}
