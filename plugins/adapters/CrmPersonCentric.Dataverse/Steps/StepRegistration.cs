using System.Collections.Immutable;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// A step's registration, declared in code: the solution's step definitions and the registration command are
/// generated from it, so the two cannot disagree.
/// </summary>
/// <param name="Name">Unique step name (sdkmessageprocessingstep.name).</param>
/// <param name="Message">SDK message: Create, Update, Delete.</param>
/// <param name="Table">Primary table logical name.</param>
/// <param name="Stage">Pipeline stage.</param>
/// <param name="Mode">Synchronous or asynchronous.</param>
/// <param name="FilteringAttributes">For Update, the columns whose change triggers the step (empty: any).</param>
/// <param name="Images">Entity images.</param>
/// <param name="Description">What the step does, for admins.</param>
/// <param name="Rank">Execution order among steps of the same event.</param>
public sealed record StepRegistration(
    string Name,
    string Message,
    string Table,
    StepStage Stage,
    StepMode Mode,
    ImmutableArray<string> FilteringAttributes,
    ImmutableArray<ImageRegistration> Images,
    string Description,
    int Rank = 1)
{
    /// <summary>
    /// The image this registration asked for, as the delivery carries it: null when the registration has no image of
    /// that type or the delivery lacks it (then read the row back; never take another image in its place).
    /// </summary>
    public Webhook.DataverseEntity? RegisteredImage(Webhook.RemoteExecutionContext context, ImageType type)
    {
        ArgumentNullException.ThrowIfNull(context);
        var image = Images.SingleOrDefault(i => i.Type == type);
        return image?.In(context);
    }

    /// <summary>The registration of <paramref name="registrations"/> that handles the context's event, or null.</summary>
    public static StepRegistration? Matching(IEnumerable<StepRegistration> registrations, Webhook.RemoteExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        return registrations.FirstOrDefault(r => r.Matches(context));
    }

    /// <summary>True when this registration handles the context's event.</summary>
    public bool Matches(Webhook.RemoteExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.Equals(Message, context.MessageName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Table, context.PrimaryEntityName, StringComparison.OrdinalIgnoreCase)
            && (int)Stage == context.Stage;
    }
}
