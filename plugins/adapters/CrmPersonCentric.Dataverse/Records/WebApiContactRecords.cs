using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using AccountTable = CrmPersonCentric.Dataverse.Schema.Tables.Account;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Contacts and their accounts over the Web API: the person-centric columns in, the computed columns out.</summary>
public sealed class WebApiContactRecords(IDataverseClient client, ITraitTaxonomySource taxonomy) : IContactRecords, IAccountProfiles
{
    private const string ExpandedAccount = "parentcustomerid_account";

    /// <inheritdoc />
    public async IAsyncEnumerable<ContactRecord> TaggedContactsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = new ODataQuery
        {
            Select = ContactRecordMapper.WebApiSelect,
            Filter = "_" + ContactTable.Persona + "_value ne null",
            Expand = ContactRecordMapper.AccountExpand,
            IncludeAnnotations = true,
        };
        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in client.QueryAsync(ContactTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            if (Read(row, normalizer) is { } record)
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    public async Task<ContactRecord?> FindAsync(Guid contactId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(ContactTable.EntitySet, contactId, ContactRecordMapper.WebApiSelect, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var source = new JsonRow(row);
        var account = source.GetLookupId(ContactTable.ParentCustomer) is { } accountId ? await FindAccountAsync(accountId, cancellationToken).ConfigureAwait(false) : null;
        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        return ContactRecordMapper.Read(contactId, source, account, normalizer, VersionOf(row, source));
    }

    /// <inheritdoc />
    public async Task<ComputedColumns?> ComputedColumnsAsync(Guid contactId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(ContactTable.EntitySet, contactId, [ContactTable.PersonaFit, ContactTable.InsightSummary], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var source = new JsonRow(row);
        return new ComputedColumns((double?)source.GetDecimal(ContactTable.PersonaFit), source.GetString(ContactTable.InsightSummary));
    }

    /// <inheritdoc />
    public Task WriteComputedColumnsAsync(Guid contactId, ComputedColumnsChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var columns = new JsonObject();
        if (change.FitChanged)
        {
            columns[ContactTable.PersonaFit] = change.Fit;
        }

        if (change.Summary is not null)
        {
            columns[ContactTable.InsightSummary] = change.Summary;
        }

        columns[ContactTable.FitUpdatedOn] = change.ComputedOn.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return client.UpdateAsync(ContactTable.EntitySet, contactId, columns, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    Task<AccountProfile?> IAccountProfiles.FindAsync(Guid accountId, CancellationToken cancellationToken) => FindAccountAsync(accountId, cancellationToken);

    private async Task<AccountProfile?> FindAccountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var row = await client.RetrieveAsync(AccountTable.EntitySet, accountId, [AccountTable.Industry, AccountTable.Employees, AccountTable.Region], cancellationToken).ConfigureAwait(false);
        return row is null ? null : ContactProfileMapper.AccountOf(new JsonRow(row));
    }

    private static ContactRecord? Read(JsonObject row, TraitNormalizer normalizer)
    {
        var source = new JsonRow(row);
        if (!Guid.TryParse(source.GetString(ContactTable.Id), out var contactId))
        {
            return null;
        }

        var account = row[ExpandedAccount] is JsonObject expanded ? ContactProfileMapper.AccountOf(new JsonRow(expanded)) : null;
        return ContactRecordMapper.Read(contactId, source, account, normalizer, VersionOf(row, source));
    }

    // versionnumber is the row version webhooks carry; the ETag wraps the same number (W/"123").
    private static string? VersionOf(JsonObject row, JsonRow source) => row["versionnumber"]?.ToJsonString().Trim('"') ?? source.ETag;
}
