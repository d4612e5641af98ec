using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;Entity&gt; element of one table: its attributes, and for our tables the table definition and alternate keys.</summary>
internal static class EntityXml
{
    public static XElement For(TableDefinition table)
    {
        var info = new XElement("entity", new XAttribute("Name", table.LogicalName));
        if (table.IsCustom)
        {
            info.Add(
                Of("LocalizedNames", "LocalizedName", table.DisplayName),
                Of("LocalizedCollectionNames", "LocalizedCollectionName", table.PluralName),
                Descriptions(table.Description));
        }

        var attributes = new XElement("attributes");
        if (table.IsCustom)
        {
            attributes.Add(SystemColumnsXml.For(table));
        }

        attributes.Add(table.Columns.Select(c => AttributeXml.For(table, c)));
        info.Add(attributes);
        if (table.IsCustom)
        {
            info.Add(
                new XElement("EntitySetName", table.EntitySet),
                Flag("IsDuplicateCheckSupported", false),
                Flag("IsBusinessProcessEnabled", false),
                Flag("IsRequiredOffline", false),
                Flag("IsInteractionCentricEnabled", false),
                Flag("IsCollaboration", false),
                Flag("AutoRouteToOwnerQueue", false),
                Flag("IsConnectionsEnabled", false),
                new XElement("EntityColor"),
                Flag("IsDocumentManagementEnabled", false),
                Flag("IsOneNoteIntegrationEnabled", false),
                Flag("IsKnowledgeManagementEnabled", false),
                Flag("IsSLAEnabled", false),
                Flag("IsDocumentRecommendationsEnabled", false),
                Flag("IsBPFEntity", false),
                new XElement("OwnershipTypeMask", table.UserOwned ? "UserOwned" : "OrgOwned"),
                Flag("IsAuditEnabled", table.IsAudited),
                Flag("IsActivity", false),
                Flag("ActivityTypeMask", false),
                Flag("IsActivityParty", false),
                Flag("IsReplicated", true),
                Flag("IsReplicationUserFiltered", true),
                Flag("IsMailMergeEnabled", false),
                Flag("IsVisibleInMobile", false),
                Flag("IsVisibleInMobileClient", true),
                Flag("IsReadOnlyInMobileClient", false),
                Flag("IsOfflineInMobileClient", false),
                Flag("DaysSinceRecordLastModified", false),
                Flag("IsMapiGridEnabled", true),
                Flag("IsReadingPaneEnabled", true),
                Flag("IsQuickCreateEnabled", false),
                Flag("SyncToExternalSearchIndex", false),
                new XElement("IntroducedVersion", "1.0"),
                Flag("IsCustomizable", true),
                Flag("IsRenameable", true),
                Flag("IsMappable", true),
                Flag("CanModifyAuditSettings", true),
                Flag("CanModifyMobileVisibility", true),
                Flag("CanModifyMobileClientVisibility", true),
                Flag("CanModifyMobileClientReadOnly", true),
                Flag("CanModifyMobileClientOffline", true),
                Flag("CanModifyConnectionSettings", true),
                Flag("CanModifyDuplicateDetectionSettings", true),
                Flag("CanModifyMailMergeSettings", true),
                Flag("CanModifyQueueSettings", true),
                Flag("CanCreateAttributes", true),
                Flag("CanCreateForms", true),
                Flag("CanCreateCharts", true),
                Flag("CanCreateViews", true),
                Flag("CanModifyAdditionalSettings", true),
                Flag("CanEnableSyncToExternalSearchIndex", true),
                Flag("EnforceStateTransitions", false),
                Flag("CanChangeHierarchicalRelationship", true),
                Flag("EntityHelpUrlEnabled", false),
                Flag("ChangeTrackingEnabled", true),
                Flag("CanChangeTrackingBeEnabled", true),
                Flag("IsEnabledForExternalChannels", false),
                TrueFalse("HasRelatedNotes", false),
                TrueFalse("HasRelatedActivities", false));
            if (!table.AlternateKeys.IsDefaultOrEmpty)
            {
                info.Add(new XElement("EntityKeys", table.AlternateKeys.Select(k => Key(table, k))));
            }
        }

        return new XElement("Entity",
            new XElement("Name", new XAttribute("LocalizedName", table.DisplayName), new XAttribute("OriginalName", table.DisplayName), table.LogicalName),
            new XElement("EntityInfo", info),
            FormXml.For(table),
            SolutionViews.For(table) is { Length: > 0 } views ? new XElement("SavedQueries", new XElement("savedqueries", views.Select(v => ViewXml.For(table, v)))) : null,
            new XElement("RibbonDiffXml",
                new XElement("CustomActions"),
                new XElement("Templates", new XElement("RibbonTemplates", new XAttribute("Id", "Mscrm.Templates"))),
                new XElement("CommandDefinitions"),
                new XElement("RuleDefinitions", new XElement("TabDisplayRules"), new XElement("DisplayRules"), new XElement("EnableRules")),
                new XElement("LocLabels")));
    }

    private static XElement Key(TableDefinition table, string column) =>
        new("EntityKey",
            new XElement("Name", table.LogicalName + "_" + column + "_key"),
            new XElement("LogicalName", table.LogicalName + "_" + column + "_key"),
            new XElement("EntityKeyAttributes", new XElement("AttributeName", column)),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsCustomizable", true),
            DisplayNames(table.Columns.Single(c => c.LogicalName == column).DisplayName));
}
