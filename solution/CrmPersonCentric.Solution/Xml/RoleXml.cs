using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;Role&gt; element of a security role.</summary>
internal static class RoleXml
{
    public static Guid IdOf(RoleDefinition role) => StableId.For("role", role.Name);

    public static XElement For(RoleDefinition role) =>
        new("Role", new XAttribute("id", StableId.Braced(IdOf(role))), new XAttribute("name", role.Name),
            new XElement("RolePrivileges", role.Privileges.Select(p =>
                new XElement("RolePrivilege", new XAttribute("name", p.Privilege), new XAttribute("level", p.Depth)))));
}
