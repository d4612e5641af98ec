using CrmPersonCentric.Model.Fit;
using static CrmPersonCentric.Model.Tests.PersonaBuilder;

namespace CrmPersonCentric.Model.Tests.Fit;

public sealed class MessagingLadderTests
{
    [Fact]
    public void For_PersonaAtLayerTwo_MarksReachedRungsAndThePersonsDesire()
    {
        var ladder = MessagingLadder.For(Persona(), Profile(TraitSet.Empty, "  Be home for dinner "));

        Assert.Equal([true, true, false, false], ladder.Rungs.Select(r => r.ReachedByPersona));
        Assert.Equal("Be home for dinner", ladder.Rungs[3].Message);
        Assert.True(ladder.Rungs[3].IsPersonal);
        Assert.True(ladder.HasLayer4Gap);
    }

    [Fact]
    public void For_NoRecordedDesire_HasNoGap()
    {
        var ladder = MessagingLadder.For(Persona(), Profile(TraitSet.Empty, " "));

        Assert.Null(ladder.Rungs[3].Message);
        Assert.False(ladder.HasLayer4Gap);
    }
}
