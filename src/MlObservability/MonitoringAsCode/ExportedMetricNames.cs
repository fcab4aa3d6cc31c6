using MlObservability.Alerts;

namespace MlObservability.MonitoringAsCode;

/// <summary>
/// Every Prometheus metric and label name the generated rules and dashboards reference, fixed in one place. They are
/// the names the OpenTelemetry Prometheus exporter gives the library's instruments (dots to underscores, unit suffix,
/// <c>_total</c> on counters). The resource names are published by the hosting package (process and runtime) and the
/// ONNX Runtime package (GPU).
/// </summary>
public static class ExportedMetricNames
{
    /// <summary><c>ml.inference.requests</c>: calls by outcome.</summary>
    public const string InferenceRequests = "ml_inference_requests_total";

    /// <summary><c>ml.inference.errors</c>: failed calls by error type.</summary>
    public const string InferenceErrors = "ml_inference_errors_total";

    /// <summary><c>ml.inference.duration</c> buckets.</summary>
    public const string InferenceDurationBucket = "ml_inference_duration_seconds_bucket";

    /// <summary><c>ml.inference.duration</c> count.</summary>
    public const string InferenceDurationCount = "ml_inference_duration_seconds_count";

    /// <summary><c>ml.inference.duration.quantile</c>: in-process quantiles (relative error bound).</summary>
    public const string InferenceDurationQuantile = "ml_inference_duration_quantile_seconds";

    /// <summary><c>ml.inference.active</c>: calls in flight.</summary>
    public const string InferenceActive = "ml_inference_active";

    /// <summary><c>ml.inference.batch.size</c> buckets.</summary>
    public const string InferenceBatchSizeBucket = "ml_inference_batch_size_bucket";

    /// <summary><c>ml.drift.score</c>.</summary>
    public const string DriftScore = "ml_drift_score";

    /// <summary><c>ml.drift.p_value</c>.</summary>
    public const string DriftPValue = "ml_drift_p_value";

    /// <summary><c>ml.drift.severity</c> (0 none, 1 info, 2 warning, 3 critical).</summary>
    public const string DriftSeverity = "ml_drift_severity";

    /// <summary><c>ml.model.accuracy</c>.</summary>
    public const string ModelAccuracy = "ml_model_accuracy";

    /// <summary><c>ml.model.accuracy.estimated</c>.</summary>
    public const string ModelAccuracyEstimated = "ml_model_accuracy_estimated";

    /// <summary><c>ml.predictions</c>: predictions by class.</summary>
    public const string Predictions = "ml_predictions_total";

    /// <summary><c>ml.predictions.low_confidence</c>.</summary>
    public const string PredictionsLowConfidence = "ml_predictions_low_confidence_total";

    /// <summary><c>ml.prediction.confidence.quantile</c>.</summary>
    public const string PredictionConfidenceQuantile = "ml_prediction_confidence_quantile";

    /// <summary><c>ml.slo.compliance</c>.</summary>
    public const string SloCompliance = "ml_slo_compliance";

    /// <summary><c>ml.slo.error_budget.remaining</c>.</summary>
    public const string SloErrorBudgetRemaining = "ml_slo_error_budget_remaining";

    /// <summary><c>ml.slo.burn_rate</c>.</summary>
    public const string SloBurnRate = "ml_slo_burn_rate";

    /// <summary><c>ml.slo.error_budget.exhaustion</c> (seconds).</summary>
    public const string SloErrorBudgetExhaustion = "ml_slo_error_budget_exhaustion_seconds";

    /// <summary><c>ml.model.info</c> (value 1; labels: training time, data snapshot, git sha).</summary>
    public const string ModelInfo = "ml_model_info";

    /// <summary><c>ml.model.age</c> (seconds since training).</summary>
    public const string ModelAge = "ml_model_age_seconds";

    /// <summary><c>ml.model.time_since_load</c> (seconds).</summary>
    public const string ModelTimeSinceLoad = "ml_model_time_since_load_seconds";

    /// <summary><c>ml.outcome.value</c> histogram buckets (business outcomes by name and predicted class).</summary>
    public const string OutcomeValueBucket = "ml_outcome_value_bucket";

    /// <summary><c>ml.outcome.value</c> sum.</summary>
    public const string OutcomeValueSum = "ml_outcome_value_sum";

    /// <summary><c>ml.outcome.value</c> count.</summary>
    public const string OutcomeValueCount = "ml_outcome_value_count";

    /// <summary><c>ml.outcome.joins</c> (by join result).</summary>
    public const string OutcomeJoins = "ml_outcome_joins_total";

    /// <summary><c>ml.outcome.dropped</c> (by reason).</summary>
    public const string OutcomeDropped = "ml_outcome_dropped_total";

    /// <summary><c>ml.alerts.firing</c>.</summary>
    public const string AlertsFiring = "ml_alerts_firing";

    /// <summary><c>ml.alerts.notifications</c>.</summary>
    public const string AlertNotifications = "ml_alerts_notifications_total";

    /// <summary><c>ml.process.cpu.utilization</c> (unit 1), published by the hosting package.</summary>
    public const string ProcessCpuUtilization = "ml_process_cpu_utilization";

    /// <summary><c>ml.process.memory.usage</c> (unit By, working set), published by the hosting package.</summary>
    public const string ProcessMemoryUsage = "ml_process_memory_usage_bytes";

    /// <summary><c>ml.runtime.gc.collections</c> (counter, tag <c>gc.generation</c>), published by the hosting package.</summary>
    public const string RuntimeGcCollections = "ml_runtime_gc_collections_total";

    /// <summary><c>ml.runtime.threadpool.queue.length</c> (gauge), published by the hosting package.</summary>
    public const string RuntimeThreadPoolQueueLength = "ml_runtime_threadpool_queue_length";

    /// <summary><c>ml.gpu.utilization</c> (unit 1), published by the ONNX Runtime package.</summary>
    public const string GpuUtilization = "ml_gpu_utilization";

    /// <summary><c>ml.gpu.memory.used</c> (unit By), published by the ONNX Runtime package.</summary>
    public const string GpuMemoryUsed = "ml_gpu_memory_used_bytes";

    /// <summary><c>ml.drift.reconstruction.error</c>: mean PCA reconstruction error of the last window.</summary>
    public const string DriftReconstructionError = "ml_drift_reconstruction_error";

    /// <summary><c>ml.drift.reconstruction.threshold</c>: the band (label <see cref="DriftBoundLabel"/>).</summary>
    public const string DriftReconstructionThreshold = "ml_drift_reconstruction_threshold";

    /// <summary><c>ml.drift.embedding.mmd2</c>: squared MMD of the last embedding window.</summary>
    public const string DriftEmbeddingMmd2 = "ml_drift_embedding_mmd2";

    /// <summary><c>ml.drift.embedding.mmd2.threshold</c>: its calibrated threshold.</summary>
    public const string DriftEmbeddingMmd2Threshold = "ml_drift_embedding_mmd2_threshold";

    /// <summary><c>ml.drift.stream.changes</c>: changes signalled by a streaming detector.</summary>
    public const string DriftStreamChanges = "ml_drift_stream_changes_total";

    /// <summary><c>ml.drift.model_score</c>: importance-weighted model drift score.</summary>
    public const string DriftModelScore = "ml_drift_model_score";

    /// <summary>Label of <c>ml.drift.bound</c> (<c>lower</c>, <c>upper</c>) on <see cref="DriftReconstructionThreshold"/>.</summary>
    public const string DriftBoundLabel = "ml_drift_bound";

    /// <summary>Label of <c>ml.drift.stream</c> (<c>confidence</c>, <c>latency</c>, <c>error</c>) on the streaming series.</summary>
    public const string DriftStreamLabel = "ml_drift_stream";

    /// <summary><c>ml.feature.bin</c>: fleet drift counters, cumulative over the bin index (label <c>le</c>).</summary>
    public const string FeatureBin = "ml_feature_bin_total";

    /// <summary><c>ml.feature.reference.fraction</c>: the reference's cumulative fraction per fleet bin (label <c>le</c>).</summary>
    public const string FeatureReferenceFraction = "ml_feature_reference_fraction";

    /// <summary><c>ml.feature.reference.rows</c>: the reference size behind the fleet fractions.</summary>
    public const string FeatureReferenceRows = "ml_feature_reference_rows";

    /// <summary><c>ml.quality.fleet.labels</c>: labelled classifications by true class (label <c>ml_class</c>).</summary>
    public const string FleetQualityLabels = "ml_quality_fleet_labels_total";

    /// <summary><c>ml.quality.fleet.predicted</c>: labelled classifications by predicted class (label <c>ml_class</c>).</summary>
    public const string FleetQualityPredicted = "ml_quality_fleet_predicted_total";

    /// <summary><c>ml.quality.fleet.correct</c>: correct labelled classifications by class (label <c>ml_class</c>).</summary>
    public const string FleetQualityCorrect = "ml_quality_fleet_correct_total";

    /// <summary><c>ml.quality.fleet.confusion</c>: labelled classifications by true and predicted class.</summary>
    public const string FleetQualityConfusion = "ml_quality_fleet_confusion_total";

    /// <summary><c>ml.quality.fleet.score.positive</c>: true class 1 by P(class 1) bin, cumulative (label <c>le</c>).</summary>
    public const string FleetQualityScorePositive = "ml_quality_fleet_score_positive_total";

    /// <summary><c>ml.quality.fleet.score.negative</c>: true class 0 by P(class 1) bin, cumulative (label <c>le</c>).</summary>
    public const string FleetQualityScoreNegative = "ml_quality_fleet_score_negative_total";

    /// <summary><c>ml.quality.fleet.calibration.count</c>: labelled classifications with a confidence per calibration bin.</summary>
    public const string FleetQualityCalibrationCount = "ml_quality_fleet_calibration_count_total";

    /// <summary><c>ml.quality.fleet.calibration.correct</c>: correct ones per calibration bin.</summary>
    public const string FleetQualityCalibrationCorrect = "ml_quality_fleet_calibration_correct_total";

    /// <summary><c>ml.quality.fleet.calibration.confidence</c>: confidence sums per calibration bin.</summary>
    public const string FleetQualityCalibrationConfidence = "ml_quality_fleet_calibration_confidence_total";

    /// <summary><c>ml.quality.fleet.regression.count</c>: labelled regression predictions.</summary>
    public const string FleetQualityRegressionCount = "ml_quality_fleet_regression_count_total";

    /// <summary><c>ml.quality.fleet.regression.absolute_error</c>: sum of absolute errors.</summary>
    public const string FleetQualityAbsoluteError = "ml_quality_fleet_regression_absolute_error_total";

    /// <summary><c>ml.quality.fleet.regression.squared_error</c>: sum of squared errors.</summary>
    public const string FleetQualitySquaredError = "ml_quality_fleet_regression_squared_error_total";

    /// <summary><c>ml.quality.fleet.regression.percentage_error</c>: sum of absolute percentage errors.</summary>
    public const string FleetQualityPercentageError = "ml_quality_fleet_regression_percentage_error_total";

    /// <summary><c>ml.quality.fleet.dropped</c>: labelled classifications left out of a fleet counter, by reason.</summary>
    public const string FleetQualityDropped = "ml_quality_fleet_dropped_total";

    /// <summary>Label of <c>ml.model.name</c>.</summary>
    public const string ModelLabel = "ml_model_name";

    /// <summary>Label of <c>ml.model.version</c>.</summary>
    public const string ModelVersionLabel = "ml_model_version";

    /// <summary>Label of <c>ml.feature.kind</c> (<c>numeric</c>, <c>categorical</c>) on <see cref="FeatureReferenceRows"/>.</summary>
    public const string FeatureKindLabel = "ml_feature_kind";

    /// <summary>Label of the endpoint (<c>ml.endpoint</c>).</summary>
    public const string EndpointLabel = "ml_endpoint";

    /// <summary>Label of <c>ml.outcome</c>.</summary>
    public const string OutcomeLabel = "ml_outcome";

    /// <summary>Label of <c>ml.feature.name</c>.</summary>
    public const string FeatureLabel = "ml_feature_name";

    /// <summary>Label of <c>ml.drift.method</c>.</summary>
    public const string DriftMethodLabel = "ml_drift_method";

    /// <summary>Label of <c>ml.prediction.class</c>.</summary>
    public const string PredictionClassLabel = "ml_prediction_class";

    /// <summary>Label of <c>ml.slo.name</c>.</summary>
    public const string SloNameLabel = "ml_slo_name";

    /// <summary>Label of <c>ml.slo.window</c>.</summary>
    public const string SloWindowLabel = "ml_slo_window";

    /// <summary>Label of <c>error.type</c>.</summary>
    public const string ErrorTypeLabel = "error_type";

    /// <summary>Label of <c>ml.quantile</c> (<see cref="SemanticConventions.Quantile"/>) on the quantile gauges.</summary>
    public const string QuantileLabel = "ml_quantile";

    /// <summary>Label of <c>ml.outcome.name</c> on the outcome series.</summary>
    public const string OutcomeNameLabel = "ml_outcome_name";

    /// <summary>Label of <c>ml.outcome.join</c> (<c>joined</c>, <c>not_held</c>, <c>expired</c>, <c>none</c>) on <see cref="OutcomeJoins"/>.</summary>
    public const string OutcomeJoinLabel = "ml_outcome_join";

    /// <summary>Label of <c>ml.outcome.drop_reason</c> on <see cref="OutcomeDropped"/>.</summary>
    public const string OutcomeDropReasonLabel = "ml_outcome_drop_reason";

    /// <summary>Label of <c>gc.generation</c> (<c>gen0</c>, <c>gen1</c>, <c>gen2</c>) on <see cref="RuntimeGcCollections"/>.</summary>
    public const string GcGenerationLabel = "gc_generation";

    /// <summary>Label of <c>ml.alert.severity</c> on <see cref="AlertsFiring"/>.</summary>
    public const string AlertSeverityLabel = "ml_alert_severity";

    /// <summary>Label of <c>outcome</c> (<c>sent</c>, <c>failed</c>, <c>dropped</c>) on <see cref="AlertNotifications"/>.</summary>
    public const string NotificationOutcomeLabel = "outcome";

    /// <summary><c>ml.challenger.requests</c>: requests the challenger scored in shadow.</summary>
    public const string ChallengerRequests = "ml_challenger_requests_total";

    /// <summary><c>ml.challenger.dropped</c>: shadowed requests that produced no comparison, by <see cref="ChallengerDropReasonLabel"/>.</summary>
    public const string ChallengerDropped = "ml_challenger_dropped_total";

    /// <summary><c>ml.challenger.disagreement_rate</c>: share of shadowed requests the two versions classified differently.</summary>
    public const string ChallengerDisagreementRate = "ml_challenger_disagreement_rate";

    /// <summary><c>ml.challenger.accuracy_difference</c>: challenger minus champion accuracy on the labelled pairs.</summary>
    public const string ChallengerAccuracyDifference = "ml_challenger_accuracy_difference";

    /// <summary><c>ml.challenger.mcnemar_p_value</c>: McNemar's test on the labelled pairs.</summary>
    public const string ChallengerMcNemarPValue = "ml_challenger_mcnemar_p_value";

    /// <summary><c>ml.challenger.labelled_pairs</c>: labelled pairs behind the comparison.</summary>
    public const string ChallengerLabelledPairs = "ml_challenger_labelled_pairs";

    /// <summary><c>ml.challenger.verdict</c>: 1 significantly better, -1 significantly worse, 0 inconclusive.</summary>
    public const string ChallengerVerdict = "ml_challenger_verdict";

    /// <summary><c>ml.challenger.latency</c>: latency quantiles of champion and challenger (<see cref="ChallengerRoleLabel"/>, <see cref="QuantileLabel"/>).</summary>
    public const string ChallengerLatency = "ml_challenger_latency_seconds";

    /// <summary><c>ml.router.actions</c>: router decisions by <see cref="RouterActionLabel"/> and <see cref="RouterOutcomeLabel"/>.</summary>
    public const string RouterActions = "ml_router_actions_total";

    /// <summary><c>ml.router.active</c>: the version a router serves now (as <see cref="ModelVersionLabel"/>); always 1.</summary>
    public const string RouterActive = "ml_router_active";

    /// <summary>Label of <c>ml.challenger.version</c> on the challenger series.</summary>
    public const string ChallengerVersionLabel = "ml_challenger_version";

    /// <summary>Label of <c>ml.challenger.role</c> (<c>champion</c>, <c>challenger</c>) on <see cref="ChallengerLatency"/>.</summary>
    public const string ChallengerRoleLabel = "ml_challenger_role";

    /// <summary>Label of <c>reason</c> on <see cref="ChallengerDropped"/>.</summary>
    public const string ChallengerDropReasonLabel = "reason";

    /// <summary>Label of <c>ml.router.action</c> (<c>rollback</c>, <c>promotion</c>, <c>manual_switch</c>) on <see cref="RouterActions"/>.</summary>
    public const string RouterActionLabel = "ml_router_action";

    /// <summary>Label of <c>ml.router.outcome</c> (<c>applied</c>, <c>dry_run</c>, <c>suppressed_by_cool_down</c>, <c>no_target</c>) on <see cref="RouterActions"/>.</summary>
    public const string RouterOutcomeLabel = "ml_router_outcome";

    /// <summary>Every metric name above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InferenceRequests, InferenceErrors, InferenceDurationBucket, InferenceDurationCount, InferenceDurationQuantile,
        InferenceActive, InferenceBatchSizeBucket, DriftScore, DriftPValue, DriftSeverity, ModelAccuracy,
        ModelAccuracyEstimated, Predictions, PredictionsLowConfidence, PredictionConfidenceQuantile, SloCompliance,
        SloErrorBudgetRemaining, SloBurnRate, AlertsFiring, AlertNotifications, ProcessCpuUtilization,
        ProcessMemoryUsage, RuntimeGcCollections, RuntimeThreadPoolQueueLength, GpuUtilization, GpuMemoryUsed,
        DriftReconstructionError, DriftReconstructionThreshold, DriftEmbeddingMmd2, DriftEmbeddingMmd2Threshold,
        DriftStreamChanges, DriftModelScore,
        SloErrorBudgetExhaustion, ModelInfo, ModelAge, ModelTimeSinceLoad,
        FeatureBin, FeatureReferenceFraction, FeatureReferenceRows,
        FleetQualityLabels, FleetQualityPredicted, FleetQualityCorrect, FleetQualityConfusion, FleetQualityScorePositive, FleetQualityScoreNegative, FleetQualityCalibrationCount,
        FleetQualityCalibrationCorrect, FleetQualityCalibrationConfidence, FleetQualityRegressionCount, FleetQualityAbsoluteError, FleetQualitySquaredError, FleetQualityPercentageError, FleetQualityDropped,
        OutcomeValueBucket, OutcomeValueSum, OutcomeValueCount, OutcomeJoins, OutcomeDropped,
        ChallengerRequests, ChallengerDropped, ChallengerDisagreementRate, ChallengerAccuracyDifference, ChallengerMcNemarPValue,
        ChallengerLabelledPairs, ChallengerVerdict, ChallengerLatency, RouterActions, RouterActive,
    ];
}
