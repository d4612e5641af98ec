using System.Text.Json;

namespace CrmPersonCentric.Testing;

/// <summary>
/// Webhook bodies in the documented RemoteExecutionContext shape (Microsoft Learn's sample and the cases it does not show:
/// unescaped slashes, images without __type, dates with offsets, multi-select arrays, unknown keys).
/// </summary>
public static class WebhookPayloads
{
    public const string ContactId = "6d81597f-0f9f-e711-8122-000d3aa2331c";
    public const string PersonaId = "1a2b3c4d-0000-4000-8000-000000000001";
    public const string AccountId = "2b3c4d5e-0000-4000-8000-000000000002";

    /// <summary>Create of a contact, unescaped slashes, post image without __type, every value type.</summary>
    public static string CreateContact(int depth = 1, string fears = "Fear of missing quota; burnout", string? desire = "Be home for dinner", decimal? currentFit = null, string? currentSummary = null) => $$"""
        {
          "BusinessUnitId": "e2b9dd85-e89e-e711-8122-000d3aa2331c",
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd",
          "Depth": {{depth}},
          "InitiatingUserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff",
          "InputParameters": [{
            "key": "Target",
            "value": {
              "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts",
              "Attributes": [
                { "key": "contactid", "value": "{{ContactId}}" },
                { "key": "cpc_corefears", "value": "{{fears}}" },
                { "key": "cpc_aspirations", "value": "Hit the number" },
                { "key": "cpc_deeppersonaldesire", "value": {{(desire is null ? "null" : "\"" + desire + "\"")}} },
                { "key": "cpc_trustsignals", "value": [ { "__type": "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": 742300001 }, { "Value": 742300003 } ] },
                { "key": "cpc_personaid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{PersonaId}}", "LogicalName": "cpc_persona", "Name": "Sales Director" } },
                { "key": "parentcustomerid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{AccountId}}", "LogicalName": "account", "Name": null } },
                { "key": "creditlimit", "value": { "__type": "Money:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": 1250.50 } },
                { "key": "preferredcontactmethodcode", "value": { "__type": "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": 1 } },
                { "key": "numberofchildren", "value": 2 },
                { "key": "cpc_personafit", "value": {{(currentFit is null ? "null" : currentFit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}} },
                { "key": "donotemail", "value": true },
                { "key": "cpc_insightsummary", "value": {{JsonSerializer.Serialize(currentSummary)}} },
                { "key": "modifiedon", "value": "/Date(1506384247000)/" }
              ],
              "EntityState": null,
              "FormattedValues": [ { "key": "preferredcontactmethodcode", "value": "Any" } ],
              "Id": "{{ContactId}}",
              "KeyAttributes": [],
              "LogicalName": "contact",
              "RelatedEntities": [],
              "RowVersion": 1234567
            }
          }],
          "MessageName": "Create",
          "Mode": 1,
          "OperationCreatedOn": "/Date(1506409448000+0100)/",
          "OrganizationId": "00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
          "OrganizationName": "OrgName",
          "OutputParameters": [ { "key": "id", "value": "{{ContactId}}" } ],
          "PostEntityImages": [ { "key": "PostImage", "value": { "Attributes": [ { "key": "cpc_insightsummary", "value": null } ], "Id": "{{ContactId}}", "LogicalName": "contact", "RowVersion": "1234567" } } ],
          "PreEntityImages": [],
          "PrimaryEntityId": "{{ContactId}}",
          "PrimaryEntityName": "contact",
          "SharedVariables": [],
          "Stage": 40,
          "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff",
          "Unknown": { "nested": [1, 2, 3] }
        }
        """;

    /// <summary>Delete of a contact: Target is an EntityReference, the pre image carries the row.</summary>
    public const string DeleteContact = """
        {
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "Delete", "Mode": 1, "Stage": 40,
          "InputParameters": [ { "key": "Target", "value": { "__type": "EntityReference:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Id": "6d81597f-0f9f-e711-8122-000d3aa2331c", "LogicalName": "contact", "Name": null } } ],
          "PreEntityImages": [ { "key": "PreImage", "value": { "__type": "Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Attributes": [ { "key": "contactid", "value": "6d81597f-0f9f-e711-8122-000d3aa2331c" } ], "Id": "6d81597f-0f9f-e711-8122-000d3aa2331c", "LogicalName": "contact", "RowVersion": null } } ],
          "PostEntityImages": [], "OutputParameters": [], "SharedVariables": [],
          "PrimaryEntityId": "6d81597f-0f9f-e711-8122-000d3aa2331c", "PrimaryEntityName": "contact",
          "OperationCreatedOn": "\/Date(1506409448000)\/", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff"
        }
        """;

    /// <summary>An Update whose body was cut for size: no inputs, no images.</summary>
    public const string SizeExceededUpdate = """
        {
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "Update", "Mode": 1, "Stage": 40,
          "OutputParameters": [], "SharedVariables": [],
          "PrimaryEntityId": "6d81597f-0f9f-e711-8122-000d3aa2331c", "PrimaryEntityName": "contact",
          "OperationCreatedOn": "\/Date(1506409448000-0700)\/", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff"
        }
        """;

    /// <summary>An event on another table with a target built from the given attributes JSON.</summary>
    public static string Event(string message, string table, int stage, int mode, string attributes, string? preImageAttributes = null, string? postImageAttributes = null, string id = "7e81597f-0f9f-e711-8122-000d3aa2331c") => $$"""
        {
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "{{message}}", "Mode": {{mode}}, "Stage": {{stage}},
          "InputParameters": [ { "key": "Target", "value": { "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "Attributes": [ {{attributes}} ], "Id": "{{id}}", "LogicalName": "{{table}}" } } ],
          "PreEntityImages": [ {{(preImageAttributes is null ? string.Empty : $$"""{ "key": "PreImage", "value": { "Attributes": [ {{preImageAttributes}} ], "Id": "{{id}}", "LogicalName": "{{table}}" } }""")}} ],
          "PostEntityImages": [ {{(postImageAttributes is null ? string.Empty : $$"""{ "key": "PostImage", "value": { "Attributes": [ {{postImageAttributes}} ], "Id": "{{id}}", "LogicalName": "{{table}}" } }""")}} ],
          "PrimaryEntityId": "{{id}}", "PrimaryEntityName": "{{table}}", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff"
        }
        """;

    /// <summary>A contact Create or Update (async post-operation by default) with a post image, tagged with <see cref="PersonaId"/>.</summary>
    public static string ContactChange(string contactId, string rowVersion, string fears = "Fear of missing quota; burnout", string message = "Update", int mode = 1) => $$"""
        {
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "{{message}}", "Mode": {{mode}}, "Stage": 40,
          "InputParameters": [ { "key": "Target", "value": { "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts",
            "Attributes": [ { "key": "cpc_corefears", "value": {{JsonSerializer.Serialize(fears)}} } ], "Id": "{{contactId}}", "LogicalName": "contact" } } ],
          "PostEntityImages": [ { "key": "PostImage", "value": { "Attributes": [
              { "key": "cpc_corefears", "value": {{JsonSerializer.Serialize(fears)}} },
              { "key": "cpc_aspirations", "value": "Hit the number" },
              { "key": "cpc_deeppersonaldesire", "value": "Be home for dinner with my kids" },
              { "key": "cpc_personaid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{PersonaId}}", "LogicalName": "cpc_persona" } }
            ], "Id": "{{contactId}}", "LogicalName": "contact", "RowVersion": "{{rowVersion}}" } } ],
          "PreEntityImages": [], "OutputParameters": [], "SharedVariables": [],
          "PrimaryEntityId": "{{contactId}}", "PrimaryEntityName": "contact", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff",
          "OperationCreatedOn": "/Date(1762000000000)/"
        }
        """;

    /// <summary>A Delete of a contact without a pre image.</summary>
    public static string Delete(string contactId) => $$"""
        {
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "Delete", "Mode": 1, "Stage": 40,
          "InputParameters": [ { "key": "Target", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{contactId}}", "LogicalName": "contact" } } ],
          "PreEntityImages": [], "PostEntityImages": [], "OutputParameters": [], "SharedVariables": [],
          "PrimaryEntityId": "{{contactId}}", "PrimaryEntityName": "contact", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff"
        }
        """;

    /// <summary>A synchronous pre-validation Create of a drift rule with the given threshold.</summary>
    public static string DriftRule(double threshold) => $$"""
        {
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "Create", "Mode": 0, "Stage": 10,
          "InputParameters": [ { "key": "Target", "value": { "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "Attributes": [
            { "key": "cpc_key", "value": "leak" }, { "key": "cpc_metric", "value": { "Value": 742300008 } }, { "key": "cpc_threshold", "value": {{threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
            { "key": "cpc_minimumsample", "value": 50 }, { "key": "cpc_windowdays", "value": 90 }, { "key": "cpc_severity", "value": { "Value": 742300002 } } ],
            "Id": "00000000-0000-0000-0000-000000000000", "LogicalName": "cpc_driftrule" } } ],
          "PreEntityImages": [], "PostEntityImages": [], "OutputParameters": [], "SharedVariables": [],
          "PrimaryEntityId": "00000000-0000-0000-0000-000000000000", "PrimaryEntityName": "cpc_driftrule", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff"
        }
        """;
}
