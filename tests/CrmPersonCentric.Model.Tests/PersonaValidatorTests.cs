using System.Collections.Immutable;
using static CrmPersonCentric.Model.Tests.PersonaBuilder;

namespace CrmPersonCentric.Model.Tests;

public sealed class PersonaValidatorTests
{
    [Fact]
    public void Validate_ValidPersona_HasNoErrors()
    {
        Assert.Empty(Persona(new DeclaredTrait(TraitDimension.CoreFear, "burnout", 0.5)).Validate());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_PrevalenceOutOfRange_NamesTheTrait(double prevalence)
    {
        var errors = Persona(new DeclaredTrait(TraitDimension.CoreFear, "burnout", prevalence)).Validate();

        Assert.Contains(errors, e => e.Field == "traits[0].expectedPrevalence");
    }

    [Fact]
    public void Validate_DuplicateTrait_IsReported()
    {
        var errors = Persona(
            new DeclaredTrait(TraitDimension.CoreFear, "burnout", 0.5),
            new DeclaredTrait(TraitDimension.CoreFear, "burnout", 0.4)).Validate();

        Assert.Contains(errors, e => e.Field == "traits[1].key" && e.Message.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MessagingResponseWithoutLayer_IsReported()
    {
        var persona = Persona() with { Behaviours = [new BehaviourExpectation(BehaviourType.MessagingResponse, null, 0.3)] };

        Assert.Contains(persona.Validate(), e => e.Field == "behaviours[0].layer");
    }

    [Fact]
    public void Validate_EmployeeBandInverted_IsReported()
    {
        var persona = Persona() with { Icp = new IcpFilter(ImmutableArray<string>.Empty, 500, 100, []) };

        Assert.Contains(persona.Validate(), e => e.Field == "icp.maxEmployees");
    }

    [Fact]
    public void Validate_MissingOwner_IsReported()
    {
        var persona = Persona() with { Owner = new PersonaOwner(" ", "x", null) };

        Assert.Contains(persona.Validate(), e => e.Field == "owner.id");
    }
}
