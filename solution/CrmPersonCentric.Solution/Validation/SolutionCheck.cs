using System.IO.Compression;

namespace CrmPersonCentric.Solution.Validation;

/// <summary>Checks a packed or exported solution: a solution zip, an unpacked solution folder, or a customizations.xml.</summary>
public static class SolutionCheck
{
    /// <summary>
    /// What `pac solution unpack` (SolutionPackager) leaves in Other/Customizations.xml: the rest of the solution lives
    /// in per-component files this check does not read.
    /// </summary>
    public const string UnpackedLimitation =
        "An unpacked solution keeps its tables, forms, views and other components in their own files (Entities/, Roles/, ...); " +
        "only Other/Customizations.xml was checked. Pack the folder (pac solution pack) and check the zip to cover everything.";

    /// <summary>The customizations.xml of the solution at <paramref name="path"/>, validated.</summary>
    /// <exception cref="FileNotFoundException">The path holds no customizations.xml.</exception>
    /// <exception cref="InvalidDataException">The zip cannot be read.</exception>
    public static SolutionCheckResult Run(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            var packed = Path.Combine(path, "customizations.xml");
            if (File.Exists(packed))
            {
                return new(packed, ValidateFile(packed), null);
            }

            var unpacked = Path.Combine(path, "Other", "Customizations.xml"); // the layout `pac solution unpack` writes
            return File.Exists(unpacked)
                ? new(unpacked, ValidateFile(unpacked), UnpackedLimitation)
                : throw new FileNotFoundException($"{path} holds no customizations.xml (nor Other/Customizations.xml).", path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            return new(path, ValidateFile(path), null);
        }

        using var archive = ZipFile.OpenRead(path);
        var entry = archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, "customizations.xml", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"{path} is not a solution zip: it has no customizations.xml at its root.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return new(path + "!/" + entry.FullName, SolutionSchemaValidator.Validate(copy), null);
    }

    private static IReadOnlyList<SchemaIssue> ValidateFile(string file)
    {
        using var stream = File.OpenRead(file);
        return SolutionSchemaValidator.Validate(stream);
    }
}
