namespace CrmPersonCentric.Import;

/// <summary>The file names of a data directory (see docs/data-format.md).</summary>
public static class DataFiles
{
    /// <summary>Optional export metadata (organisation, exportedOn).</summary>
    public const string Export = "export.json";

    /// <summary>Required persona definitions.</summary>
    public const string Personas = "personas.json";

    /// <summary>Required contact profiles.</summary>
    public const string Contacts = "contacts.csv";

    /// <summary>Optional behaviour signals.</summary>
    public const string Signals = "signals.csv";

    /// <summary>Optional drift rules; the embedded defaults otherwise.</summary>
    public const string Rules = "rules.json";

    /// <summary>Optional trait taxonomy; the embedded default otherwise.</summary>
    public const string Taxonomy = "taxonomy.json";

    /// <summary>Optional messaging theme taxonomy; the embedded default otherwise.</summary>
    public const string Themes = "themes.json";

    /// <summary>The contact columns, in the order the writer emits them.</summary>
    public static readonly string[] ContactColumns =
    [
        "contactid", "personaid", "industry", "employees", "region",
        "aspirations", "corefears", "peergroups", "communities",
        "deeppersonaldesire", "emotionalstakes", "trustsignals", "profileupdatedon",
    ];

    /// <summary>The signal columns, in the order the writer emits them.</summary>
    public static readonly string[] SignalColumns = ["signalid", "contactid", "type", "occurredon", "theme", "layer", "source", "relatedcontactid"];
}
