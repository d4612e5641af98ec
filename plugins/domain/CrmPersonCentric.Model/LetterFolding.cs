namespace CrmPersonCentric.Model;

/// <summary>
/// Parses names as exports spell them, with spaces, hyphens or underscores between the words ("Customer Success",
/// "peer-referral"): only the letters count, in any case. Read once per signal or contact, so the letters are gathered
/// on the stack, not in a new string.
/// </summary>
internal static class LetterFolding
{
    private const int StackLimit = 64;

    /// <summary>The enum value whose name is the text's letters (any case); false when there are none or no such name.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        Span<char> letters = text.Length <= StackLimit ? stackalloc char[text.Length] : new char[text.Length];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters[count++] = c;
            }
        }

        value = default;
        return count > 0 && Enum.TryParse(letters[..count], ignoreCase: true, out value);
    }
}
