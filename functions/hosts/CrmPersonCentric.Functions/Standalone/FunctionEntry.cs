namespace CrmPersonCentric.Functions.Standalone;

/// <summary>One function of functions.metadata.</summary>
public sealed class FunctionEntry
{
    /// <summary>The function's name ([Function("…")]).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The assembly file.</summary>
    public string ScriptFile { get; set; } = string.Empty;

    /// <summary>Namespace.Type.Method of the function.</summary>
    public string EntryPoint { get; set; } = string.Empty;

    /// <summary>The bindings (the trigger first).</summary>
    public List<BindingEntry> Bindings { get; set; } = [];

    /// <summary>The trigger binding.</summary>
    public BindingEntry? Trigger => Bindings.FirstOrDefault(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
}
