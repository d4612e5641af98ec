using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;
using static CrmPersonCentric.Solution.Schema.Columns;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>
/// The tables and columns of the solution. Logical names come from <see cref="Tables"/> (the code's names), choices from
/// <see cref="SolutionChoices"/> (the code's enums); this file adds what only the solution needs: types, sizes, labels.
/// </summary>
internal static partial class SolutionSchema
{
    /// <summary>The publisher's customization prefix with its separator (solution.xml's CustomizationPrefix is <c>cpc</c>).</summary>
    public const string Prefix = "cpc_";

    private const int LongText = 100_000;

    /// <summary>Every table, in a stable order: system tables first, then ours in dependency order.</summary>
    public static ImmutableArray<TableDefinition> All { get; } = [Contact, Account, Persona, TraitTaxonomy, MessageTheme, BehaviourSignal, DriftRule, DriftFinding, PersonaRevision];

    public static TableDefinition Contact => new(Tables.Contact.Name, "Contact", "Contacts", "Person-centric profile columns.", false, true,
    [
        // A person's own words are not audited: the audit log outlives the contact, and their erasure must reach everything.
        Memo(Tables.Contact.Aspirations, "Aspirations", "What the person wants to achieve, in their words; one per line or separated by semicolons.") with { IsAudited = false },
        Memo(Tables.Contact.CoreFears, "Core fears", "What the person is afraid of losing or getting wrong; one per line or separated by semicolons.") with { IsAudited = false },
        Memo(Tables.Contact.PeerGroups, "Peer groups", "The groups of peers the person compares themselves with; one per line or separated by semicolons.") with { IsAudited = false },
        Memo(Tables.Contact.Communities, "Communities", "The communities the person belongs to or contributes to; one per line or separated by semicolons.") with { IsAudited = false },
        Memo(Tables.Contact.DeepPersonalDesire, "Deep personal desire", "What the person wants for themselves beyond their job role (messaging layer 4).") with { IsAudited = false },
        Memo(Tables.Contact.EmotionalStakes, "Emotional stakes", "What the person stands to feel or lose personally in the decision.") with { IsAudited = false },
        MultiChoice(Tables.Contact.TrustSignals, "Trust signals", "How the person extends trust: peer referral, community, content or sales-led.", SolutionChoices.TrustSignal) with { IsAudited = false },
        // A persona is deleted without its contacts: they are untagged (a custom table cannot cascade onto a system one).
        Lookup(Tables.Contact.Persona, "Persona", "The buyer persona the person is tagged with.", Tables.Persona.Name) with { RelatedMenuLabel = "Tagged contacts" },
        Decimal(Tables.Contact.PersonaFit, "Persona fit", "How well the person's traits match the tagged persona (0 = no match, 1 = exact); computed by CrmPersonCentric.", 0m, 1m, 4) with { IsComputed = true },
        Memo(Tables.Contact.InsightSummary, "Insight summary", "A short summary of the person's profile against the persona; computed by CrmPersonCentric.", 2000) with { IsComputed = true },
        DateTime(Tables.Contact.FitUpdatedOn, "Fit updated on", "When CrmPersonCentric last computed the persona fit.") with { IsComputed = true },
        Whole(Tables.Contact.EnrichmentRank, "Enrichment rank", "Rank on the persona's enrichment worklist (1 = most useful to enrich); empty when the contact is not on it; written by each drift evaluation.", 1, 10_000) with { IsComputed = true },
        Text(Tables.Contact.EnrichmentMissing, "Missing dimensions", "The dimensions the persona declares that have nothing recorded for this contact, least covered first; written by each drift evaluation.", 200) with { IsComputed = true },
        Text(Tables.Contact.EnrichmentNote, "Why enrich", "Why capturing the missing dimensions matters for the persona's evidence; written by each drift evaluation.", 500) with { IsComputed = true },
        Text(Tables.Contact.AdvocateReason, "Why an advocate", "Why the person stands out among their persona's people (e.g. 'Referred 4 people in the last 90 days'); empty when they do not; written by each drift evaluation.", 500) with { IsComputed = true },
        Text(Tables.Contact.AdvocateKinds, "Advocate kind", "advocate, referrer and/or bridge; written by each drift evaluation.", 100) with { IsComputed = true },
    ], []);

    public static TableDefinition Account => new(Tables.Account.Name, "Account", "Accounts", "ICP attributes.", false, true,
    [
        Text(Tables.Account.Region, "Region", "The account's sales region, matched against the persona's ICP regions.", 100),
    ], []);

    public static TableDefinition Persona => new(Tables.Persona.Name, "Persona", "Personas", "A buyer persona defined by marketing; its owner is the responsible marketing lead.", true, true,
    [
        Name(Tables.Persona.DisplayName, "Name", "The persona's name."),
        Whole(Tables.Persona.Version, "Version", "The persona's version; accepted revisions increase it.", 1, 1_000_000),
        Memo(Tables.Persona.IcpIndustries, "ICP industries", "Industries of the ideal customer profile, separated by semicolons.", 2000),
        Whole(Tables.Persona.IcpMinEmployees, "ICP minimum employees", "Smallest account size of the ideal customer profile (empty: no lower bound)."),
        Whole(Tables.Persona.IcpMaxEmployees, "ICP maximum employees", "Largest account size of the ideal customer profile (empty: no upper bound)."),
        Memo(Tables.Persona.IcpRegions, "ICP regions", "Regions of the ideal customer profile, separated by semicolons.", 2000),
        Memo(Tables.Persona.CorporateVision, "Corporate vision", "Messaging layer 1: the corporate vision the persona's messaging speaks to."),
        Memo(Tables.Persona.DepartmentMission, "Department mission", "Messaging layer 2: the department mission."),
        Memo(Tables.Persona.JobRoleKra, "Job-role KRA", "Messaging layer 3: the key result areas of the job role."),
        Memo(Tables.Persona.DeepPersonalDesire, "Deep personal desire", "Messaging layer 4: the personal desire the messaging appeals to."),
        Choice(Tables.Persona.ReachedLayer, "Reached layer", "The deepest messaging layer the persona's messaging uses today.", SolutionChoices.MessagingLayer),
        Memo(Tables.Persona.DeclaredTraits, "Declared traits", "JSON: the declared traits per dimension with their expected prevalence.", LongText),
        Memo(Tables.Persona.ExpectedBehaviours, "Expected behaviours", "JSON: the expected behaviour shares and rates.", LongText),
        Memo(Tables.Persona.ChangeLog, "Change log", "One line per applied revision: version, date, who and what changed.", LongText),
        Memo(Tables.Persona.ExpectedTrust, "Expected trust channels", "JSON: the trust channels (peerReferral, community, content, salesLed) the persona expects its people to use, with shares.", LongText),
        DateTime(Tables.Persona.RevisedOn, "Revised on", "When the definition last changed (set by CrmPersonCentric when a definition column is saved or a revision applied).") with { IsComputed = true },
        Memo(Tables.Persona.DepthCheck, "Depth check", "What makes the persona too thin to act on, and what to do; written on save and by each drift evaluation. Warnings only: nothing is blocked.", 4000) with { IsComputed = true },
    ], []);

    public static TableDefinition TraitTaxonomy => new(Tables.TraitTaxonomy.Name, "Trait taxonomy entry", "Trait taxonomy", "A known trait and the phrasings that mean it.", true, false,
    [
        Name(Tables.TraitTaxonomy.Label, "Label", "The trait as people read it."),
        Choice(Tables.TraitTaxonomy.Dimension, "Dimension", "The trait's dimension.", SolutionChoices.TraitDimension) with { IsRequired = true },
        Text(Tables.TraitTaxonomy.Key, "Key", "The stable key free text is normalised to.", 200) with { IsRequired = true },
        Memo(Tables.TraitTaxonomy.Synonyms, "Synonyms", "Other phrasings of the trait, separated by semicolons.", 4000),
        Boolean(Tables.TraitTaxonomy.Generic, "Generic buzzword", "Yes for a trait almost anyone would claim (innovation, efficiency): the persona depth check warns when a persona declares it. No by default; a row for a shipped key cannot turn a shipped buzzword off.", defaultValue: false),
    ], []);

    public static TableDefinition MessageTheme => new(Tables.MessageTheme.Name, "Messaging theme", "Messaging themes", "A messaging theme, the campaign names that mean it, and what it speaks to: responses are compared theme by theme within a layer.", true, false,
    [
        Name(Tables.MessageTheme.Label, "Label", "The theme as marketing reads it."),
        Text(Tables.MessageTheme.Key, "Key", "The stable key campaign names are normalised to (lower-case words joined by '-').", 200) with { IsRequired = true },
        Memo(Tables.MessageTheme.Synonyms, "Synonyms", "Other names campaigns use for the theme, separated by semicolons.", 4000),
        Choice(Tables.MessageTheme.Dimension, "Addresses dimension", "Optionally, the dimension of the trait the theme speaks to.", SolutionChoices.TraitDimension),
        Text(Tables.MessageTheme.Trait, "Addresses trait", "Optionally, the key of the trait the theme speaks to (with its dimension).", 200),
        Choice(Tables.MessageTheme.Layer, "Messaging layer", "The layer the theme speaks to; themes are compared with the other themes of their layer.", SolutionChoices.MessagingLayer),
    ], [Tables.MessageTheme.Key]);

    // Not audited: people's behaviour, in bulk; the audit log would keep it after the person's erasure.
    public static TableDefinition BehaviourSignal => new(Tables.BehaviourSignal.Name, "Behaviour signal", "Behaviour signals", "Something a person did: contributed, referred, advocated, attended, co-created or responded to messaging.", true, true,
    [
        Name(Tables.BehaviourSignal.ExternalId, "External id", "The id of the signal in the system it came from; unique."),
        // The signal is the person's: it goes with the contact (its one parental relationship).
        Lookup(Tables.BehaviourSignal.Contact, "Contact", "The person who showed the behaviour.", Tables.Contact.Name) with { IsRequired = true, OnDelete = CascadeDelete.Cascade },
        Choice(Tables.BehaviourSignal.Type, "Type", "The kind of behaviour.", SolutionChoices.BehaviourType) with { IsRequired = true },
        DateTime(Tables.BehaviourSignal.OccurredOn, "Occurred on", "When the behaviour happened.") with { IsRequired = true },
        Text(Tables.BehaviourSignal.Theme, "Theme", "The theme of the content, event or message.", 400),
        Choice(Tables.BehaviourSignal.Layer, "Messaging layer", "For messaging responses: the layer of the message answered.", SolutionChoices.MessagingLayer),
        Choice(Tables.BehaviourSignal.Source, "Recorded by", "The function that recorded the signal: marketing, sales, community, product, customer success or events.", SolutionChoices.SignalSource),
        Lookup(Tables.BehaviourSignal.RelatedContact, "Referred contact", "For referrals: the person who was referred.", Tables.Contact.Name) with { RelatedMenuLabel = "Referrals of this person" },
    ], [Tables.BehaviourSignal.ExternalId]) { IsAudited = false };
}
