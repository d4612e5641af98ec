using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Suggestions;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using P = CrmPersonCentric.Dataverse.Schema.Tables.Persona;
using R = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// A marketing lead decided a persona revision. Accepted: apply it to the persona as a new version with a change-log
/// line (optimistic concurrency on the persona row), then mark the revision Applied. Rejected: suppress equivalent
/// suggestions for the configured period. Replays are harmless: an Applied revision is skipped.
/// </summary>
public sealed class PersonaRevisionDecidedStep(IDataverseClient client, IPersonSnapshotSink sink, TraitNormalizer normalizer, StepOptions options, TimeProvider time) : IPluginStep
{
    private static readonly ImmutableArray<string> RevisionColumns =
        [R.Key, R.Persona, R.PersonaVersion, R.Type, R.Dimension, R.Subject, R.ProposedValue, R.Details, R.Decision];

    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: persona revision decided", "Update", R.Name, StepStage.PostOperation, StepMode.Asynchronous, [R.Decision],
            [new ImageRegistration("PostImage", ImageType.PostImage, RevisionColumns)], "Applies accepted revisions as a new persona version; suppresses rejected ones."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IRowSource? revision = context.PostImage is { } image && !context.IsSizeExceeded ? new EntityRow(image.Merge(context.Target)) : null;
        if (revision is null)
        {
            var row = await client.RetrieveAsync(R.EntitySet, context.PrimaryEntityId, [.. RevisionColumns.Select(c => c == R.Persona ? "_" + c + "_value" : c)], cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return StepResult.Skipped("The revision no longer exists.");
            }

            revision = new JsonRow(row);
        }

        // The image shows the decision at the time of the event; a replay must see what the row says now.
        var now = await client.RetrieveAsync(R.EntitySet, context.PrimaryEntityId, [R.Decision], cancellationToken).ConfigureAwait(false);
        if (now is null)
        {
            return StepResult.Skipped("The revision no longer exists.");
        }

        var decision = Choices.To<Choices.Decision>(new JsonRow(now).GetOption(R.Decision), offset: 0);
        return decision switch
        {
            Choices.Decision.Accepted => await ApplyAsync(context.PrimaryEntityId, revision, cancellationToken).ConfigureAwait(false),
            Choices.Decision.Rejected => await SuppressAsync(revision, cancellationToken).ConfigureAwait(false),
            _ => StepResult.Skipped(string.Create(CultureInfo.InvariantCulture, $"Decision is {decision?.ToString() ?? "not set"}; nothing to do.")),
        };
    }

    private async Task<StepResult> SuppressAsync(IRowSource revision, CancellationToken cancellationToken)
    {
        var key = revision.GetString(R.Key);
        if (string.IsNullOrWhiteSpace(key))
        {
            return StepResult.Rejected("The rejected revision has no key.", [new ValidationError(R.Key, "is required")]);
        }

        var until = time.GetUtcNow().AddDays(options.RejectionSuppressionDays);
        await sink.SuppressSuggestionAsync(key, until, cancellationToken).ConfigureAwait(false);
        return StepResult.Completed(string.Create(CultureInfo.InvariantCulture, $"Equivalent suggestions are suppressed until {until:yyyy-MM-dd}."));
    }

    private async Task<StepResult> ApplyAsync(Guid revisionId, IRowSource revision, CancellationToken cancellationToken)
    {
        var personaId = revision.GetLookupId(R.Persona);
        var type = Choices.To<SuggestionType>(revision.GetOption(R.Type));
        if (personaId is null || type is null)
        {
            return StepResult.Rejected("The accepted revision lacks its persona or type.",
                [.. new[] { personaId is null ? new ValidationError(R.Persona, "is required") : null, type is null ? new ValidationError(R.Type, "is required") : null }.OfType<ValidationError>()]);
        }

        var personaRow = await client.RetrieveAsync(P.EntitySet, personaId.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (personaRow is null)
        {
            return StepResult.Skipped("The revision's persona no longer exists.");
        }

        var source = new JsonRow(personaRow);
        var persona = PersonaRowMapper.Read(source, personaId.Value, normalizer);
        var change = new RevisionChange(
            type.Value,
            Choices.To<TraitDimension>(revision.GetOption(R.Dimension)),
            revision.GetString(R.Subject),
            (double?)revision.GetDecimal(R.ProposedValue),
            [.. (revision.GetString(R.Details) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        var key = revision.GetString(R.Key) ?? revisionId.ToString("D");
        var changeLog = source.GetString(P.ChangeLog) ?? string.Empty;
        if (changeLog.Contains($"[{key}]", StringComparison.Ordinal))
        {
            // Applied before, but marking the revision Applied failed: finish that, do not apply twice.
            await client.UpdateAsync(R.EntitySet, revisionId, new JsonObject { [R.Decision] = Choices.From(Choices.Decision.Applied, 0) }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Completed("Already applied; marked the revision Applied.");
        }

        var (updated, description) = PersonaRevisionApplier.Apply(persona, change, time.GetUtcNow());
        var log = (changeLog.Length > 0 ? changeLog + "\n" : string.Empty) + description + $" [{key}]";
        if (updated is null)
        {
            // Splits and tagging changes need people, not a definition change: the revision stays Accepted.
            return StepResult.Completed("Nothing to apply to the definition: " + description);
        }

        var columns = PersonaRowMapper.ToColumns(updated);
        columns[P.ChangeLog] = log;
        await client.UpdateAsync(P.EntitySet, personaId.Value, columns, source.ETag, cancellationToken).ConfigureAwait(false);
        await client.UpdateAsync(R.EntitySet, revisionId, new JsonObject { [R.Decision] = Choices.From(Choices.Decision.Applied, 0) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return StepResult.Completed("Applied: " + description);
    }
}
