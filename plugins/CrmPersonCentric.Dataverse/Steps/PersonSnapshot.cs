using CrmPersonCentric.Model;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>A contact's normalised profile at a point in time, as the backend stores it.</summary>
/// <param name="Profile">The profile (normalised trait keys).</param>
/// <param name="Fit">Fit to the tagged persona, when computable.</param>
/// <param name="RowVersion">The contact row's version, for ordering deliveries.</param>
/// <param name="ModifiedOn">When the contact changed.</param>
public sealed record PersonSnapshot(PersonProfile Profile, double? Fit, string? RowVersion, DateTimeOffset ModifiedOn);
