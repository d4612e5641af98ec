using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Drift.Rules;
using DriftRuleTable = CrmPersonCentric.Dataverse.Schema.Tables.DriftRule;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// Drift rule created or changed (synchronous pre-validation): reject an invalid rule so the save fails with a
/// message that names the field.
/// </summary>
public sealed class DriftRuleValidationStep(IMapper mapper, WebApiDriftRuleSource rules) : IPluginStep
{
    private static readonly ImmutableArray<string> RuleColumns =
        [DriftRuleTable.Key, DriftRuleTable.DisplayName, DriftRuleTable.Metric, DriftRuleTable.Dimension, DriftRuleTable.Threshold, DriftRuleTable.CriticalThreshold, DriftRuleTable.MinimumSample, DriftRuleTable.WindowDays, DriftRuleTable.Severity, DriftRuleTable.Persona, DriftRuleTable.Enabled, DriftRuleTable.FalseDiscoveryRate, DriftRuleTable.Parameter];

    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: drift rule validation (create)", "Create", DriftRuleTable.Name, StepStage.PreValidation, StepMode.Synchronous, [], [], "Rejects an invalid drift rule, naming the field."),
        new("CrmPersonCentric: drift rule validation (update)", "Update", DriftRuleTable.Name, StepStage.PreValidation, StepMode.Synchronous, RuleColumns,
            [new ImageRegistration("PreImage", ImageType.PreImage, RuleColumns)], "Rejects an invalid drift rule, naming the field."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Target;
        if (target is null)
        {
            return StepResult.Rejected("The drift rule event carries no Target.", [new Model.ValidationError("Target", "is missing")]);
        }

        IRowSource merged = new EntityRow(target);
        var note = string.Empty;
        if (string.Equals(context.MessageName, "Update", StringComparison.OrdinalIgnoreCase))
        {
            // An Update's Target holds only the changed columns: the rest come from the registered pre image, or, when
            // the delivery lacks it, from the row as stored (pre-validation runs before the change is written).
            if (StepRegistration.Matching(Declared, context)?.RegisteredImage(context, ImageType.PreImage) is { } pre)
            {
                merged = new EntityRow(pre.Merge(target));
            }
            else if (await rules.FindStoredAsync(context.PrimaryEntityId, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                merged = new LayeredRow(merged, stored);
                note = " (The unchanged columns were read back through the Web API: the delivery did not carry the registered image.)";
            }
        }

        var row = DriftRuleRow.From(merged);
        var missing = row.MissingColumns();
        var errors = missing.IsEmpty ? DriftRuleValidator.Validate(mapper.Map<DriftRule>(row)) : missing;
        return errors.IsEmpty
            ? StepResult.Completed("The drift rule is valid." + note)
            : StepResult.Rejected("The drift rule is invalid: " + string.Join("; ", errors), errors);
    }
}
