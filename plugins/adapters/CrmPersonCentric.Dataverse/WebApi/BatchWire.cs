using System.Globalization;
using System.Net;
using System.Text;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>
/// Writes and reads the multipart/mixed wire format of OData $batch (lines end with CRLF). A changeset wraps the
/// operations so the service runs them as one transaction.
/// </summary>
public static class BatchWire
{
    /// <summary>The most requests one $batch may hold.</summary>
    public const int MaxOperations = 1000;

    /// <summary>Writes the body; returns it with the boundary to put in Content-Type.</summary>
    public static (string Body, string Boundary) Write(IReadOnlyList<BatchOperation> operations, Uri baseAddress, bool atomic)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (operations.Count is 0 or > MaxOperations)
        {
            throw new ArgumentOutOfRangeException(nameof(operations), operations.Count, $"A $batch holds 1 to {MaxOperations} operations.");
        }

        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder();
        body.Append("--").Append(batch).Append("\r\n");
        if (atomic)
        {
            body.Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        }

        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            if (atomic)
            {
                body.Append("--").Append(changeset).Append("\r\n");
            }
            else if (i > 0)
            {
                body.Append("--").Append(batch).Append("\r\n");
            }

            body.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
            if (atomic)
            {
                body.Append("Content-ID: ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }

            body.Append("\r\n").Append(op.Method.ToUpperInvariant()).Append(' ').Append(new Uri(baseAddress, op.RelativeUrl).AbsoluteUri).Append(" HTTP/1.1\r\n");
            if (op.IfMatch is not null)
            {
                body.Append("If-Match: ").Append(op.IfMatch).Append("\r\n");
            }

            if (op.Body is not null)
            {
                body.Append("Content-Type: application/json;type=entry\r\n\r\n").Append(op.Body.ToJsonString()).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        if (atomic)
        {
            body.Append("--").Append(changeset).Append("--\r\n");
        }

        body.Append("--").Append(batch).Append("--\r\n");
        return (body.ToString(), batch);
    }

    /// <summary>Reads a multipart/mixed $batch response (nested changesets included), tolerating LF-only lines.</summary>
    /// <exception cref="FormatException">The body is not a batch response.</exception>
    public static IReadOnlyList<BatchResponseItem> Read(string body, string boundary)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(boundary);
        var items = new List<BatchResponseItem>();
        ReadParts(body.Replace("\r\n", "\n", StringComparison.Ordinal), boundary, items);
        return items;
    }

    /// <summary>The boundary parameter of a multipart Content-Type, or null.</summary>
    public static string? BoundaryOf(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    private static void ReadParts(string body, string boundary, List<BatchResponseItem> items)
    {
        var delimiter = "--" + boundary;
        var sections = body.Split(delimiter);
        if (sections.Length < 2)
        {
            throw new FormatException($"The batch response has no part with boundary '{boundary}'.");
        }

        foreach (var section in sections.Skip(1))
        {
            if (section.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var (headers, content) = SplitHeaders(section.TrimStart('\n'));
            var contentType = headers.GetValueOrDefault("content-type");
            if (contentType?.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) == true)
            {
                ReadParts(content, BoundaryOf(contentType) ?? throw new FormatException("A nested changeset has no boundary."), items);
            }
            else
            {
                items.Add(ReadHttpResponse(headers.GetValueOrDefault("content-id"), content));
            }
        }
    }

    private static BatchResponseItem ReadHttpResponse(string? contentId, string content)
    {
        var (statusLine, rest) = SplitFirstLine(content);
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"A batch part does not start with an HTTP status line (found '{statusLine}').");
        }

        var (headers, payload) = SplitHeaders(rest);
        Uri? entityId = headers.TryGetValue("odata-entityid", out var id) && Uri.TryCreate(id, UriKind.Absolute, out var uri) ? uri : null;
        var trimmed = payload.Trim();
        return new BatchResponseItem(contentId, (HttpStatusCode)status, entityId, trimmed.Length == 0 ? null : trimmed);
    }

    private static (Dictionary<string, string> Headers, string Content) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = text;
        while (true)
        {
            var (line, next) = SplitFirstLine(rest);
            rest = next;
            if (line.Length == 0)
            {
                return (headers, rest);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            if (rest.Length == 0)
            {
                return (headers, string.Empty);
            }
        }
    }

    private static (string Line, string Remainder) SplitFirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? (text.TrimEnd(), string.Empty) : (text[..end].TrimEnd(), text[(end + 1)..]);
    }
}
