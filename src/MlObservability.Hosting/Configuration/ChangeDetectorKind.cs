namespace MlObservability.Hosting.Configuration;

/// <summary>The sequential change detector of a label-free stream.</summary>
public enum ChangeDetectorKind
{
    /// <summary>Page-Hinkley (<c>PageHinkleyDetector</c>).</summary>
    PageHinkley,

    /// <summary>CUSUM (<c>CusumDetector</c>).</summary>
    Cusum,
}
