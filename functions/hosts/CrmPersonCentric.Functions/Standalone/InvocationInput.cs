using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>What a trigger hands a function in the standalone host.</summary>
/// <param name="Http">The request, for an HTTP trigger.</param>
/// <param name="Message">The decoded message text, for a queue trigger.</param>
/// <param name="DequeueCount">How often the queue delivered the message (1 on the first delivery).</param>
/// <param name="Timer">The schedule status, for a timer trigger.</param>
/// <param name="CancellationToken">The invocation's cancellation.</param>
public sealed record InvocationInput(HttpContext? Http, string? Message, long DequeueCount, TimerInfo? Timer, CancellationToken CancellationToken);
