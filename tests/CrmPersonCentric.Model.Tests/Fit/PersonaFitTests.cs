using CrmPersonCentric.Model.Fit;
using FsCheck;
using FsCheck.Fluent;
using static CrmPersonCentric.Model.Tests.PersonaBuilder;

namespace CrmPersonCentric.Model.Tests.Fit;

public sealed class PersonaFitTests
{
    private static readonly Persona Declared = Persona(
        new DeclaredTrait(TraitDimension.CoreFear, "missing-quota", 0.8),
        new DeclaredTrait(TraitDimension.CoreFear, "burnout", 0.2),
        new DeclaredTrait(TraitDimension.Aspiration, "get-promoted", 1.0));

    [Fact]
    public void Compute_AllDeclaredTraits_IsOne()
    {
        var fit = PersonaFit.Compute(Declared, TraitSet.Create(["get-promoted"], ["missing-quota", "burnout"]));

        Assert.Equal(1.0, fit);
    }

    [Fact]
    public void Compute_PartialOverlap_AveragesWeightedRecallAndPrecision()
    {
        // Only core fears are recorded, so only their declared mass counts: recall = 0.8 / 1.0 = 0.8;
        // precision = 1 of 2 traits = 0.5; fit = 0.65.
        var fit = PersonaFit.Compute(Declared, TraitSet.Create(coreFears: ["missing-quota", "being-replaced-by-ai"]));

        Assert.Equal(0.65, fit!.Value, 10);
    }

    [Fact]
    public void Compute_AnUnrecordedDimension_IsNeitherMatchedNorMissed()
    {
        // Aspirations recorded as declared, core fears not recorded at all: a perfect fit on what is known.
        var fit = PersonaFit.Compute(Declared, TraitSet.Create(["get-promoted"]));

        Assert.Equal(1.0, fit);
    }

    [Fact]
    public void Compute_NoOverlap_IsZero()
    {
        Assert.Equal(0.0, PersonaFit.Compute(Declared, TraitSet.Create(coreFears: ["fear-of-heights"])));
    }

    [Fact]
    public void Compute_OnlyDimensionsThePersonaDoesNotDeclare_IsUnknown()
    {
        Assert.Null(PersonaFit.Compute(Declared, TraitSet.Create(communities: ["toastmasters"])));
    }

    [Fact]
    public void Compute_PersonWithoutTraits_IsUnknownNotPoor()
    {
        Assert.Null(PersonaFit.Compute(Declared, TraitSet.Empty));
    }

    [Fact]
    public void Compute_PersonaWithoutTraits_IsUnknown()
    {
        Assert.Null(PersonaFit.Compute(Persona(), TraitSet.Create(["get-promoted"])));
    }

    [Fact]
    public void Compute_AnyTraits_StaysInUnitInterval()
    {
        var keys = new[] { "missing-quota", "burnout", "get-promoted", "x", "y" };
        Prop.ForAll(
            Gen.SubListOf(keys).ToArbitrary(),
            Gen.SubListOf(keys).ToArbitrary(),
            (fears, aspirations) =>
            {
                var fit = PersonaFit.Compute(Declared, TraitSet.Create(aspirations, fears));
                return fit is null || (fit >= 0 && fit <= 1);
            }).QuickCheckThrowOnFailure();
    }
}
