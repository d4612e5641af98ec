using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Drift.Suggestions;
using CrmPersonCentric.Model;
using R = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// A marketing lead decided a persona revision. Accepted: apply it to the persona as a new version with a change-log
/// line (optimistic concurrency on the persona row), then mark the revision Applied. Rejected: suppress equivalent
/// suggestions for the configured period. Replays are harmless: an Applied revision is skipped.
/// </summary>
public sealed class PersonaRevisionDecidedStep(IPersonaRevisions revisions, IPersonaRecords personas, ISuggestionSuppressions suppressions, StepOptions options, TimeProvider time) : IPluginStep
{
    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: persona revision decided", "Update", R.Name, StepStage.PostOperation, StepMode.Asynchronous, [R.Decision],
            [new ImageRegistration("PostImage", ImageType.PostImage, WebApiPersonaRevisions.Columns)], "Applies accepted revisions as a new persona version; suppresses rejected ones."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var revision = !context.IsSizeExceeded && StepRegistration.Matching(Declared, context)?.RegisteredImage(context, ImageType.PostImage) is { } image
            ? PersonaRevisionMapper.Read(context.PrimaryEntityId, new EntityRow(image.Merge(context.Target)))
            : await revisions.FindAsync(context.PrimaryEntityId, cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return StepResult.Skipped("The revision no longer exists.");
        }

        // The image shows the decision at the time of the event; a replay must see what the row says now.
        var decision = await revisions.DecisionAsync(context.PrimaryEntityId, cancellationToken).ConfigureAwait(false);
        return decision switch
        {
            RevisionDecision.Accepted => await ApplyAsync(revision, cancellationToken).ConfigureAwait(false),
            RevisionDecision.Rejected => await SuppressAsync(revision, cancellationToken).ConfigureAwait(false),
            _ => StepResult.Skipped(string.Create(CultureInfo.InvariantCulture, $"Decision is {decision?.ToString() ?? "not set"}; nothing to do.")),
        };
    }

    private async Task<StepResult> SuppressAsync(PersonaRevisionRecord revision, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(revision.Key))
        {
            return StepResult.Rejected("The rejected revision has no key.", [new ValidationError(R.Key, "is required")]);
        }

        var until = time.GetUtcNow().AddDays(options.RejectionSuppressionDays);
        await suppressions.SuppressAsync(revision.Key, until, cancellationToken).ConfigureAwait(false);
        return StepResult.Completed(string.Create(CultureInfo.InvariantCulture, $"Equivalent suggestions are suppressed until {until:yyyy-MM-dd}."));
    }

    private async Task<StepResult> ApplyAsync(PersonaRevisionRecord revision, CancellationToken cancellationToken)
    {
        if (revision.PersonaId is not { } personaId || revision.Type is not { } type)
        {
            return StepResult.Rejected("The accepted revision lacks its persona or type.",
                [.. new[] { revision.PersonaId is null ? new ValidationError(R.Persona, "is required") : null, revision.Type is null ? new ValidationError(R.Type, "is required") : null }.OfType<ValidationError>()]);
        }

        var record = await personas.FindRecordAsync(personaId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return StepResult.Skipped("The revision's persona no longer exists.");
        }

        var key = revision.Key ?? revision.Id.ToString("D");
        if (record.ChangeLog.Contains($"[{key}]", StringComparison.Ordinal))
        {
            // Applied before, but marking the revision Applied failed: finish that, do not apply twice.
            await revisions.MarkAppliedAsync(revision.Id, cancellationToken).ConfigureAwait(false);
            return StepResult.Completed("Already applied; marked the revision Applied.");
        }

        var change = new RevisionChange(type, revision.Dimension, revision.Subject, revision.ProposedValue, revision.Details);
        var (updated, description) = PersonaRevisionApplier.Apply(record.Persona, change, time.GetUtcNow());
        if (updated is null)
        {
            // Splits and tagging changes need people, not a definition change: the revision stays Accepted.
            return StepResult.Completed("Nothing to apply to the definition: " + description);
        }

        var log = (record.ChangeLog.Length > 0 ? record.ChangeLog + "\n" : string.Empty) + description + $" [{key}]";
        await personas.SaveVersionAsync(record, updated, log, cancellationToken).ConfigureAwait(false);
        await revisions.MarkAppliedAsync(revision.Id, cancellationToken).ConfigureAwait(false);
        return StepResult.Completed("Applied: " + description);
    }
}
