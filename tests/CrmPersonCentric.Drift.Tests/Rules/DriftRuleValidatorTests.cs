using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Rules;

public sealed class DriftRuleValidatorTests
{
    private static readonly DriftRule Valid = new("stale", "Stale traits", DriftMetric.StaleTrait, null, 0.4, 0.15, 60, 90, Severity.Warning, null);

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.NotEmpty(DefaultDriftRules.All);
        Assert.Empty(DriftRuleValidator.Validate(DefaultDriftRules.All));
        Assert.Equal(Enum.GetValues<DriftMetric>().Length, DefaultDriftRules.All.Select(r => r.Metric).Distinct().Count());
    }

    [Fact]
    public void Validate_ThresholdOutsideRange_NamesRuleAndField()
    {
        var error = Assert.Single(DriftRuleValidator.Validate(Valid with { Threshold = 1.5, CriticalThreshold = null }));

        Assert.Equal("rule 'stale' threshold", error.Field);
        Assert.Contains("1.5 is outside (0, 1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CriticalOnTheWrongSide_SaysWhichWayIsWorse()
    {
        var error = Assert.Single(DriftRuleValidator.Validate(Valid with { CriticalThreshold = 0.6 }));

        Assert.Equal("rule 'stale' criticalThreshold", error.Field);
        Assert.Contains("at most the threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileCoverage_IsADefaultRule_LowerIsWorse_AndTakesADimension()
    {
        var coverage = Assert.Single(DefaultDriftRules.All, r => r.Metric == DriftMetric.ProfileCoverage);
        Assert.Equal((0.5, 0.2), (coverage.Threshold, coverage.CriticalThreshold));

        var rule = coverage with { Id = "coverage", Dimension = TraitDimension.Community };
        Assert.Empty(DriftRuleValidator.Validate(rule));
        var wrongSide = Assert.Single(DriftRuleValidator.Validate(rule with { CriticalThreshold = 0.7 }));
        Assert.Equal("rule 'coverage' criticalThreshold", wrongSide.Field);
        Assert.Contains("at most the threshold", wrongSide.Message, StringComparison.Ordinal);
        Assert.Contains(DriftRuleValidator.Validate(rule with { Threshold = 1.2, CriticalThreshold = null }), e => e.Field == "rule 'coverage' threshold");
    }

    [Fact]
    public void Validate_DimensionOnBehaviourRule_IsRejected()
    {
        var rule = Valid with { Metric = DriftMetric.BehaviourShare, Dimension = TraitDimension.CoreFear, CriticalThreshold = null };

        Assert.Contains(DriftRuleValidator.Validate(rule), e => e.Field == "rule 'stale' dimension");
    }

    [Theory]
    [InlineData(0, 90, "minimumSample")]
    [InlineData(60, 0, "windowDays")]
    [InlineData(60, 4000, "windowDays")]
    public void Validate_SampleAndWindowLimits(int minimumSample, int windowDays, string field)
    {
        var errors = DriftRuleValidator.Validate(Valid with { MinimumSample = minimumSample, WindowDays = windowDays });

        Assert.Contains(errors, e => e.Field == "rule 'stale' " + field);
    }

    [Fact]
    public void Validate_ParameterOnMetricWithoutOne_IsRejected()
    {
        Assert.Contains(DriftRuleValidator.Validate(Valid with { Parameter = 0.2 }), e => e.Field == "rule 'stale' parameter");
    }

    [Fact]
    public void Validate_DuplicateIds_AreReported()
    {
        Assert.Contains(DriftRuleValidator.Validate([Valid, Valid]), e => e.Message.Contains("more than one rule", StringComparison.Ordinal));
    }

    [Fact]
    public void FromJson_UnknownMetric_SaysWhere()
    {
        using var json = new MemoryStream("""[{"id":"x","metric":"vibes","threshold":0.1,"minimumSample":10,"windowDays":90,"severity":"info"}]"""u8.ToArray());

        var ex = Assert.Throws<ModelValidationException>(() => DefaultDriftRules.FromJson(json));

        Assert.Contains("metric", ex.Errors[0].Field, StringComparison.Ordinal);
    }

    [Fact]
    public void SeverityFor_CriticalThreshold_RespectsDirection()
    {
        Assert.Equal(Severity.Critical, Valid.SeverityFor(0.1));
        Assert.Equal(Severity.Warning, Valid.SeverityFor(0.3));
    }
}
