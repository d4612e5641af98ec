using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>A contact's normalised profile at a point in time, as the backend stores it.</summary>
/// <param name="Profile">The profile (normalised trait keys).</param>
/// <param name="Fit">Fit to the tagged persona, when computable.</param>
/// <param name="RowVersion">The contact row's version, for ordering deliveries.</param>
/// <param name="ModifiedOn">When the contact changed.</param>
/// <param name="LikelyNew">
/// The delivery is the contact's Create, so the backend most likely holds nothing for it yet and may insert without
/// reading first. Only a hint: if a row exists after all, it is read and compared as for any other delivery.
/// </param>
/// <param name="ExistenceConfirmedOn">
/// When (by the backend's clock, taken before the read) the system of record was read and showed the row exists. Only
/// such a snapshot replaces an erasure recorded before that moment: a contact restored in Dataverse under its old id.
/// </param>
public sealed record PersonSnapshot(PersonProfile Profile, double? Fit, string? RowVersion, DateTimeOffset ModifiedOn, bool LikelyNew = false, DateTimeOffset? ExistenceConfirmedOn = null);
