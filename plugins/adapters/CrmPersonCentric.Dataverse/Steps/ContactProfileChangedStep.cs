using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Webhook;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// Contact created or its person-centric columns changed: read the contact from the post image (or back from the
/// system of record when the payload was cut for size) and hand it to <see cref="RecordProfileChange"/>.
/// </summary>
public sealed class ContactProfileChangedStep(IContactRecords contacts, IAccountProfiles accounts, RecordProfileChange profileChanged, ITraitTaxonomySource taxonomy, StepOptions options, TimeProvider time) : IPluginStep
{
    private static readonly ImmutableArray<string> ImageColumns = [.. ContactTable.PersonCentric, .. ContactTable.Computed, ContactTable.ModifiedOn];

    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: contact profile created", "Create", ContactTable.Name, StepStage.PostOperation, StepMode.Asynchronous, [],
            [new ImageRegistration("PostImage", ImageType.PostImage, ImageColumns)], "Normalises traits, computes persona fit and insight summary, stores the snapshot."),
        new("CrmPersonCentric: contact profile changed", "Update", ContactTable.Name, StepStage.PostOperation, StepMode.Asynchronous, [.. ContactTable.PersonCentric],
            [new ImageRegistration("PostImage", ImageType.PostImage, ImageColumns)], "Normalises traits, computes persona fit and insight summary, stores the snapshot."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Only the image this step registered describes the contact: Dataverse's automatic image (primary name and id)
        // beside it would read as an empty, untagged profile. Without ours (cut for size, or a step registered by hand
        // without it), the row is read back from the system of record.
        var image = context.IsSizeExceeded ? null : StepRegistration.Matching(Declared, context)?.RegisteredImage(context, ImageType.PostImage);
        var contact = image is null
            ? await contacts.FindAsync(context.PrimaryEntityId, cancellationToken).ConfigureAwait(false)
            : await FromImageAsync(context, image.Merge(context.Target), cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return StepResult.Skipped("The contact no longer exists.");
        }

        var likelyNew = string.Equals(context.MessageName, "Create", StringComparison.OrdinalIgnoreCase);
        var result = await profileChanged.HandleAsync(new ProfileChange(contact, likelyNew, context.Depth, CurrentIsFresh: false), cancellationToken).ConfigureAwait(false);
        var answer = result.Outcome switch
        {
            ProfileChangeOutcome.Older => StepResult.Skipped("An older delivery: a newer version or an erasure is stored; nothing changed."),
            ProfileChangeOutcome.Gone => StepResult.Skipped("The contact no longer exists."),
            ProfileChangeOutcome.DepthGuarded => StepResult.Completed(string.Create(CultureInfo.InvariantCulture, $"Snapshot stored; depth {context.Depth} is above {options.MaxWriteBackDepth}, so nothing was written back.")),
            ProfileChangeOutcome.UpToDate => StepResult.Completed("Snapshot stored; computed columns already up to date."),
            _ => StepResult.Completed(string.Create(CultureInfo.InvariantCulture, $"Snapshot stored; wrote back {result.ColumnsWritten} computed column(s).")),
        };
        return image is null ? answer with { Message = answer.Message + " " + ReadBack(context) } : answer;
    }

    /// <summary>Why the row was read back instead of taken from the delivery.</summary>
    internal static string ReadBack(RemoteExecutionContext context) => context.IsSizeExceeded
        ? "(Read back through the Web API: Dataverse cut the body for size.)"
        : "(Read back through the Web API: the delivery did not carry the registered image.)";

    private async Task<ContactRecord> FromImageAsync(RemoteExecutionContext context, DataverseEntity image, CancellationToken cancellationToken)
    {
        var row = new EntityRow(image);
        var parent = image.GetReference(ContactTable.ParentCustomer);
        var account = parent is not null && string.Equals(parent.LogicalName, Schema.Tables.Account.Name, StringComparison.OrdinalIgnoreCase)
            ? await accounts.FindAsync(parent.Id, cancellationToken).ConfigureAwait(false)
            : null;
        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        return ContactRecordMapper.Read(context.PrimaryEntityId, row, account, normalizer, row.ETag, context.OperationCreatedOn ?? time.GetUtcNow());
    }
}
