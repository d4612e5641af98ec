using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Application.Contacts;

/// <summary>A contact whose person-centric profile may have changed, as a delivery or the reconciliation saw it.</summary>
/// <param name="Contact">The contact as read (normalised profile, row version, computed columns as that read saw them).</param>
/// <param name="LikelyNew">The change is the contact's Create: the backend most likely holds nothing for it yet.</param>
/// <param name="Depth">The plug-in execution depth (0 outside the event pipeline); above the guard nothing is written back.</param>
/// <param name="CurrentIsFresh">
/// True when <see cref="ContactRecord.Current"/> was read from the row just now (reconciliation); false for a webhook
/// image, whose computed columns may predate our own write-back.
/// </param>
public sealed record ProfileChange(ContactRecord Contact, bool LikelyNew, int Depth, bool CurrentIsFresh);
