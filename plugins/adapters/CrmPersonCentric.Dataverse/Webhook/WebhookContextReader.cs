using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>
/// Reads the RemoteExecutionContext JSON that Dataverse posts to a webhook. Tolerates unknown and missing keys,
/// escaped or unescaped slashes in <c>__type</c>, RowVersion as string or number, images without <c>__type</c>,
/// multi-select choices as a bare array, and <c>/Date(ms±hhmm)/</c> dates. A body it cannot read gives a
/// <see cref="WebhookPayloadException"/> saying what is wrong and where, never the values themselves.
/// </summary>
public static partial class WebhookContextReader
{
    /// <summary>The header Dataverse adds when the body exceeded 256 KB and inputs and images were removed.</summary>
    public const string SizeExceededHeader = "x-ms-dynamics-msg-size-exceeded";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads a body; <paramref name="headers"/> may carry the size-exceeded header.</summary>
    /// <exception cref="WebhookPayloadException">The body is not a readable execution context.</exception>
    public static RemoteExecutionContext Read(string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new WebhookPayloadException("The body is empty; expected the execution context JSON.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException($"The body is not JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).", ex);
        }

        using (document)
        {
            var sizeExceeded = headers?.Keys.Any(k => string.Equals(k, SizeExceededHeader, StringComparison.OrdinalIgnoreCase)) == true;
            return ReadContext(document.RootElement, sizeExceeded);
        }
    }

    /// <summary>Reads a body without throwing: the context, or the reason it could not be read.</summary>
    public static bool TryRead(string body, IReadOnlyDictionary<string, string>? headers, out RemoteExecutionContext? context, out string? error)
    {
        try
        {
            context = Read(body, headers);
            error = null;
            return true;
        }
        catch (WebhookPayloadException ex)
        {
            context = null;
            error = ex.Message;
            return false;
        }
    }

    private static RemoteExecutionContext ReadContext(JsonElement root, bool sizeExceeded)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException($"The body is a JSON {Describe(root.ValueKind)}; expected an object (the execution context).");
        }

        return new RemoteExecutionContext(
            RequiredString(root, "MessageName"),
            RequiredString(root, "PrimaryEntityName"),
            OptionalGuid(root, "PrimaryEntityId", "PrimaryEntityId") ?? throw new WebhookPayloadException("PrimaryEntityId is missing."),
            OptionalInt(root, "Stage") ?? 0,
            OptionalInt(root, "Mode") ?? 0,
            OptionalInt(root, "Depth") ?? 1,
            OptionalGuid(root, "CorrelationId", "CorrelationId") ?? Guid.Empty,
            OptionalGuid(root, "UserId", "UserId") ?? Guid.Empty,
            OptionalGuid(root, "InitiatingUserId", "InitiatingUserId") ?? Guid.Empty,
            OptionalGuid(root, "OrganizationId", "OrganizationId") ?? Guid.Empty,
            OptionalString(root, "OrganizationName"),
            root.TryGetProperty("OperationCreatedOn", out var created) && created.ValueKind == JsonValueKind.String
                ? ParseDate(created.GetString()!, "OperationCreatedOn") : null,
            OptionalGuid(root, "OperationId", "OperationId"),
            ReadParameters(root, "InputParameters"),
            ReadParameters(root, "OutputParameters"),
            ReadImages(root, "PreEntityImages"),
            ReadImages(root, "PostEntityImages"),
            ReadParameters(root, "SharedVariables"),
            sizeExceeded);
    }

    private static ImmutableDictionary<string, object?> ReadParameters(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return ImmutableDictionary<string, object?>.Empty;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value, path) in KeyValues(list, name))
        {
            builder[key] = ParseValue(value, path);
        }

        return builder.ToImmutable();
    }

    private static ImmutableDictionary<string, DataverseEntity> ReadImages(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return ImmutableDictionary<string, DataverseEntity>.Empty;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, DataverseEntity>(StringComparer.Ordinal);
        foreach (var (key, value, path) in KeyValues(list, name))
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException($"{path}: an image must be an entity object, found a {Describe(value.ValueKind)}.");
            }

            builder[key] = ReadEntity(value, path);
        }

        return builder.ToImmutable();
    }

    /// <summary>The data-contract list of {"key": ..., "value": ...} pairs.</summary>
    private static IEnumerable<(string Key, JsonElement Value, string Path)> KeyValues(JsonElement list, string path)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookPayloadException($"{path} must be an array of key/value pairs, found a {Describe(list.ValueKind)}.");
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException($"{itemPath} must be a key/value object, found a {Describe(item.ValueKind)}.");
            }

            if (!item.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
            {
                throw new WebhookPayloadException($"{itemPath}.key is missing or not a string.");
            }

            yield return (key.GetString()!, item.TryGetProperty("value", out var value) ? value : default, itemPath + ".value");
        }
    }
}
