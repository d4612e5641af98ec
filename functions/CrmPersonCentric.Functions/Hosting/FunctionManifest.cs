using System.Text.Json;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>
/// The function.json files next to the executable: one source of truth for the Functions host and for standalone
/// mode (which reads the same schedules and queue names).
/// </summary>
public sealed class FunctionManifest
{

    private FunctionManifest(IReadOnlyList<FunctionDefinition> functions) => Functions = functions;

    /// <summary>Every function, by name.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; }

    /// <summary>Reads every &lt;folder&gt;/function.json under the directory.</summary>
    /// <exception cref="InvalidDataException">A function.json cannot be read; the message names it.</exception>
    public static FunctionManifest Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var functions = new List<FunctionDefinition>();
        foreach (var file in Directory.GetFiles(directory, "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetDirectoryName(Path.GetRelativePath(directory, file))?.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) != false)
            {
                continue;
            }

            try
            {
                using var stream = File.OpenRead(file);
                var document = JsonSerializer.Deserialize(stream, FunctionsJsonContext.Default.FunctionFile);
                if (document?.Bindings is not { Count: > 0 } bindings || !bindings.Any(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new InvalidDataException($"{file} declares no trigger binding.");
                }

                functions.Add(new FunctionDefinition(Path.GetFileName(Path.GetDirectoryName(file)!), bindings));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{file} is not valid JSON: {ex.Message}", ex);
            }
        }

        return new FunctionManifest(functions);
    }

    /// <summary>A function by name.</summary>
    public FunctionDefinition? Find(string name) => Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    internal sealed class FunctionFile
    {
        public List<FunctionBinding>? Bindings { get; set; }
    }
}
