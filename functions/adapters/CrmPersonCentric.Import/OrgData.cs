using System.Collections.Immutable;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import;

/// <summary>Everything a data directory holds, validated.</summary>
/// <param name="ExportedOn">When the export was taken (the default as-of date of an evaluation), if known.</param>
/// <param name="Organisation">Name of the organisation, for report headers.</param>
/// <param name="Owners">The marketing leads owning personas.</param>
/// <param name="Personas">The personas.</param>
/// <param name="Profiles">Contact profiles (tagged or not).</param>
/// <param name="Signals">Behaviour signals.</param>
/// <param name="Rules">Drift rules (the embedded defaults when the directory has none).</param>
/// <param name="Taxonomy">The trait taxonomy (the embedded default when the directory has none).</param>
public sealed record OrgData(
    DateTimeOffset? ExportedOn,
    string Organisation,
    ImmutableArray<PersonaOwner> Owners,
    ImmutableArray<Persona> Personas,
    ImmutableArray<PersonProfile> Profiles,
    ImmutableArray<BehaviourSignal> Signals,
    ImmutableArray<DriftRule> Rules,
    TraitTaxonomy Taxonomy)
{
    /// <summary>The messaging theme taxonomy (the embedded default when the directory has none).</summary>
    public ThemeTaxonomy Themes { get; init; } = ThemeTaxonomy.Default;

    /// <summary>What reading left out (contacts of unknown personas) and where the rules come from.</summary>
    public ImportNotes Notes { get; init; } = ImportNotes.None;
}
