namespace CrmPersonCentric.Testing;

/// <summary>Edits of a CSV-layout lake export (as <c>LakeExportWriter</c> and <c>cpc sample --lake csv</c> write it), for tests of data the sample does not hold.</summary>
public static class LakeCsvEdits
{
    /// <summary>
    /// Gives the first tagged contact with aspirations one more aspiration item of <paramref name="length"/> characters
    /// ('q' repeated; a trait holds at most 100). Returns the contact's id.
    /// </summary>
    public static string AddLongAspiration(string lakeFolder, int length = 150)
    {
        // Columns of the contact files: Id, contactid, cpc_personaid, parentcustomerid, cpc_aspirations, …
        var contacts = Directory.GetFiles(Path.Combine(lakeFolder, "contact"), "*.csv")[0];
        var lines = File.ReadAllLines(contacts);
        var at = Array.FindIndex(lines, l => l.Split(',') is var c && c[2].Length > 0 && c[4].Length > 0);
        var fields = lines[at].Split(',');
        fields[4] += "; " + new string('q', length);
        lines[at] = string.Join(',', fields);
        File.WriteAllLines(contacts, lines);
        return fields[0];
    }
}
