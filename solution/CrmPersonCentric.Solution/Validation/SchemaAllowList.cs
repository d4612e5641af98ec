using System.Text.RegularExpressions;

namespace CrmPersonCentric.Solution.Validation;

/// <summary>
/// The departures from the 2020 schema set that current Dataverse itself writes into exported solutions (and so
/// accepts on import). Each entry is an attribute or child element the set does not declare, the element it appears
/// on, and the evidence that real exports carry it. Nothing else is allowed.
/// </summary>
public static partial class SchemaAllowList
{
    /// <summary>The entries.</summary>
    public static IReadOnlyList<SchemaAllowance> Entries { get; } =
    [
        new(SchemaAllowance.Kind.Attribute, "OrganizationVersion", "ImportExportXml",
            "Root attribute of every customizations.xml current Dataverse exports (e.g. OrganizationVersion=\"9.2.25031.161\"); see the solutions under microsoft/PowerApps-Samples and microsoft/coe-starter-kit."),
        new(SchemaAllowance.Kind.Attribute, "OrganizationSchemaType", "ImportExportXml",
            "Root attribute of every customizations.xml current Dataverse exports (OrganizationSchemaType=\"Standard\"), next to OrganizationVersion."),
        new(SchemaAllowance.Kind.Element, "AutoNumberFormat", "attribute", "Column element on every attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "IsSearchable", "attribute", "Column element on every attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "IsFilterable", "attribute", "Column element on every attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "IsRetrievable", "attribute", "Column element on every attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "IsLocalizable", "attribute", "Column element on every attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "IsRetrieveAuditEnabled", "entity", "Table element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "IsRetrieveMultipleAuditEnabled", "entity", "Table element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "IsSolutionAware", "entity", "Table element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/Entity.xml (commit 0747f38, a solution exported by current Dataverse and unpacked)."),
        new(SchemaAllowance.Kind.Element, "CascadeArchive", "EntityRelationship", "Relationship element exported since Dataverse added long-term data retention (2023): cascade of the archive action, next to CascadeDelete; seen in exports such as the relationship files of unpacked solutions on GitHub."),
        new(SchemaAllowance.Kind.Element, "EnableCollapsibleGroups", "AppModuleSiteMap", "Site map element of microsoft/coe-starter-kit, ALMAcceleratorForAdvancedMakers/SolutionPackage/AppModuleSiteMaps and AppModules (exported by current Dataverse)."),
        new(SchemaAllowance.Kind.Element, "ShowHome", "AppModuleSiteMap", "Site map element of microsoft/coe-starter-kit, ALMAcceleratorForAdvancedMakers/SolutionPackage/AppModuleSiteMaps and AppModules (exported by current Dataverse)."),
        new(SchemaAllowance.Kind.Element, "ShowPinned", "AppModuleSiteMap", "Site map element of microsoft/coe-starter-kit, ALMAcceleratorForAdvancedMakers/SolutionPackage/AppModuleSiteMaps and AppModules (exported by current Dataverse)."),
        new(SchemaAllowance.Kind.Element, "ShowRecents", "AppModuleSiteMap", "Site map element of microsoft/coe-starter-kit, ALMAcceleratorForAdvancedMakers/SolutionPackage/AppModuleSiteMaps and AppModules (exported by current Dataverse)."),
        new(SchemaAllowance.Kind.Element, "OptimizedFor", "AppModule", "App module element of microsoft/coe-starter-kit, ALMAcceleratorForAdvancedMakers/SolutionPackage/AppModuleSiteMaps and AppModules (exported by current Dataverse)."),
        new(SchemaAllowance.Kind.Element, "NavigationType", "AppModule", "App module element of microsoft/coe-starter-kit, ALMAcceleratorForAdvancedMakers/SolutionPackage/AppModuleSiteMaps and AppModules (exported by current Dataverse)."),
    ];

    /// <summary>Why a departure at <paramref name="path"/> (ending with the element at fault) is allowed, or null when it is an error.</summary>
    public static string? Allowance(IReadOnlyList<string> path, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(message);
        var attribute = UndeclaredAttribute().Match(message);
        var child = InvalidChild().Match(message);
        foreach (var entry in Entries)
        {
            var matches = entry.What == SchemaAllowance.Kind.Attribute
                ? attribute.Success && attribute.Groups[1].Value == entry.Name && path.Count > 0 && path[^1] == entry.On
                : child.Success && child.Groups[2].Value == entry.Name && child.Groups[1].Value == entry.On;
            if (matches)
            {
                return entry.Evidence;
            }
        }

        return null;
    }

    [GeneratedRegex("^The '([^']+)' attribute is not declared")]
    private static partial Regex UndeclaredAttribute();

    [GeneratedRegex("^The element '([^']+)' has invalid child element '([^']+)'")]
    private static partial Regex InvalidChild();
}
