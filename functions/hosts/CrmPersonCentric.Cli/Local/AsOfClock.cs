namespace CrmPersonCentric.Cli.Local;

/// <summary>The clock of a cpc run: "now" is the run's as-of date, so an evaluation of an export sees the export's day.</summary>
internal sealed class AsOfClock(DateTimeOffset asOf) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => asOf;
}
