namespace CrmPersonCentric.Functions.Hosting;

/// <summary>A function as its folder and function.json declare it.</summary>
/// <param name="Name">The folder name (the function name).</param>
/// <param name="Bindings">Its bindings.</param>
public sealed record FunctionDefinition(string Name, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>The trigger binding.</summary>
    public FunctionBinding Trigger => Bindings.First(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for an HTTP-triggered function (forwarded as plain HTTP).</summary>
    public bool IsHttp => string.Equals(Trigger.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase);
}
