namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// The counts of one persona every analyzer may read, gathered by the engine in the single pass: its people, who has
/// each dimension recorded (and who of them was recently active), how many hold each trait, and their fit.
/// </summary>
internal sealed class PersonaCounts(int traitCount)
{
    /// <summary>Tagged people.</summary>
    public long N;

    /// <summary>People with at least one trait recorded in any dimension.</summary>
    public long AnyRecorded;

    /// <summary>People with at least one trait recorded, per dimension.</summary>
    public readonly long[] Recorded = new long[Model.TraitDimensions.Count];

    /// <summary>People with at least one declared trait recorded, per dimension (whom the recording model conditions on).</summary>
    public readonly long[] RecordedDeclared = new long[Model.TraitDimensions.Count];

    /// <summary>People with a behaviour signal in the last <see cref="DriftEngine.ActivityWindowDays"/> days.</summary>
    public long Active;

    /// <summary>Per dimension, the recorded people among the active ones (recorded and unrecorded people compared).</summary>
    public readonly long[] RecordedActive = new long[Model.TraitDimensions.Count];

    /// <summary>People holding each trait, by trait id.</summary>
    public readonly int[] TraitCounts = new int[traitCount];

    /// <summary>People whose fit could be computed, the sum of their fits, and ten bins of it.</summary>
    public long WithFit;

    public double FitSum;

    public readonly long[] FitHistogram = new long[10];

    public double MeanFit => WithFit == 0 ? 0 : FitSum / WithFit;
}
