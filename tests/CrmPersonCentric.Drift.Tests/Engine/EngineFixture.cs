using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Import;
using CrmPersonCentric.Import.Sample;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>The sample organisation with its planted drift, evaluated once for the class.</summary>
public sealed class EngineFixture
{
    public EngineFixture()
    {
        Data = SampleOrganisation.Generate();
        Population = PopulationBuilder.Build(Data.Personas, Data.Profiles, Data.Signals, Data.ExportedOn!.Value);
        Evaluation = new DriftEngine().Evaluate(Population, Data.Rules);
    }

    public OrgData Data { get; }

    public CompactPopulation Population { get; }

    public DriftEvaluation Evaluation { get; }
}
