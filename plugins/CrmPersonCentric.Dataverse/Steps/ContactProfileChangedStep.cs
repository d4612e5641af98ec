using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Fit;
using CrmPersonCentric.Model.Taxonomy;
using C = CrmPersonCentric.Dataverse.Schema.Tables.Contact;
using P = CrmPersonCentric.Dataverse.Schema.Tables.Persona;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// Contact created or its person-centric columns changed: normalise the traits, compute fit and the insight summary,
/// write back only computed columns whose value changed (never above the depth guard), and hand a snapshot to the
/// backend. Reads the row back through the Web API when the payload was cut for size.
/// </summary>
public sealed class ContactProfileChangedStep(IDataverseClient client, IPersonSnapshotSink sink, TraitNormalizer normalizer, StepOptions options, TimeProvider time) : IPluginStep
{
    private static readonly ImmutableArray<string> ImageColumns = [.. C.PersonCentric, .. C.Computed, C.ModifiedOn];

    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: contact profile created", "Create", C.Name, StepStage.PostOperation, StepMode.Asynchronous, [],
            [new ImageRegistration("PostImage", ImageType.PostImage, ImageColumns)], "Normalises traits, computes persona fit and insight summary, stores the snapshot."),
        new("CrmPersonCentric: contact profile changed", "Update", C.Name, StepStage.PostOperation, StepMode.Asynchronous, [.. C.PersonCentric],
            [new ImageRegistration("PostImage", ImageType.PostImage, ImageColumns)], "Normalises traits, computes persona fit and insight summary, stores the snapshot."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var contactId = context.PrimaryEntityId;
        var row = context.IsSizeExceeded || context.PostImage is null
            ? await ReadBackAsync(contactId, cancellationToken).ConfigureAwait(false)
            : (IRowSource)new EntityRow(context.PostImage.Merge(context.Target));
        if (row is null)
        {
            return StepResult.Skipped("The contact no longer exists.");
        }

        var account = await ReadAccountAsync(row, context, cancellationToken).ConfigureAwait(false);
        var updatedOn = row.GetDate(C.ModifiedOn) ?? context.OperationCreatedOn ?? time.GetUtcNow();
        var (profile, problems) = ContactProfileMapper.Read(contactId, row, account, normalizer, updatedOn);
        var persona = profile.PersonaId is { } personaId && Guid.TryParse(personaId, out var pid)
            ? await ReadPersonaAsync(pid, cancellationToken).ConfigureAwait(false)
            : null;
        var fit = persona is null ? null : PersonaFit.Compute(persona, profile.Traits) is { } f ? Math.Round(f, 4) : (double?)null;
        var stored = await sink.UpsertSnapshotAsync(new PersonSnapshot(profile, fit, row.ETag, updatedOn, LikelyNew: string.Equals(context.MessageName, "Create", StringComparison.OrdinalIgnoreCase)), cancellationToken).ConfigureAwait(false);
        if (stored == SnapshotWriteResult.Older)
        {
            return StepResult.Skipped("An older delivery: a newer version or an erasure is stored; nothing changed.");
        }

        if (stored == SnapshotWriteResult.Duplicate)
        {
            // A retry of a delivery whose write-back may have failed: compare with what the row holds now, not with the
            // payload's image (which predates our own write-back), so a duplicate writes nothing when all is in place.
            var current = await client.RetrieveAsync(C.EntitySet, contactId, [C.PersonaFit, C.InsightSummary], cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return StepResult.Skipped("The contact no longer exists.");
            }

            row = new JsonRow(current);
        }

        if (context.Depth > options.MaxWriteBackDepth)
        {
            return StepResult.Completed(string.Create(CultureInfo.InvariantCulture, $"Snapshot stored; depth {context.Depth} is above {options.MaxWriteBackDepth}, so nothing was written back."));
        }

        var summary = InsightSummary.Build(persona, profile, fit, problems.Length);
        var changes = new JsonObject();
        var currentFit = (double?)row.GetDecimal(C.PersonaFit);
        if (currentFit is null != fit is null || (fit is { } a && currentFit is { } b && Math.Abs(a - b) > 0.00005))
        {
            changes[C.PersonaFit] = fit;
        }

        if (!string.Equals(row.GetString(C.InsightSummary), summary, StringComparison.Ordinal))
        {
            changes[C.InsightSummary] = summary;
        }

        if (changes.Count == 0)
        {
            return StepResult.Completed("Snapshot stored; computed columns already up to date.");
        }

        changes[C.FitUpdatedOn] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await client.UpdateAsync(C.EntitySet, contactId, changes, cancellationToken: cancellationToken).ConfigureAwait(false);
        return StepResult.Completed(string.Create(CultureInfo.InvariantCulture, $"Snapshot stored; wrote back {changes.Count - 1} computed column(s)."));
    }

    private async Task<IRowSource?> ReadBackAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var row = await client.RetrieveAsync(C.EntitySet, contactId, [.. ImageColumns.Select(c => c is C.Persona or C.ParentCustomer ? "_" + c + "_value" : c)], cancellationToken).ConfigureAwait(false);
        return row is null ? null : new JsonRow(row);
    }

    private async Task<IRowSource?> ReadAccountAsync(IRowSource contact, RemoteExecutionContext context, CancellationToken cancellationToken)
    {
        var reference = contact is EntityRow entity ? entity.Entity.GetReference(C.ParentCustomer) : null;
        var accountId = contact.GetLookupId(C.ParentCustomer);
        if (accountId is null || (reference is not null && reference.LogicalName != Schema.Tables.Account.Name))
        {
            return null;
        }

        var account = await client.RetrieveAsync(Schema.Tables.Account.EntitySet, accountId.Value,
            [Schema.Tables.Account.Industry, Schema.Tables.Account.Employees, Schema.Tables.Account.Region], cancellationToken).ConfigureAwait(false);
        return account is null ? null : new JsonRow(account);
    }

    private async Task<Persona?> ReadPersonaAsync(Guid personaId, CancellationToken cancellationToken)
    {
        var row = await client.RetrieveAsync(P.EntitySet, personaId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        try
        {
            return PersonaRowMapper.Read(new JsonRow(row), personaId, normalizer);
        }
        catch (ModelValidationException)
        {
            // A persona being edited into shape gives no fit yet; the contact's snapshot is still stored.
            return null;
        }
    }
}
