using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A security role: privilege names (prv{Action}{table}) with their depth (Basic, Local, Deep, Global).</summary>
/// <param name="Name">Role name.</param>
/// <param name="Privileges">Privilege name → depth, in a stable order.</param>
internal sealed record RoleDefinition(string Name, ImmutableArray<(string Privilege, string Depth)> Privileges);
