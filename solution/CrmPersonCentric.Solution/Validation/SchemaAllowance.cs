namespace CrmPersonCentric.Solution.Validation;

/// <summary>One allowed departure from the schema: an undeclared attribute or child element on a given element, with its evidence.</summary>
/// <param name="What">Attribute or child element.</param>
/// <param name="Name">Its name.</param>
/// <param name="On">The element it appears on (for a child element: its parent).</param>
/// <param name="Evidence">Where real exports of current Dataverse carry it.</param>
public sealed record SchemaAllowance(SchemaAllowance.Kind What, string Name, string On, string Evidence)
{
    /// <summary>What kind of departure.</summary>
    public enum Kind
    {
        /// <summary>An attribute the schema does not declare.</summary>
        Attribute,

        /// <summary>A child element the schema does not allow there.</summary>
        Element,
    }
}
