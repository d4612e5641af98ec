namespace CrmPersonCentric.Application.History;

/// <summary>A persona then and now: its version (a revision applied, an edit) and its people.</summary>
/// <param name="PersonaId">The persona.</param>
/// <param name="VersionBefore">Its version in the earlier run.</param>
/// <param name="VersionAfter">Its version now.</param>
/// <param name="PeopleBefore">People tagged in the earlier run.</param>
/// <param name="PeopleAfter">People tagged now.</param>
public sealed record PersonaChange(string PersonaId, int VersionBefore, int VersionAfter, long PeopleBefore, long PeopleAfter)
{
    /// <summary>True when the definition changed between the runs.</summary>
    public bool VersionChanged => VersionAfter != VersionBefore;
}
