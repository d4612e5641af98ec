using System.Collections.Immutable;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Dataverse.Webhook;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Contact deleted: erase everything the backend holds about the person.</summary>
public sealed class ContactDeletedStep(EraseContact erasure) : IPluginStep
{
    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: contact deleted", "Delete", ContactTable.Name, StepStage.PostOperation, StepMode.Asynchronous, [],
            [new ImageRegistration("PreImage", ImageType.PreImage, [ContactTable.Id, ContactTable.Persona])], "Erases the person's snapshots and signals in the backend."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PrimaryEntityId == Guid.Empty)
        {
            return StepResult.Rejected("The delete event carries no contact id.", [new Model.ValidationError("PrimaryEntityId", "is empty")]);
        }

        var image = StepRegistration.Matching(Declared, context)?.RegisteredImage(context, ImageType.PreImage);
        await erasure.EraseAsync(context.PrimaryEntityId.ToString("D"), image?.RowVersion, cancellationToken).ConfigureAwait(false);
        return StepResult.Completed("Erased the contact's snapshots and signals.");
    }
}
