using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Depth;
using PersonaTable = CrmPersonCentric.Dataverse.Schema.Tables.Persona;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// A persona's definition was created or edited: run the persona depth check on the definition and write it onto the
/// persona (the form shows it at once), with the moment of the change as the persona's revision date. It warns, never
/// blocks: Dataverse gives a webhook no way to warn in the save itself (a synchronous step can only fail the save), so
/// the check runs right after it, and each evaluation rewrites it with the evidence items (too few people, stale while
/// drifting). The columns it writes are not filtering attributes, so the write triggers nothing.
/// </summary>
public sealed class PersonaDefinitionChangedStep(IPersonaRecords personas, ITraitTaxonomySource taxonomy, TimeProvider time) : IPluginStep
{
    private static readonly ImmutableArray<ImageRegistration> Image = [new("PostImage", ImageType.PostImage, [.. WebApiPersonaSource.Columns.Select(c => c.StartsWith('_') ? PersonaTable.Owner : c).Distinct()])];

    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: persona definition created", "Create", PersonaTable.Name, StepStage.PostOperation, StepMode.Asynchronous, [], Image,
            "Runs the persona depth check on a new persona and records its revision date."),
        new("CrmPersonCentric: persona definition changed", "Update", PersonaTable.Name, StepStage.PostOperation, StepMode.Asynchronous, [.. PersonaTable.Definition], Image,
            "Runs the persona depth check when the definition changes and records the revision date."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        Persona persona;
        if (!context.IsSizeExceeded && StepRegistration.Matching(Declared, context)?.RegisteredImage(context, ImageType.PostImage) is { } image)
        {
            try
            {
                persona = PersonaRowMapper.Read(new EntityRow(image.Merge(context.Target)), context.PrimaryEntityId, normalizer);
            }
            catch (ModelValidationException ex)
            {
                return NotYetValid(ex);
            }
        }
        else
        {
            PersonaRecord? record;
            try
            {
                record = await personas.FindRecordAsync(context.PrimaryEntityId, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelValidationException ex)
            {
                return NotYetValid(ex);
            }

            if (record is null)
            {
                return StepResult.Skipped("The persona no longer exists.");
            }

            persona = record.Persona;
        }

        var issues = PersonaDepth.Check(persona, normalizer.Taxonomy);
        // The revision is when the save happened, not when this delivery ran (a retry or a replay keeps the date).
        await personas.RecordDepthAsync(context.PrimaryEntityId, PersonaDepth.Format(issues), context.OperationCreatedOn ?? time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return StepResult.Completed(issues.IsEmpty ? "Depth check: nothing to fix." : $"Depth check: {issues.Length} to fix ({string.Join(", ", issues.Select(i => i.Code))}).");
    }

    /// <summary>A persona being edited into shape: nothing to check yet, and nothing for the poison store (the next valid save runs the check).</summary>
    private static StepResult NotYetValid(ModelValidationException ex) =>
        StepResult.Skipped($"The persona's definition is not valid yet ({ex.Errors.Length} problem{(ex.Errors.Length == 1 ? string.Empty : "s")}); the depth check runs on its next valid save.");
}
