using System.Text.Json.Nodes;

namespace CrmPersonCentric.Testing;

/// <summary>Rows as the Dataverse Web API returns them (with an ETag and formatted-value annotations).</summary>
public static class DataverseRows
{
    /// <summary>A persona row: two declared traits (one as free text), one expected behaviour, layer 3 reached.</summary>
    public static JsonObject Persona(string id = WebhookPayloads.PersonaId, string name = "Growth-Minded Sales Director") => JsonNode.Parse($$"""
        {
          "@odata.etag": "W/\"100\"",
          "cpc_personaid": "{{id}}",
          "cpc_name": "{{name}}",
          "cpc_version": 2,
          "_ownerid_value": "0b0b0b0b-0000-4000-8000-000000000003",
          "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Maya Chen",
          "cpc_reachedlayer": 742300002,
          "cpc_icpindustries": "software; Financial Services",
          "cpc_declaredtraits": "[{\"dimension\":\"coreFear\",\"trait\":\"Fear of missing quota\",\"expectedPrevalence\":0.7},{\"dimension\":\"aspiration\",\"trait\":\"hit-the-number\",\"expectedPrevalence\":0.8}]",
          "cpc_expectedbehaviours": "[{\"type\":\"referral\",\"expectedShare\":0.3}]",
          "cpc_changelog": "v2 (2026-10-01): created"
        }
        """)!.AsObject();

    /// <summary>An account row with the ICP attributes (industry as a choice with its label).</summary>
    public static JsonObject Account() => JsonNode.Parse("""
        { "industrycode": 3, "industrycode@OData.Community.Display.V1.FormattedValue": "Financial Services", "numberofemployees": 500, "cpc_region": "EMEA" }
        """)!.AsObject();
}
