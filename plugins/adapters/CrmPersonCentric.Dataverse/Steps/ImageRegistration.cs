using System.Collections.Immutable;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>An entity image a step asks for.</summary>
/// <param name="Alias">The image's name in the context.</param>
/// <param name="Type">Pre or post.</param>
/// <param name="Attributes">The columns it carries.</param>
public sealed record ImageRegistration(string Alias, ImageType Type, ImmutableArray<string> Attributes)
{
    /// <summary>This image as the delivery carries it (looked up by its alias), or null when the delivery lacks it.</summary>
    public Webhook.DataverseEntity? In(Webhook.RemoteExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Image(Type == ImageType.PostImage, Alias);
    }

    /// <summary>
    /// The message property the image is taken from (sdkmessageprocessingstepimage.messagepropertyname): "id" for
    /// Create (the new row's id is an output of the message), "Target" for Update and Delete (an input). Dataverse
    /// rejects an image on Create registered with "Target".
    /// </summary>
    public static string MessagePropertyFor(string message) =>
        string.Equals(message, "Create", StringComparison.OrdinalIgnoreCase) ? "id" : "Target";
}
