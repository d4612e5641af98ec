using System.IO.Compression;

namespace CrmPersonCentric.Solution.Validation;

/// <summary>Checks a packed or exported solution: a solution zip, an unpacked solution folder, or a customizations.xml.</summary>
public static class SolutionCheck
{
    /// <summary>The customizations.xml of the solution at <paramref name="path"/>, validated.</summary>
    /// <exception cref="FileNotFoundException">The path holds no customizations.xml.</exception>
    /// <exception cref="InvalidDataException">The zip cannot be read.</exception>
    public static IReadOnlyList<SchemaIssue> Run(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            var file = Path.Combine(path, "customizations.xml");
            if (!File.Exists(file))
            {
                file = Path.Combine(path, "Other", "Customizations.xml"); // the layout `pac solution unpack` writes
            }

            return File.Exists(file)
                ? ValidateFile(file)
                : throw new FileNotFoundException($"{path} holds no customizations.xml (nor Other/Customizations.xml).", path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateFile(path);
        }

        using var archive = ZipFile.OpenRead(path);
        var entry = archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, "customizations.xml", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"{path} is not a solution zip: it has no customizations.xml at its root.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return SolutionSchemaValidator.Validate(copy);
    }

    private static IReadOnlyList<SchemaIssue> ValidateFile(string file)
    {
        using var stream = File.OpenRead(file);
        return SolutionSchemaValidator.Validate(stream);
    }
}
