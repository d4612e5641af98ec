using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// Calls a function the way the worker does: the entry point named in functions.metadata, on an instance of its class
/// created from the invocation's services, with the trigger's input bound by the parameter's type (and, for the queue's
/// dequeue count, by name, as the worker binds trigger metadata). A parameter the standalone host cannot bind fails at
/// start-up, not at the first invocation.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly Type _type;
    private readonly MethodInfo _method;
    private readonly Func<InvocationInput, object?>[] _arguments;
    private readonly PropertyInfo? _result;

    private FunctionInvoker(FunctionEntry function, Type type, MethodInfo method, Func<InvocationInput, object?>[] arguments)
    {
        Function = function;
        _type = type;
        _method = method;
        _arguments = arguments;
        _result = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? method.ReturnType.GetProperty(nameof(Task<object>.Result)) : null;
    }

    /// <summary>The function.</summary>
    public FunctionEntry Function { get; }

    /// <summary>Finds the function's entry point in <paramref name="assembly"/> and prepares its parameters.</summary>
    /// <exception cref="InvalidOperationException">The entry point or one of its parameters cannot be served; the message names it.</exception>
    public static FunctionInvoker Create(FunctionEntry function, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(assembly);
        var split = function.EntryPoint.LastIndexOf('.');
        var type = split > 0 ? assembly.GetType(function.EntryPoint[..split], throwOnError: false) : null;
        var method = type?.GetMethod(function.EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
        if (type is null || method is null)
        {
            throw new InvalidOperationException($"{function.Name}: the entry point {function.EntryPoint} is not in {assembly.GetName().Name}; rebuild so functions.metadata matches the code.");
        }

        var arguments = method.GetParameters().Select(p => Binder(function, p)).ToArray();
        return new FunctionInvoker(function, type, method, arguments);
    }

    /// <summary>Invokes the function; the result of an HTTP function is its return value.</summary>
    public async Task<object?> InvokeAsync(IServiceProvider services, InvocationInput input)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(input);
        var target = _method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, _type);
        var returned = _method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, [.. _arguments.Select(a => a(input))], null);
        if (returned is Task task)
        {
            await task.ConfigureAwait(false);
            return _result?.GetValue(task);
        }

        return returned;
    }

    private static Func<InvocationInput, object?> Binder(FunctionEntry function, ParameterInfo parameter)
    {
        var trigger = function.Trigger!;
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return i => i.Http?.Request ?? throw new InvalidOperationException($"{function.Name} needs an HTTP request.");
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return i => i.CancellationToken;
        }

        if (parameter.ParameterType == typeof(TimerInfo))
        {
            return i => i.Timer ?? new TimerInfo();
        }

        if (parameter.ParameterType == typeof(string) && string.Equals(parameter.Name, trigger.Name, StringComparison.Ordinal))
        {
            return i => i.Message ?? throw new InvalidOperationException($"{function.Name} needs a queue message.");
        }

        if (parameter.ParameterType == typeof(long) && string.Equals(parameter.Name, "dequeueCount", StringComparison.OrdinalIgnoreCase))
        {
            return i => i.DequeueCount;
        }

        throw new InvalidOperationException($"{function.Name}: the standalone host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
    }
}
