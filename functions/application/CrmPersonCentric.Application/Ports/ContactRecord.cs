using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>A contact as the system of record holds it, normalised.</summary>
/// <param name="Id">The contact id.</param>
/// <param name="Profile">The normalised profile (with the account's ICP attributes).</param>
/// <param name="Problems">Trait entries that could not be used (too long, too many), named by column; never their text.</param>
/// <param name="RowVersion">The row's version (webhook) or ETag (Web API), for ordering.</param>
/// <param name="ModifiedOn">When the row last changed.</param>
/// <param name="Current">The computed columns as the row holds them.</param>
public sealed record ContactRecord(Guid Id, PersonProfile Profile, ImmutableArray<ValidationError> Problems, string? RowVersion, DateTimeOffset? ModifiedOn, ComputedColumns Current);
