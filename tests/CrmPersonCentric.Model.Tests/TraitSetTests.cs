namespace CrmPersonCentric.Model.Tests;

public sealed class TraitSetTests
{
    [Fact]
    public void Create_KeysOfADimensionFromSeveralPlaces_SortedOrdinallyEachOnceWithoutBlanks()
    {
        var set = TraitSet.Create(
        [
            new(TraitDimension.Community, ["zeta", "", "Alpha", "zeta"]),
            new(TraitDimension.CoreFear, ["burnout"]),
            new(TraitDimension.Community, ["beta", null!, "Alpha"]),
        ]);

        Assert.Equal(["Alpha", "beta", "zeta"], set[TraitDimension.Community]);
        Assert.Equal(["burnout"], set[TraitDimension.CoreFear]);
        Assert.False(set[TraitDimension.Aspiration].IsDefault);
        Assert.Empty(set[TraitDimension.Aspiration]);
        Assert.Equal(4, set.Count);
    }

    [Fact]
    public void Create_SameKeysInAnyOrder_EqualSets()
    {
        var keys = Enumerable.Range(0, 40).Select(i => "trait-" + (i % 13)).ToArray();
        var shuffled = keys.OrderBy(k => k.GetHashCode(StringComparison.Ordinal)).Reverse().ToArray();

        Assert.Equal(TraitSet.Create(peerGroups: keys), TraitSet.Create(peerGroups: shuffled));
        Assert.Equal(13, TraitSet.Create(peerGroups: shuffled).Count);
    }

    [Fact]
    public void FromDimensions_SortedKeysAreHeldAsTheyAre_OthersAsCreateMakesThem()
    {
        var shared = TraitSet.SortedKeys(["zeta", "Alpha", "", "zeta"]);
        var a = TraitSet.FromDimensions([shared, [], ["b", "a", "b"], default]);
        var b = TraitSet.FromDimensions([shared, ["x"], [], []]);

        Assert.Equal(["Alpha", "zeta"], shared);
        Assert.Same(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(shared), System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(a[TraitDimension.Aspiration]));
        Assert.Same(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(a[TraitDimension.Aspiration]), System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(b[TraitDimension.Aspiration]));
        Assert.Equal(TraitSet.Create(["zeta", "Alpha"], [], ["b", "a"], []), a);
        Assert.Equal(["a", "b"], a[TraitDimension.PeerGroup]);
        Assert.False(a[TraitDimension.Community].IsDefault);
        Assert.Throws<ArgumentException>(() => TraitSet.FromDimensions([shared]));
    }
}
