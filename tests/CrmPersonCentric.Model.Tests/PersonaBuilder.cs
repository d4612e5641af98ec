namespace CrmPersonCentric.Model.Tests;

/// <summary>Small personas and profiles for tests.</summary>
internal static class PersonaBuilder
{
    public static Persona Persona(params DeclaredTrait[] traits) => new(
        "p-1", "Test persona", new PersonaOwner("o-1", "Owner", null), 1, IcpFilter.Any,
        new PersonaMessaging("Vision", "Mission", "KRA", null, MessagingLayer.DepartmentMission),
        [.. traits], []);

    public static PersonProfile Profile(TraitSet traits, string? desire = null) => new(
        "c-1", "p-1", traits, desire, null, TrustModes.None, AccountProfile.Unknown, DateTimeOffset.UnixEpoch);
}
