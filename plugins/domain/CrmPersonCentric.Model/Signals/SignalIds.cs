namespace CrmPersonCentric.Model.Signals;

/// <summary>What a door's contact ids are.</summary>
public enum SignalIds
{
    /// <summary>Dataverse contact ids: GUIDs (the signals API, the webhook), written back in their "D" form.</summary>
    DataverseGuids,

    /// <summary>An export's own ids (a data directory): any text up to the id length limit.</summary>
    ExportIds,
}
