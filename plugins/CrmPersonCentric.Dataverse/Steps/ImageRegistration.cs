using System.Collections.Immutable;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>An entity image a step asks for.</summary>
/// <param name="Alias">The image's name in the context.</param>
/// <param name="Type">Pre or post.</param>
/// <param name="Attributes">The columns it carries.</param>
/// <param name="MessageProperty">"Target" for Create/Update, "Id" for Delete.</param>
public sealed record ImageRegistration(string Alias, ImageType Type, ImmutableArray<string> Attributes, string MessageProperty = "Target");
