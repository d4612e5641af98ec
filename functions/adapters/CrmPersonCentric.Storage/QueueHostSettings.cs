using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CrmPersonCentric.Storage;

/// <summary>
/// The queue settings of host.json (<c>extensions.queues</c>), read by both hosts: the Functions host applies them to
/// the queue trigger, the standalone host's poller and the inbox processor read the same file, so the dequeue count at
/// which a message is poisoned and the message encoding agree everywhere.
/// </summary>
/// <param name="MaxDequeueCount">Deliveries of a message before it is poisoned (host default 5).</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before its next delivery (host default 0).</param>
/// <param name="BatchSize">Messages received at once (host default 16, at most 32).</param>
/// <param name="MessageEncoding">"base64" (host default) or "none": how message text is encoded on the queue.</param>
public sealed record QueueHostSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, string MessageEncoding)
{
    /// <summary>The Functions host's defaults (Microsoft Learn, "Azure Queue storage trigger", host.json settings).</summary>
    public static QueueHostSettings Defaults { get; } = new(5, TimeSpan.Zero, 16, "base64");

    /// <summary>True when message text travels base64-encoded.</summary>
    public bool IsBase64 => string.Equals(MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase);

    /// <summary>The app settings that override host.json's queue settings, as the Functions host reads them (AzureFunctionsJobHost__extensions__queues__…).</summary>
    public const string OverrideSection = "AzureFunctionsJobHost:extensions:queues";

    /// <summary>
    /// Reads host.json in <paramref name="directory"/> (the host's defaults for what it leaves out), then applies the
    /// app-setting overrides the Functions host applies too (<see cref="OverrideSection"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">host.json is missing, not JSON, or holds a value the host would reject.</exception>
    public static QueueHostSettings Load(string directory, IConfiguration? overrides = null)
    {
        var settings = Load(directory);
        var section = overrides?.GetSection(OverrideSection);
        if (section is null || !section.GetChildren().Any())
        {
            return settings;
        }

        try
        {
            return new QueueHostSettings(
                section["maxDequeueCount"] is { } max ? int.Parse(max, CultureInfo.InvariantCulture) : settings.MaxDequeueCount,
                section["visibilityTimeout"] is { } visibility ? TimeSpan.Parse(visibility, CultureInfo.InvariantCulture) : settings.VisibilityTimeout,
                section["batchSize"] is { } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : settings.BatchSize,
                section["messageEncoding"] ?? settings.MessageEncoding).Validate(OverrideSection);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{OverrideSection}: {ex.Message}", ex);
        }
    }

    private static QueueHostSettings Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(directory, "host.json");
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"host.json is missing from {directory}: both hosts read the queue settings from it.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
            {
                return Defaults;
            }

            var settings = new QueueHostSettings(
                queues.TryGetProperty("maxDequeueCount", out var max) ? max.GetInt32() : Defaults.MaxDequeueCount,
                queues.TryGetProperty("visibilityTimeout", out var visibility) ? TimeSpan.Parse(visibility.GetString()!, CultureInfo.InvariantCulture) : Defaults.VisibilityTimeout,
                queues.TryGetProperty("batchSize", out var batch) ? batch.GetInt32() : Defaults.BatchSize,
                queues.TryGetProperty("messageEncoding", out var encoding) ? encoding.GetString()! : Defaults.MessageEncoding);
            return settings.Validate(path);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: extensions.queues cannot be read ({ex.Message}).", ex);
        }
    }

    private QueueHostSettings Validate(string path)
    {
        if (MaxDequeueCount < 1 || BatchSize is < 1 or > 32 || VisibilityTimeout < TimeSpan.Zero
            || !(IsBase64 || string.Equals(MessageEncoding, "none", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidDataException($"{path}: extensions.queues needs maxDequeueCount >= 1, batchSize 1-32, a visibilityTimeout >= 0 and messageEncoding base64 or none.");
        }

        return this;
    }
}
