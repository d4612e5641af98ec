using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Drift.Rules;
using R = CrmPersonCentric.Dataverse.Schema.Tables.DriftRule;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// Drift rule created or changed (synchronous pre-validation): reject an invalid rule so the save fails with a
/// message that names the field.
/// </summary>
public sealed class DriftRuleValidationStep(IMapper mapper) : IPluginStep
{
    private static readonly ImmutableArray<string> RuleColumns =
        [R.Key, R.DisplayName, R.Metric, R.Dimension, R.Threshold, R.CriticalThreshold, R.MinimumSample, R.WindowDays, R.Severity, R.Persona, R.Enabled, R.FalseDiscoveryRate, R.Parameter];

    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: drift rule validation (create)", "Create", R.Name, StepStage.PreValidation, StepMode.Synchronous, [], [], "Rejects an invalid drift rule, naming the field."),
        new("CrmPersonCentric: drift rule validation (update)", "Update", R.Name, StepStage.PreValidation, StepMode.Synchronous, RuleColumns,
            [new ImageRegistration("PreImage", ImageType.PreImage, RuleColumns)], "Rejects an invalid drift rule, naming the field."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Target;
        if (target is null)
        {
            return Task.FromResult(StepResult.Rejected("The drift rule event carries no Target.", [new Model.ValidationError("Target", "is missing")]));
        }

        var merged = context.PreImage is { } pre ? pre.Merge(target) : target;
        var row = DriftRuleRow.From(new EntityRow(merged));
        var missing = row.MissingColumns();
        var errors = missing.IsEmpty ? DriftRuleValidator.Validate(mapper.Map<DriftRule>(row)) : missing;
        return Task.FromResult(errors.IsEmpty
            ? StepResult.Completed("The drift rule is valid.")
            : StepResult.Rejected("The drift rule is invalid: " + string.Join("; ", errors), errors));
    }
}
