namespace MlObservability.Drift;

/// <summary>Why a recorded value was counted as a data-quality problem (tag <c>reason</c> of <c>ml.data.invalid</c>).</summary>
public enum DataQualityReason
{
    /// <summary>NaN (a missing value); dropped from the window. Tag value <c>missing</c>.</summary>
    Missing = 0,

    /// <summary>Positive or negative infinity; dropped. Tag value <c>non_finite</c>.</summary>
    NonFinite = 1,

    /// <summary>Outside the reference [min, max]; still tested (it is drift evidence). Tag value <c>out_of_range</c>.</summary>
    OutOfRange = 2,

    /// <summary>A category code absent from the reference; still tested (counted in the unseen bucket). Tag value
    /// <c>unseen_category</c>.</summary>
    UnseenCategory = 3,

    /// <summary>A row whose length differs from the profile's feature count; the whole row is dropped. Tag value
    /// <c>wrong_length</c> (feature tag empty).</summary>
    WrongLength = 4,

    /// <summary>A named value whose name is not a profiled feature; dropped. Tag value <c>unknown_feature</c> (feature
    /// tag <c>other</c>).</summary>
    UnknownFeature = 5,
}
