using System.Globalization;
using AutoMapper;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>Maps Dataverse rows to the domain and back.</summary>
public sealed class DataverseMappingProfile : Profile
{
    /// <summary>Declares the maps.</summary>
    public DataverseMappingProfile()
    {
        CreateMap<DriftRuleRow, DriftRule>()
            .ForCtorParam(nameof(DriftRule.Id), o => o.MapFrom(s => s.Key ?? string.Empty))
            .ForCtorParam(nameof(DriftRule.Name), o => o.MapFrom(s => s.Name ?? s.Key ?? string.Empty))
            .ForCtorParam(nameof(DriftRule.Metric), o => o.MapFrom(s => s.Metric ?? DriftMetric.TraitPrevalence))
            .ForCtorParam(nameof(DriftRule.Threshold), o => o.MapFrom(s => s.Threshold ?? double.NaN))
            .ForCtorParam(nameof(DriftRule.MinimumSample), o => o.MapFrom(s => s.MinimumSample ?? 0))
            .ForCtorParam(nameof(DriftRule.WindowDays), o => o.MapFrom(s => s.WindowDays ?? 0))
            .ForCtorParam(nameof(DriftRule.Severity), o => o.MapFrom(s => s.Severity ?? Severity.Info))
            .ForCtorParam(nameof(DriftRule.Enabled), o => o.MapFrom(s => s.Enabled ?? true))
            .ForCtorParam(nameof(DriftRule.FalseDiscoveryRate), o => o.MapFrom(s => s.FalseDiscoveryRate ?? 0.05));

        // A signal row as the one validator's input: choices by name, the time in ISO 8601, the layer as its number.
        CreateMap<BehaviourSignalRow, SignalInput>()
            .ForCtorParam(nameof(SignalInput.SignalId), o => o.MapFrom(s => s.Id))
            .ForCtorParam(nameof(SignalInput.ContactId), o => o.MapFrom(s => s.ContactId))
            .ForCtorParam(nameof(SignalInput.Type), o => o.MapFrom(s => s.Type == null ? null : s.Type.Value.ToString()))
            .ForCtorParam(nameof(SignalInput.OccurredOn), o => o.MapFrom(s => s.OccurredOn == null ? null : s.OccurredOn.Value.ToString("O", CultureInfo.InvariantCulture)))
            .ForCtorParam(nameof(SignalInput.Theme), o => o.MapFrom(s => s.Theme))
            .ForCtorParam(nameof(SignalInput.Layer), o => o.MapFrom(s => s.Layer == null ? null : ((int)s.Layer.Value).ToString(CultureInfo.InvariantCulture)))
            .ForCtorParam(nameof(SignalInput.Source), o => o.MapFrom(s => s.Source == null ? null : s.Source.Value.ToString()))
            .ForCtorParam(nameof(SignalInput.RelatedContactId), o => o.MapFrom(s => s.RelatedContactId));

        CreateMap<RevisionSuggestion, PersonaRevisionRow>()
            .ForMember(d => d.Type, o => o.MapFrom(s => Choices.From(s.Type, 1)))
            .ForMember(d => d.Dimension, o => o.MapFrom(s => s.Dimension == null ? (int?)null : Choices.From(s.Dimension.Value, 1)))
            .ForMember(d => d.Details, o => o.MapFrom(s => string.Join('\n', s.Details)))
            .ForMember(d => d.Evidence, o => o.MapFrom(s => string.Join('\n', s.FindingIds)));
    }
}
