using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>Turns a contact row (and its account) into a normalised <see cref="PersonProfile"/>.</summary>
public static class ContactProfileMapper
{
    private static readonly (string Column, TraitDimension Dimension)[] TraitColumns =
    [
        (ContactTable.Aspirations, TraitDimension.Aspiration),
        (ContactTable.CoreFears, TraitDimension.CoreFear),
        (ContactTable.PeerGroups, TraitDimension.PeerGroup),
        (ContactTable.Communities, TraitDimension.Community),
    ];

    /// <summary>Trust choice values in option order: peer referral, community, content, sales-led.</summary>
    private static readonly TrustModes[] TrustOptions = [TrustModes.PeerReferral, TrustModes.Community, TrustModes.Content, TrustModes.SalesLed];

    /// <summary>Reads the profile; problems (too long, too many) are returned, never thrown, and never quote the text.</summary>
    public static (PersonProfile Profile, ImmutableArray<ValidationError> Problems) Read(
        Guid contactId,
        IRowSource contact,
        IRowSource? account,
        TraitNormalizer normalizer,
        DateTimeOffset updatedOn)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(normalizer);
        var problems = ImmutableArray.CreateBuilder<ValidationError>();
        var traits = new List<KeyValuePair<TraitDimension, IEnumerable<string>>>();
        foreach (var (column, dimension) in TraitColumns)
        {
            var result = normalizer.NormalizeList(dimension, contact.GetString(column), column);
            problems.AddRange(result.Errors);
            traits.Add(new(dimension, result.Keys.Take(normalizer.Limits.MaxPerDimension).ToList()));
        }

        var trust = TrustOf(contact.GetOptions(ContactTable.TrustSignals));

        var profile = new PersonProfile(
            contactId.ToString("D"),
            contact.GetLookupId(ContactTable.Persona)?.ToString("D"),
            TraitSet.Create(traits),
            contact.GetString(ContactTable.DeepPersonalDesire),
            contact.GetString(ContactTable.EmotionalStakes),
            trust,
            account is null ? AccountProfile.Unknown : AccountOf(account),
            updatedOn);
        return (profile, problems.ToImmutable());
    }

    /// <summary>How a person extends trust, from the trust column's choice values (unknown values ignored).</summary>
    public static TrustModes TrustOf(IEnumerable<int> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var trust = TrustModes.None;
        foreach (var option in options)
        {
            if (Choice.Number(option) is { } n && n >= 1 && n <= TrustOptions.Length)
            {
                trust |= TrustOptions[n - 1];
            }
        }

        return trust;
    }

    /// <summary>The ICP attributes of an account row (industry by its label, region as a key).</summary>
    public static AccountProfile AccountOf(IRowSource account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AccountProfile(
            Key(account.GetFormatted(Tables.Account.Industry)),
            (int?)account.GetInteger(Tables.Account.Employees),
            Key(account.GetString(Tables.Account.Region) ?? account.GetFormatted(Tables.Account.Region)));
    }

    /// <summary>The trust choice values of trust modes (for writing).</summary>
    public static IEnumerable<int> TrustValues(TrustModes trust) =>
        TrustOptions.Select((mode, i) => (mode, i)).Where(x => trust.HasFlag(x.mode)).Select(x => Choice.Value(x.i + 1));

    /// <summary>An account attribute's key (industry label, region) as the ICP filter compares it.</summary>
    public static string? Key(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : TraitText.ToKey(TraitText.Canonicalize(text));
}
