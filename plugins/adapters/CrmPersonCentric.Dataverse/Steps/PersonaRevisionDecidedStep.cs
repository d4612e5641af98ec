using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Revisions;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using PersonaRevisionTable = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// A marketing lead decided a persona revision: the row (from the event's image, or read back when the payload was cut)
/// goes to the application's <see cref="DecideRevision"/>; a revision lacking what the decision needs is rejected with
/// the columns named.
/// </summary>
public sealed class PersonaRevisionDecidedStep(IPersonaRevisions revisions, DecideRevision decide) : IPluginStep
{
    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: persona revision decided", "Update", PersonaRevisionTable.Name, StepStage.PostOperation, StepMode.Asynchronous, [PersonaRevisionTable.Decision],
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

        var result = await decide.HandleAsync(revision, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            RevisionOutcome.Incomplete => StepResult.Rejected(result.Message, [.. result.Missing.Select(f => new ValidationError(ColumnOf(f), "is required"))]),
            RevisionOutcome.Undecided or RevisionOutcome.PersonaGone => StepResult.Skipped(result.Message),
            _ => StepResult.Completed(result.Message),
        };
    }

    private static string ColumnOf(RevisionField field) => field switch
    {
        RevisionField.Key => PersonaRevisionTable.Key,
        RevisionField.Persona => PersonaRevisionTable.Persona,
        _ => PersonaRevisionTable.Type,
    };
}
