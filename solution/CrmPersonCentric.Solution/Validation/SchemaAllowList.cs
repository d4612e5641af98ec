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
        new(SchemaAllowance.Kind.Element, "statecode", "AppModule", "App module element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/AppModules/admin_PowerPlatformAdminView/AppModule.xml (<statecode>0</statecode> between OptimizedFor and FormFactor)."),
        new(SchemaAllowance.Kind.Element, "statuscode", "AppModule", "App module element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/AppModules/admin_PowerPlatformAdminView/AppModule.xml (<statuscode>1</statuscode> after statecode)."),
        new(SchemaAllowance.Kind.Element, "appelements", "AppModule", "App module element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/AppModules/admin_PowerPlatformAdminView/AppModule.xml (the canvas app elements of the app, after Descriptions)."),
        new(SchemaAllowance.Kind.Element, "IsCustomProcessingStepAllowedForOtherPublishers", "Workflow", "Process element of Microsoft's own exports: microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Workflows/AdminSyncTemplatev4Driver-….json.data.xml; reported on a Sales export too (issue 23)."),
        new(SchemaAllowance.Kind.Element, "JsonFileName", "Workflow", "Process element of a cloud flow in microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Workflows/AdminSyncTemplatev4Driver-….json.data.xml (first child: the flow's definition file)."),
        new(SchemaAllowance.Kind.Element, "BillingContext", "Workflow", "Process element of a cloud flow in microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Workflows/AdminSyncTemplatev4Driver-….json.data.xml (the app the flow is billed to)."),
        new(SchemaAllowance.Kind.Attribute, "isinherited", "Role", "Role attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Roles/Power Platform User SR.xml (<Role … isinherited=\"1\">: the role's privileges are inherited by team members)."),
        new(SchemaAllowance.Kind.Element, "EntityImageConfigs", "ImportExportXml", "Root element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Other/Customizations.xml (after <Templates />)."),
        new(SchemaAllowance.Kind.Element, "AttributeImageConfigs", "ImportExportXml", "Root element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Other/Customizations.xml (after EntityImageConfigs)."),
        new(SchemaAllowance.Kind.Element, "CanvasApps", "ImportExportXml", "Root element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Other/Customizations.xml (the canvas apps of the solution)."),
        new(SchemaAllowance.Kind.Element, "connectionreferences", "ImportExportXml", "Root element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Other/Customizations.xml (the connection references of its flows)."),
        new(SchemaAllowance.Kind.Element, "msdyn_dataflows", "ImportExportXml", "Root element of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Other/Customizations.xml (after EntityDataProviders)."),
        new(SchemaAllowance.Kind.Element, "msdyn_dualwriteentitymaps", "ImportExportXml", "Root element of finance-and-operations dual-write solutions, reported missing from the 9.0.0.2090 schema in MicrosoftDocs/powerapps-docs issue 4474."),
        new(SchemaAllowance.Kind.Attribute, "headerdensity", "form", "Form attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/admin_App/FormXml/main/{6dad0a69-…}.xml (<form … headerdensity=\"HighWithControls\">)."),
        new(SchemaAllowance.Kind.Attribute, "Page", "SubArea", "Site map attribute of microsoft/coe-starter-kit, CenterofExcellenceCoreComponents/SolutionPackage/src/AppModuleSiteMaps/admin_ManagePermissions/AppModuleSiteMap.xml (a SubArea that opens a custom page)."),
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
