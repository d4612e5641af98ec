using System.Text;

namespace CrmPersonCentric.Import;

/// <summary>
/// How the data directory's files are read as text: UTF-8 (with or without its byte order mark), or UTF-16/32 when the
/// file starts with their byte order mark. Bytes that are not UTF-8 (a file saved as Windows-1252, a binary file) fail
/// with <see cref="DecoderFallbackException"/> instead of turning silently into replacement characters.
/// </summary>
internal static class DataText
{
    /// <summary>What a file that is not UTF-8 gets told.</summary>
    public const string NotUtf8 = "is not UTF-8 text: save it as UTF-8 (Excel: \"CSV UTF-8\"; most editors: Save with encoding UTF-8)";

    /// <summary>Bytes read from the file at a time: exports run to hundreds of megabytes, and the default 4 KB cost a system call each.</summary>
    private const int ReadSize = 1 << 16;

    /// <summary>Opens the file for reading as text, front to back.</summary>
    public static StreamReader Open(string path) =>
        new(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true,
            bufferSize: ReadSize);

    /// <summary>The whole file as text.</summary>
    public static string ReadAll(string path)
    {
        using var reader = Open(path);
        return reader.ReadToEnd();
    }
}
