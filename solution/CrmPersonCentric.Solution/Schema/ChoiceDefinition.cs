using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A global choice (option set) whose options come from a C# enum, so code and solution cannot disagree.</summary>
/// <param name="Name">Option set name.</param>
/// <param name="DisplayName">Label shown to users.</param>
/// <param name="Options">Options in value order.</param>
internal sealed record ChoiceDefinition(string Name, string DisplayName, ImmutableArray<ChoiceOption> Options)
{
    /// <summary>A choice with one option per enum member, valued as the code reads and writes it (<see cref="Choices.From{T}"/>).</summary>
    public static ChoiceDefinition FromEnum<T>(string name, string displayName, int offset, IReadOnlyDictionary<T, string>? labels = null)
        where T : struct, Enum =>
        new(name, displayName, [.. Enum.GetValues<T>()
            .Select(v => new ChoiceOption(Choices.From(v, offset), labels is not null && labels.TryGetValue(v, out var l) ? l : Humanize(v.ToString())))
            .OrderBy(o => o.Value)]);

    /// <summary>"EventAttendance" → "Event attendance".</summary>
    internal static string Humanize(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
