using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>
/// The system columns and relationships of a table the solution creates, as current Dataverse exports them for a new
/// custom table (microsoft/coe-starter-kit admin_EnvironmentBusinessArea, user-owned; doz-visits-solution doz_Pharmacy
/// and power-platform-monitoring-framework ppmf_AlertRoute, organization-owned): owner, business unit and team columns
/// (user-owned) or the organization (organization-owned), created/modified by and on, status and status reason with
/// their option sets, import sequence, override created on and the time zone columns; version number and the virtual
/// name columns are never exported. Elements the 9.0.0.2090 schema does not declare (AutoNumberFormat, IsSearchable, …,
/// CascadeArchive) are left out: our own package stays valid against the schema.
/// </summary>
internal static class SystemColumnsXml
{
    private const string Grid = "ValidForAdvancedFind|ValidForForm|ValidForGrid";

    /// <summary>The system attributes of a custom table, primary key first (the solution adds its own columns after them).</summary>
    public static IEnumerable<XElement> For(TableDefinition table)
    {
        yield return PrimaryKey(table);
        yield return Lookup("createdby", "Created By", "Unique identifier of the user who created the record.", Grid);
        yield return Date("createdon", "Created On", "Date and time when the record was created.", "datetime");
        yield return Lookup("createdonbehalfby", "Created By (Delegate)", "Unique identifier of the delegate user who created the record.", Grid);
        yield return Whole("importsequencenumber", "Import Sequence Number", "Sequence number of the import that created this record.", int.MinValue, "ValidForAdvancedFind", "disabled", audited: true, writable: (false, true));
        yield return Lookup("modifiedby", "Modified By", "Unique identifier of the user who modified the record.", Grid);
        yield return Date("modifiedon", "Modified On", "Date and time when the record was modified.", "datetime");
        yield return Lookup("modifiedonbehalfby", "Modified By (Delegate)", "Unique identifier of the delegate user who modified the record.", Grid);
        yield return Date("overriddencreatedon", "Record Created On", "Date and time that the record was migrated.", "date", mask: "ValidForAdvancedFind|ValidForGrid", audited: true, creatable: true);
        if (table.UserOwned)
        {
            yield return Attribute("ownerid", "owner", "Owner", "Owner Id", "ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm", "systemrequired", audited: true, update: true, create: true,
                new XElement("LookupStyle", "single"),
                new XElement("LookupTypes",
                    new XElement("LookupType", new XAttribute("id", Guid.Empty.ToString("D")), "8"),
                    new XElement("LookupType", new XAttribute("id", Guid.Empty.ToString("D")), "9")));
            yield return Lookup("owningbusinessunit", "Owning Business Unit", "Unique identifier for the business unit that owns the record", Grid);
            yield return Lookup("owningteam", "Owning Team", "Unique identifier for the team that owns the record.", mask: null, logical: true);
            yield return Lookup("owninguser", "Owning User", "Unique identifier for the user that owns the record.", mask: null, logical: true);
        }
        else
        {
            yield return Attribute("organizationid", "lookup", "Organization Id", "Unique identifier for the organization", null, "none", audited: true, update: false, create: false,
                new XElement("LookupStyle", "single"), new XElement("LookupTypes"));
        }

        yield return State(table);
        yield return Status(table);
        yield return Whole("timezoneruleversionnumber", "Time Zone Rule Version Number", "For internal use only.", -1, mask: null, "auto", audited: false, writable: (true, true));
        yield return Whole("utcconversiontimezonecode", "UTC Conversion Time Zone Code", "Time zone code that was in use when the record was created.", -1, mask: null, "auto", audited: false, writable: (true, true));
    }

    /// <summary>
    /// The system relationships of a custom table: to its owner, owning business unit, team and user (user-owned) or
    /// its organization, and to the users who created and last modified each row. All NoCascade, as exported.
    /// </summary>
    public static IEnumerable<XElement> Relationships(TableDefinition table)
    {
        var t = table.LogicalName;
        yield return Relationship("lk_" + t + "_createdby", t, "systemuser", "createdby", "Unique identifier of the user who created the record.");
        yield return Relationship("lk_" + t + "_modifiedby", t, "systemuser", "modifiedby", "Unique identifier of the user who modified the record.");
        if (table.UserOwned)
        {
            yield return Relationship("business_unit_" + t, t, "businessunit", "owningbusinessunit", "Unique identifier for the business unit that owns the record");
            yield return Relationship("owner_" + t, t, "owner", "ownerid", "Owner Id");
            yield return Relationship("team_" + t, t, "team", "owningteam", "Unique identifier for the team that owns the record.");
            yield return Relationship("user_" + t, t, "systemuser", "owninguser", "Unique identifier for the user that owns the record.");
        }
        else
        {
            yield return Relationship("organization_" + t, t, "organization", "organizationid", "Unique identifier for the organization");
        }
    }

    private static XElement PrimaryKey(TableDefinition table) =>
        new("attribute", new XAttribute("PhysicalName", table.PrimaryKey),
            new XElement("Type", "primarykey"),
            new XElement("Name", table.PrimaryKey),
            new XElement("LogicalName", table.PrimaryKey),
            new XElement("RequiredLevel", "systemrequired"),
            new XElement("DisplayMask", "ValidForAdvancedFind|RequiredForGrid"),
            new XElement("ImeMode", "auto"),
            Flag("ValidForUpdateApi", false),
            Flag("ValidForReadApi", true),
            Flag("ValidForCreateApi", true),
            Flag("IsCustomField", false),
            Flag("IsAuditEnabled", false),
            Flag("IsSecured", false),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsCustomizable", true),
            Flag("IsRenameable", true),
            Flag("CanModifySearchSettings", true),
            Flag("CanModifyRequirementLevelSettings", false),
            Flag("CanModifyAdditionalSettings", true),
            new XElement("SourceType", "0"),
            DisplayNames(table.DisplayName),
            Descriptions("Unique identifier for entity instances"));

    private static XElement Lookup(string name, string display, string description, string? mask, bool logical = false) =>
        Attribute(name, "lookup", display, description, mask, "none", audited: false, update: false, create: false,
            logical ? Flag("IsLogical", true) : null, new XElement("LookupStyle", "single"), new XElement("LookupTypes"));

    private static XElement Date(string name, string display, string description, string format, string mask = Grid, bool audited = false, bool creatable = false) =>
        Attribute(name, "datetime", display, description, mask, "none", audited, update: false, create: creatable,
            new XElement("Format", format), new XElement("CanChangeDateTimeBehavior", "0"), new XElement("Behavior", "1"));

    private static XElement Whole(string name, string display, string description, int minimum, string? mask, string imeMode, bool audited, (bool Update, bool Create) writable) =>
        Attribute(name, "int", display, description, mask, "none", audited, writable.Update, writable.Create,
            new XElement("Format"), new XElement("MinValue", minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)), new XElement("MaxValue", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .WithImeMode(imeMode);

    private static XElement State(TableDefinition table) =>
        Attribute("statecode", "state", "Status", "Status of the " + table.DisplayName, Grid, "systemrequired", audited: true, update: true, create: false,
            new XElement("optionset", new XAttribute("Name", table.LogicalName + "_statecode"),
                new XElement("OptionSetType", "state"),
                new XElement("IntroducedVersion", "1.0"),
                Flag("IsCustomizable", true),
                DisplayNames("Status"),
                Descriptions("Status of the " + table.DisplayName),
                new XElement("states",
                    new XElement("state", new XAttribute("value", "0"), new XAttribute("defaultstatus", "1"), new XAttribute("invariantname", "Active"), Of("labels", "label", "Active")),
                    new XElement("state", new XAttribute("value", "1"), new XAttribute("defaultstatus", "2"), new XAttribute("invariantname", "Inactive"), Of("labels", "label", "Inactive")))));

    private static XElement Status(TableDefinition table) =>
        Attribute("statuscode", "status", "Status Reason", "Reason for the status of the " + table.DisplayName, Grid, "none", audited: true, update: true, create: true,
            new XElement("optionset", new XAttribute("Name", table.LogicalName + "_statuscode"),
                new XElement("OptionSetType", "status"),
                new XElement("IntroducedVersion", "1.0"),
                Flag("IsCustomizable", true),
                DisplayNames("Status Reason"),
                Descriptions("Reason for the status of the " + table.DisplayName),
                new XElement("statuses",
                    new XElement("status", new XAttribute("value", "1"), new XAttribute("state", "0"), Of("labels", "label", "Active")),
                    new XElement("status", new XAttribute("value", "2"), new XAttribute("state", "1"), Of("labels", "label", "Inactive")))));

    private static XElement Attribute(string name, string type, string display, string description, string? mask, string required, bool audited, bool update, bool create, params object?[] typeSpecific)
    {
        var attribute = AttributeXml.Element(name, type, required, mask, type == "datetime" ? "inactive" : "auto", update, create, custom: false, audited);
        attribute.Add(typeSpecific, DisplayNames(display), Descriptions(description));
        return attribute;
    }

    private static XElement WithImeMode(this XElement attribute, string imeMode)
    {
        attribute.Element("ImeMode")!.Value = imeMode;
        return attribute;
    }

    private static XElement Relationship(string name, string referencing, string referenced, string attribute, string description) =>
        new("EntityRelationship", new XAttribute("Name", name),
            new XElement("EntityRelationshipType", "OneToMany"),
            Flag("IsCustomizable", true),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsHierarchical", false),
            new XElement("ReferencingEntityName", referencing),
            new XElement("ReferencedEntityName", referenced),
            new XElement("CascadeAssign", "NoCascade"),
            new XElement("CascadeDelete", "NoCascade"),
            new XElement("CascadeReparent", "NoCascade"),
            new XElement("CascadeShare", "NoCascade"),
            new XElement("CascadeUnshare", "NoCascade"),
            new XElement("ReferencingAttributeName", attribute),
            new XElement("RelationshipDescription", Descriptions(description)));
}
