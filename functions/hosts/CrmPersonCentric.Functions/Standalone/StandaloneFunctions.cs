using System.Reflection;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>The functions of functions.metadata, each ready to invoke, grouped by trigger.</summary>
public sealed class StandaloneFunctions
{
    private StandaloneFunctions(FunctionCatalog catalog, IReadOnlyList<FunctionInvoker> all)
    {
        Catalog = catalog;
        All = all;
        Http = [.. all.Where(f => Is(f, "httpTrigger"))];
        Queues = [.. all.Where(f => Is(f, "queueTrigger"))];
        Timers = [.. all.Where(f => Is(f, "timerTrigger"))];
    }

    /// <summary>The catalog they come from.</summary>
    public FunctionCatalog Catalog { get; }

    /// <summary>Every function.</summary>
    public IReadOnlyList<FunctionInvoker> All { get; }

    /// <summary>HTTP-triggered functions.</summary>
    public IReadOnlyList<FunctionInvoker> Http { get; }

    /// <summary>Queue-triggered functions.</summary>
    public IReadOnlyList<FunctionInvoker> Queues { get; }

    /// <summary>Timer-triggered functions.</summary>
    public IReadOnlyList<FunctionInvoker> Timers { get; }

    /// <summary>Reads functions.metadata in <paramref name="directory"/> and binds each function to its code in <paramref name="assembly"/>.</summary>
    /// <exception cref="InvalidOperationException">A function's trigger is one the standalone host cannot serve.</exception>
    public static StandaloneFunctions Load(string directory, Assembly assembly)
    {
        var catalog = FunctionCatalog.Load(directory);
        var invokers = catalog.Functions.Select(f => FunctionInvoker.Create(f, assembly)).ToList();
        var unknown = invokers.FirstOrDefault(f => !Is(f, "httpTrigger") && !Is(f, "queueTrigger") && !Is(f, "timerTrigger"));
        return unknown is null
            ? new StandaloneFunctions(catalog, invokers)
            : throw new InvalidOperationException($"{unknown.Function.Name}: the standalone host serves HTTP, queue and timer triggers, not {unknown.Function.Trigger!.Type}.");
    }

    private static bool Is(FunctionInvoker function, string type) => string.Equals(function.Function.Trigger!.Type, type, StringComparison.OrdinalIgnoreCase);
}
