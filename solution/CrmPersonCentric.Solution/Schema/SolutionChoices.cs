using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>The global choices of the solution, each generated from the enum the code reads and writes.</summary>
internal static class SolutionChoices
{
    public static ChoiceDefinition TrustSignal { get; } = new("cpc_trustsignal", "Trust signal",
    [
        .. new (TrustModes Mode, string Label)[]
        {
            (TrustModes.PeerReferral, "Peer referral"),
            (TrustModes.Community, "Community"),
            (TrustModes.Content, "Content"),
            (TrustModes.SalesLed, "Sales-led"),
        }.Select(x => new ChoiceOption(ContactProfileMapper.TrustValues(x.Mode).Single(), x.Label)).OrderBy(o => o.Value),
    ]);

    public static ChoiceDefinition MessagingLayer { get; } = ChoiceDefinition.FromEnum("cpc_messaginglayer", "Messaging layer", 0, new Dictionary<Model.MessagingLayer, string>
    {
        [Model.MessagingLayer.CorporateVision] = "1 Corporate vision",
        [Model.MessagingLayer.DepartmentMission] = "2 Department mission",
        [Model.MessagingLayer.JobRoleKra] = "3 Job-role KRA",
        [Model.MessagingLayer.DeepPersonalDesire] = "4 Deep personal desire",
    });

    public static ChoiceDefinition TraitDimension { get; } = ChoiceDefinition.FromEnum<Model.TraitDimension>("cpc_traitdimension", "Trait dimension", 1);

    public static ChoiceDefinition BehaviourType { get; } = ChoiceDefinition.FromEnum<Model.BehaviourType>("cpc_behaviourtype", "Behaviour type", 1);

    public static ChoiceDefinition SignalSource { get; } = ChoiceDefinition.FromEnum("cpc_signalsource", "Signal source", 1, new Dictionary<Model.SignalSource, string>
    {
        [Model.SignalSource.CustomerSuccess] = "Customer success",
    });

    public static ChoiceDefinition DriftMetric { get; } = ChoiceDefinition.FromEnum("cpc_driftmetric", "Drift metric", 1, new Dictionary<Drift.Rules.DriftMetric, string>
    {
        [Drift.Rules.DriftMetric.IcpLeakage] = "ICP leakage",
        [Drift.Rules.DriftMetric.PopulationStability] = "Population stability (PSI)",
        [Drift.Rules.DriftMetric.DistributionDistance] = "Distribution distance (Jensen–Shannon)",
    });

    public static ChoiceDefinition Severity { get; } = ChoiceDefinition.FromEnum<Drift.Rules.Severity>("cpc_severity", "Severity", 1);

    public static ChoiceDefinition FindingStatus { get; } = ChoiceDefinition.FromEnum<Choices.FindingStatus>("cpc_findingstatus", "Finding status", 0);

    public static ChoiceDefinition FindingKind { get; } = ChoiceDefinition.FromEnum("cpc_findingkind", "Finding kind", 0, new Dictionary<Choices.FindingKind, string>
    {
        [Choices.FindingKind.DataQuality] = "Data quality",
    });

    public static ChoiceDefinition SuggestionType { get; } = ChoiceDefinition.FromEnum("cpc_suggestiontype", "Revision type", 1, new Dictionary<Drift.Results.SuggestionType, string>
    {
        [Drift.Results.SuggestionType.WidenIcp] = "Widen ICP",
        [Drift.Results.SuggestionType.ChangeGoToMarket] = "Change go-to-market motion",
    });

    public static ChoiceDefinition Decision { get; } = ChoiceDefinition.FromEnum<Choices.Decision>("cpc_decision", "Revision decision", 0);

    /// <summary>Every global choice, in a stable order.</summary>
    public static ImmutableArray<ChoiceDefinition> All { get; } =
        [TrustSignal, MessagingLayer, TraitDimension, BehaviourType, SignalSource, DriftMetric, Severity, FindingStatus, FindingKind, SuggestionType, Decision];
}
