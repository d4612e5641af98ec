using System.Collections.Immutable;

namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>The execution context Dataverse posts to a webhook, typed.</summary>
/// <param name="MessageName">Create, Update, Delete...</param>
/// <param name="PrimaryEntityName">The table.</param>
/// <param name="PrimaryEntityId">The row.</param>
/// <param name="Stage">10 pre-validation, 20 pre-operation, 40 post-operation.</param>
/// <param name="Mode">0 synchronous, 1 asynchronous.</param>
/// <param name="Depth">Nesting depth; above 1 the event was caused by another plug-in or by us.</param>
/// <param name="CorrelationId">Correlates the chain of events.</param>
/// <param name="UserId">The user the operation runs as.</param>
/// <param name="InitiatingUserId">The user who started it.</param>
/// <param name="OrganizationId">The environment's organization id.</param>
/// <param name="OrganizationName">The environment's organization name.</param>
/// <param name="OperationCreatedOn">When the operation was created (with the sender's offset).</param>
/// <param name="OperationId">The async operation id, for asynchronous steps.</param>
/// <param name="InputParameters">Message inputs (Target is a <see cref="DataverseEntity"/> or an <see cref="EntityReference"/>).</param>
/// <param name="OutputParameters">Message outputs (Create's "id").</param>
/// <param name="PreEntityImages">Pre images by alias.</param>
/// <param name="PostEntityImages">Post images by alias.</param>
/// <param name="SharedVariables">Shared variables.</param>
/// <param name="IsSizeExceeded">True when Dataverse cut the body (over 256 KB): inputs and images are missing; read the row back.</param>
public sealed record RemoteExecutionContext(
    string MessageName,
    string PrimaryEntityName,
    Guid PrimaryEntityId,
    int Stage,
    int Mode,
    int Depth,
    Guid CorrelationId,
    Guid UserId,
    Guid InitiatingUserId,
    Guid OrganizationId,
    string? OrganizationName,
    DateTimeOffset? OperationCreatedOn,
    Guid? OperationId,
    ImmutableDictionary<string, object?> InputParameters,
    ImmutableDictionary<string, object?> OutputParameters,
    ImmutableDictionary<string, DataverseEntity> PreEntityImages,
    ImmutableDictionary<string, DataverseEntity> PostEntityImages,
    ImmutableDictionary<string, object?> SharedVariables,
    bool IsSizeExceeded)
{
    /// <summary>The Target input as a row (Create, Update), or null.</summary>
    public DataverseEntity? Target => InputParameters.GetValueOrDefault("Target") as DataverseEntity;

    /// <summary>
    /// The image registered under <paramref name="alias"/> (pre or post), or null when the delivery does not carry it.
    /// Images are looked up by alias only: asynchronous deliveries also carry Dataverse's own automatic post image
    /// (<see cref="AutomaticPostImageAlias"/>, the primary name and id), and a dictionary has no "first" entry.
    /// </summary>
    public DataverseEntity? Image(bool post, string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        var images = post ? PostEntityImages : PreEntityImages;
        if (images.TryGetValue(alias, out var image))
        {
            return image;
        }

        // Aliases are typed by whoever registered the step; a registration edited by hand may differ in case only. Only
        // an unambiguous match counts.
        var matches = images.Where(i => string.Equals(i.Key, alias, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0].Value : null;
    }

    /// <summary>The alias of the post image Dataverse adds to every asynchronous delivery by itself (primary name and id only).</summary>
    public const string AutomaticPostImageAlias = "AsynchronousStepPrimaryName";

    /// <summary>True for synchronous steps (whose non-2xx answer cancels the operation).</summary>
    public bool IsSynchronous => Mode == 0;
}
