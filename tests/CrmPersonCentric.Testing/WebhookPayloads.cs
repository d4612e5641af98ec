using System.Globalization;
using System.Text.Json;

namespace CrmPersonCentric.Testing;

/// <summary>
/// Webhook bodies in the documented RemoteExecutionContext shape, each built from Microsoft Learn's sample by
/// <see cref="DeliveryBuilder"/>: the sample's other fields stay, asynchronous Creates and Updates carry Dataverse's
/// automatic post image beside the registered one, and the cases the sample does not show are covered too (unescaped
/// slashes, images without __type, dates with offsets, multi-select arrays, unknown keys).
/// </summary>
public static class WebhookPayloads
{
    public const string ContactId = "6d81597f-0f9f-e711-8122-000d3aa2331c";
    public const string PersonaId = "1a2b3c4d-0000-4000-8000-000000000001";
    public const string AccountId = "2b3c4d5e-0000-4000-8000-000000000002";

    /// <summary>
    /// Create of a contact: unescaped slashes, a registered post image without __type next to the automatic one (first,
    /// by default, which is where a step that took "the first image" went wrong), every value type.
    /// </summary>
    public static string CreateContact(int depth = 1, string fears = "Fear of missing quota; burnout", string? desire = "Be home for dinner", decimal? currentFit = null, string? currentSummary = null, bool automaticImageFirst = true) =>
        DeliveryBuilder.FromLearnSample()
            .Event("Create", "contact", ContactId)
            .Depth(depth)
            .OperationCreatedOn("/Date(1506409448000+0100)/")
            .Target(
                $$"""
                { "key": "contactid", "value": "{{ContactId}}" },
                { "key": "cpc_corefears", "value": {{JsonSerializer.Serialize(fears)}} },
                { "key": "cpc_aspirations", "value": "Hit the number" },
                { "key": "cpc_deeppersonaldesire", "value": {{JsonSerializer.Serialize(desire)}} },
                { "key": "cpc_trustsignals", "value": [ { "__type": "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": 742300001 }, { "Value": 742300003 } ] },
                { "key": "cpc_personaid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{PersonaId}}", "LogicalName": "cpc_persona", "Name": "Sales Director" } },
                { "key": "parentcustomerid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{AccountId}}", "LogicalName": "account", "Name": null } },
                { "key": "creditlimit", "value": { "__type": "Money:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": 1250.50 } },
                { "key": "preferredcontactmethodcode", "value": { "__type": "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": 1 } },
                { "key": "numberofchildren", "value": 2 },
                { "key": "cpc_personafit", "value": {{(currentFit is null ? "null" : currentFit.Value.ToString(CultureInfo.InvariantCulture))}} },
                { "key": "donotemail", "value": true },
                { "key": "cpc_insightsummary", "value": {{JsonSerializer.Serialize(currentSummary)}} },
                { "key": "modifiedon", "value": "/Date(1506384247000)/" }
                """,
                rowVersion: "1234567",
                formattedValues: """{ "key": "preferredcontactmethodcode", "value": "Any" }""")
            .Output("id", $"\"{ContactId}\"")
            .PostImage("PostImage", """{ "key": "cpc_insightsummary", "value": null }""", rowVersion: "\"1234567\"")
            .AutomaticImage(present: true, first: automaticImageFirst)
            .EscapeSlashes(false)
            .Extra("Unknown", """{ "nested": [1, 2, 3] }""")
            .Build();

    /// <summary>Delete of a contact: Target is an EntityReference, the pre image carries the row.</summary>
    public static string DeleteContact { get; } =
        DeliveryBuilder.FromLearnSample()
            .Event("Delete", "contact", ContactId)
            .OperationCreatedOn("/Date(1506409448000)/")
            .TargetReference()
            .PreImage("PreImage", $$"""{ "key": "contactid", "value": "{{ContactId}}" }""", rowVersion: "null")
            .Build();

    /// <summary>An Update whose body was cut for size: no inputs, no images.</summary>
    public static string SizeExceededUpdate { get; } =
        DeliveryBuilder.FromLearnSample()
            .Event("Update", "contact", ContactId)
            .SizeExceeded()
            .Build();

    /// <summary>An event on a table with a target built from the given attributes JSON and, optionally, registered images.</summary>
    public static string Event(string message, string table, int stage, int mode, string attributes, string? preImageAttributes = null, string? postImageAttributes = null, string id = "7e81597f-0f9f-e711-8122-000d3aa2331c")
    {
        var builder = DeliveryBuilder.FromLearnSample().Event(message, table, id, stage, mode).Target(attributes).EscapeSlashes(false);
        if (preImageAttributes is not null)
        {
            builder.PreImage("PreImage", preImageAttributes);
        }

        if (postImageAttributes is not null)
        {
            builder.PostImage("PostImage", postImageAttributes);
        }

        return builder.Build();
    }

    /// <summary>
    /// A contact Create or Update (async post-operation by default) with its registered post image and the automatic
    /// one, tagged with <see cref="PersonaId"/>.
    /// </summary>
    public static string ContactChange(string contactId, string rowVersion, string fears = "Fear of missing quota; burnout", string message = "Update", int mode = 1, bool automaticImageFirst = false) =>
        ContactChangeBuilder(contactId, rowVersion, fears, message, mode).AutomaticImage(present: mode == 1, first: automaticImageFirst).Build();

    /// <summary>The builder behind <see cref="ContactChange"/>, for tests that vary the images or the operation's time.</summary>
    public static DeliveryBuilder ContactChangeBuilder(string contactId, string rowVersion, string fears = "Fear of missing quota; burnout", string message = "Update", int mode = 1) =>
        DeliveryBuilder.FromLearnSample()
            .Event(message, "contact", contactId, mode: mode)
            .OperationCreatedOn("/Date(1762000000000)/")
            .Target($$"""{ "key": "cpc_corefears", "value": {{JsonSerializer.Serialize(fears)}} }""")
            .PostImage("PostImage", ContactImageAttributes(fears), rowVersion: JsonSerializer.Serialize(rowVersion));

    /// <summary>The attributes of the contact step's registered post image for a tagged contact.</summary>
    public static string ContactImageAttributes(string fears = "Fear of missing quota; burnout") => $$"""
        { "key": "cpc_corefears", "value": {{JsonSerializer.Serialize(fears)}} },
        { "key": "cpc_aspirations", "value": "Hit the number" },
        { "key": "cpc_deeppersonaldesire", "value": "Be home for dinner with my kids" },
        { "key": "cpc_personaid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{PersonaId}}", "LogicalName": "cpc_persona" } }
        """;

    /// <summary>A Delete of a contact without a pre image.</summary>
    public static string Delete(string contactId) =>
        DeliveryBuilder.FromLearnSample().Event("Delete", "contact", contactId).TargetReference().Build();

    /// <summary>A synchronous pre-validation Create of a drift rule with the given threshold.</summary>
    public static string DriftRule(double threshold) =>
        DeliveryBuilder.FromLearnSample()
            .Event("Create", "cpc_driftrule", "00000000-0000-0000-0000-000000000000", stage: 10, mode: 0)
            .Target($$"""
                { "key": "cpc_key", "value": "leak" }, { "key": "cpc_metric", "value": { "Value": 742300008 } }, { "key": "cpc_threshold", "value": {{threshold.ToString(CultureInfo.InvariantCulture)}} },
                { "key": "cpc_minimumsample", "value": 50 }, { "key": "cpc_windowdays", "value": 90 }, { "key": "cpc_severity", "value": { "Value": 742300002 } }
                """)
            .Build();
}
