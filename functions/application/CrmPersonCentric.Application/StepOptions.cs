using System.ComponentModel.DataAnnotations;

namespace CrmPersonCentric.Application;

/// <summary>Settings of the plug-in steps. Bound from configuration section "Steps".</summary>
public sealed class StepOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Steps";

    /// <summary>Above this execution depth the profile step does not write back (loop guard).</summary>
    [Range(1, 8)]
    public int MaxWriteBackDepth { get; set; } = 2;

    /// <summary>How long a rejected suggestion suppresses equivalent ones.</summary>
    [Range(1, 3650)]
    public int RejectionSuppressionDays { get; set; } = 90;
}
