using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPersonCentric.Functions.Tests;

internal static class Payloads
{
    public const string PersonaId = "1a2b3c4d-0000-4000-8000-000000000001";

    public static string Contact(string contactId, string rowVersion, string fears = "Fear of missing quota; burnout", string message = "Update", int mode = 1) => $$"""
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

    public static string Delete(string contactId) => $$"""
        {
          "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "Delete", "Mode": 1, "Stage": 40,
          "InputParameters": [ { "key": "Target", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{contactId}}", "LogicalName": "contact" } } ],
          "PreEntityImages": [], "PostEntityImages": [], "OutputParameters": [], "SharedVariables": [],
          "PrimaryEntityId": "{{contactId}}", "PrimaryEntityName": "contact", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff"
        }
        """;

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

    /// <summary>The Functions host's invocation payload of a queue trigger carrying the text.</summary>
    public static string QueueInvocation(string queueText, int dequeueCount) => new JsonObject
    {
        ["Data"] = new JsonObject { ["inboxMessage"] = queueText },
        ["Metadata"] = new JsonObject { ["DequeueCount"] = dequeueCount, ["Id"] = Guid.NewGuid().ToString(), ["sys"] = new JsonObject { ["MethodName"] = "InboxProcessor" } },
    }.ToJsonString();

    /// <summary>A persona row as the Web API returns it.</summary>
    public static JsonObject PersonaRow(string id = PersonaId) => JsonNode.Parse($$"""
        {
          "@odata.etag": "W/\"100\"", "cpc_personaid": "{{id}}", "cpc_name": "Sales Director", "cpc_version": 2,
          "_ownerid_value": "0b0b0b0b-0000-4000-8000-000000000003", "cpc_reachedlayer": 742300002,
          "cpc_declaredtraits": "[{\"dimension\":\"coreFear\",\"trait\":\"missing-quota\",\"expectedPrevalence\":0.7},{\"dimension\":\"aspiration\",\"trait\":\"hit-the-number\",\"expectedPrevalence\":0.8}]",
          "cpc_expectedbehaviours": "[]"
        }
        """)!.AsObject();
}
