using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using AccountTable = CrmPersonCentric.Dataverse.Schema.Tables.Account;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>A contact row (Web API or webhook image) as a <see cref="ContactRecord"/>.</summary>
public static class ContactRecordMapper
{
    /// <summary>The contact columns a record is read from (lookups by their logical names).</summary>
    public static IReadOnlyList<string> Columns { get; } = [ContactTable.Id, .. ContactTable.PersonCentric, .. ContactTable.Computed, ContactTable.ModifiedOn];

    /// <summary>The columns to $select from the Web API (lookups as _column_value) and the account to $expand.</summary>
    public static IReadOnlyList<string> WebApiSelect { get; } = [.. Columns.Select(c => c is ContactTable.Persona or ContactTable.ParentCustomer ? "_" + c + "_value" : c), "versionnumber"];

    /// <summary>The $expand that brings the parent account's ICP attributes along.</summary>
    public const string AccountExpand = "parentcustomerid_account($select=" + AccountTable.Industry + "," + AccountTable.Employees + "," + AccountTable.Region + ")";

    /// <summary>
    /// Reads a record; <paramref name="account"/> is the parent account's ICP attributes when known, and
    /// <paramref name="changedOn"/> stands in for the row's modifiedon when the row does not carry it.
    /// </summary>
    public static ContactRecord Read(Guid contactId, IRowSource row, AccountProfile? account, TraitNormalizer normalizer, string? rowVersion, DateTimeOffset? changedOn = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(normalizer);
        var modifiedOn = row.GetDate(ContactTable.ModifiedOn) ?? changedOn;
        var (profile, problems) = ContactProfileMapper.Read(contactId, row, null, normalizer, modifiedOn ?? DateTimeOffset.UnixEpoch);
        if (account is not null)
        {
            profile = profile with { Account = account };
        }

        return new ContactRecord(contactId, profile, problems, rowVersion, modifiedOn, new ComputedColumns((double?)row.GetDecimal(ContactTable.PersonaFit), row.GetString(ContactTable.InsightSummary)));
    }
}
