using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Rules;

/// <summary>Checks drift rules; every message names the rule and the field, and says why.</summary>
public static class DriftRuleValidator
{
    /// <summary>Largest accepted minimum sample.</summary>
    public const int MaxMinimumSample = 10_000_000;

    /// <summary>Longest accepted window (ten years).</summary>
    public const int MaxWindowDays = 3650;

    /// <summary>The problems of one rule (empty when valid).</summary>
    public static ImmutableArray<ValidationError> Validate(DriftRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var name = string.IsNullOrWhiteSpace(rule.Id) ? "(no id)" : rule.Id;
        void Fail(string field, string message) => errors.Add(new ValidationError($"rule '{name}' {field}", message));

        if (string.IsNullOrWhiteSpace(rule.Id))
        {
            Fail("id", "is required");
        }

        if (!Enum.IsDefined(rule.Metric))
        {
            Fail("metric", "must be one of " + string.Join(", ", Enum.GetNames<DriftMetric>()));
            return errors.ToImmutable();
        }

        var definition = rule.Definition;
        if (!(rule.Threshold > definition.ThresholdLow && rule.Threshold <= definition.ThresholdHigh))
        {
            Fail("threshold", Format($"{rule.Threshold} is outside ({definition.ThresholdLow}, {definition.ThresholdHigh}] for {rule.Metric}: it is {definition.ThresholdMeaning}"));
        }

        if (rule.CriticalThreshold is { } critical)
        {
            if (!(critical > definition.ThresholdLow && critical <= definition.ThresholdHigh))
            {
                Fail("criticalThreshold", Format($"{critical} is outside ({definition.ThresholdLow}, {definition.ThresholdHigh}] for {rule.Metric}"));
            }
            else if (!definition.IsAtOrBeyond(critical, rule.Threshold))
            {
                Fail("criticalThreshold", Format($"{critical} must be {(definition.LowerIsWorse ? "at most" : "at least")} the threshold {rule.Threshold}: for {rule.Metric} {(definition.LowerIsWorse ? "lower" : "higher")} is worse"));
            }
        }

        if (rule.Dimension is { } dimension && (!definition.UsesDimension || !Enum.IsDefined(dimension)))
        {
            Fail("dimension", definition.UsesDimension
                ? "must be aspiration, corefear, peergroup or community"
                : Format($"does not apply to {rule.Metric}; leave it empty"));
        }

        if (rule.MinimumSample < 1 || rule.MinimumSample > MaxMinimumSample)
        {
            Fail("minimumSample", Format($"{rule.MinimumSample} is outside [1, {MaxMinimumSample}]"));
        }

        if (rule.WindowDays < 1 || rule.WindowDays > MaxWindowDays)
        {
            Fail("windowDays", Format($"{rule.WindowDays} is outside [1, {MaxWindowDays}]"));
        }
        else if (rule.Metric == DriftMetric.AdvocacyConcentration && rule.WindowDays != Population.AdvocacyKinds.WindowDays)
        {
            Fail("windowDays", Format($"must be {Population.AdvocacyKinds.WindowDays} for advocacyConcentration (advocacy is counted over the last {Population.AdvocacyKinds.WindowDays} days), was {rule.WindowDays}"));
        }
        else if (rule.Metric == DriftMetric.SiloedJourney && rule.WindowDays != Population.AdvocacyKinds.JourneyWindowDays)
        {
            Fail("windowDays", Format($"must be {Population.AdvocacyKinds.JourneyWindowDays} for siloedJourney (the journey is counted over the last {Population.AdvocacyKinds.JourneyWindowDays} days), was {rule.WindowDays}"));
        }

        if (!Enum.IsDefined(rule.Severity))
        {
            Fail("severity", "must be info, warning or critical");
        }

        if (!(rule.FalseDiscoveryRate > 0 && rule.FalseDiscoveryRate <= 0.5))
        {
            Fail("falseDiscoveryRate", Format($"{rule.FalseDiscoveryRate} is outside (0, 0.5]"));
        }

        if (rule.Parameter is { } parameter)
        {
            if (definition.ParameterMeaning is null)
            {
                Fail("parameter", Format($"does not apply to {rule.Metric}; leave it empty"));
            }
            else if (!(parameter > definition.ParameterLow && parameter <= definition.ParameterHigh))
            {
                Fail("parameter", Format($"{parameter} is outside ({definition.ParameterLow}, {definition.ParameterHigh}] for {rule.Metric}: it is {definition.ParameterMeaning}"));
            }
        }

        return errors.ToImmutable();
    }

    /// <summary>The problems of a rule set, including duplicate ids (empty when valid).</summary>
    public static ImmutableArray<ValidationError> Validate(IEnumerable<DriftRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            errors.AddRange(Validate(rule));
            if (!string.IsNullOrWhiteSpace(rule.Id) && !ids.Add(rule.Id))
            {
                errors.Add(new ValidationError($"rule '{rule.Id}' id", "is used by more than one rule"));
            }
        }

        return errors.ToImmutable();
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
